/**
 * One counter per period (and one, `*`, for the whole workspace) that every write bumps in
 * its own transaction. A process keeps encoded answers keyed by these counters, so one cheap
 * read of two rows tells it whether any process has written since. Frozen in time like 0001.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("read_versions")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("read_versions").ifExists().execute();
}
