/**
 * `audit_journal`: where every audit event is written first, in its change's transaction, as
 * one row with no index to keep; the job runner moves them into `audit_events` (and its four
 * indexes) in batches, and the audit log reads both (decisions/0053). Frozen in time like 0001.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_journal")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_journal").ifExists().execute();
}
