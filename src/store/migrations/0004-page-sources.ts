/**
 * Pages that live in git: the text of the handbook page a period was imported from, and a
 * snapshot of each item as that import left it (its line, fields, parent), so an export can
 * write the page back unchanged and rewrite only the lines whose data changed since.
 * Frozen in time like every migration: `Kysely<any>`, never edited once released.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("page_sources")
    .addColumn("period_id", "text", (c) =>
      c.primaryKey().references("periods.id").onDelete("cascade"),
    )
    // The page exactly as imported (or as last written back by export or sync).
    .addColumn("text", "text", (c) => c.notNull())
    // JSON array: per item, its id, kind, line, parent and fields as stored by that import.
    .addColumn("items", "text", (c) => c.notNull())
    // Which quarter of a page holding several: its heading's line, 0 for a one-period page.
    .addColumn("section_line", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("page_sources").execute();
}
