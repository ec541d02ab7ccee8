/**
 * One source model for key results and KPIs: `key_result_sources` becomes `sources`, where a
 * row belongs to exactly one key result or one KPI (each has at most one source). Rows move
 * over with their readings and errors; a moved row's id is its key result's id. A KPI reading
 * a source wrote keeps the raw reading beside it (`kpi_readings.reading`), as a key result's
 * source check-in does in `source_readings`. Frozen in time like every migration.
 */
import { type Kysely, sql } from "kysely";

const COLUMNS = [
  "connection_id",
  "kind",
  "config",
  "last_reading",
  "last_success_at",
  "last_error",
  "last_error_at",
  "created_at",
  "updated_at",
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_result_id", "text", (c) =>
      c.unique().references("key_results.id").onDelete("cascade"),
    )
    .addColumn("kpi_id", "text", (c) => c.unique().references("kpis.id").onDelete("cascade"))
    .addColumn("connection_id", "text", (c) => c.notNull().references("connections.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("last_reading", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("sources_one_owner", sql`(key_result_id is null) <> (kpi_id is null)`)
    .execute();
  await db
    .insertInto("sources")
    .columns(["id", "key_result_id", ...COLUMNS])
    .expression(
      db.selectFrom("key_result_sources").select(["key_result_id", "key_result_id", ...COLUMNS]),
    )
    .execute();
  await db.schema.dropIndex("key_result_sources_connection").execute();
  await db.schema.dropTable("key_result_sources").execute();
  await db.schema.createIndex("sources_connection").on("sources").column("connection_id").execute();
  await db.schema.alterTable("kpi_readings").addColumn("reading", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("kpi_readings").dropColumn("reading").execute();
  await db.schema
    .createTable("key_result_sources")
    .addColumn("key_result_id", "text", (c) =>
      c.primaryKey().references("key_results.id").onDelete("cascade"),
    )
    .addColumn("connection_id", "text", (c) => c.notNull().references("connections.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("last_reading", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("key_result_sources")
    .columns(["key_result_id", ...COLUMNS])
    .expression(
      db
        .selectFrom("sources")
        .select(["key_result_id", ...COLUMNS])
        .where("key_result_id", "is not", null),
    )
    .execute();
  await db.schema.dropTable("sources").execute();
  await db.schema
    .createIndex("key_result_sources_connection")
    .on("key_result_sources")
    .column("connection_id")
    .execute();
}
