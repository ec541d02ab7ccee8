/**
 * What each step of a period's read version was, when it was only check-ins: one row per
 * check-in, under the version its transaction bumped the period to. A process holding a
 * period's answers at version N reads the rows after N and, when every step since is there,
 * applies those check-ins instead of reading the whole period again (docs/decisions/0029).
 * Frozen in time like 0001.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("read_changes")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("key_result_id", "text", (c) => c.notNull())
    .addColumn("check_in_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("read_changes_pk", ["scope", "version", "check_in_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("read_changes").ifExists().execute();
}
