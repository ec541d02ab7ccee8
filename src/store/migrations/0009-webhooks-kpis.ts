/**
 * Webhooks out and KPIs. The webhooks table of 0001 gets a description and an edit time; each
 * event sent to a webhook gets a delivery row (its signed body, status, attempts, the last
 * answer's code and an excerpt of its body). KPIs are named metrics without a period: a target
 * band, an owner, a source (`manual`, or a source kind with its id) and a history of readings.
 * A key result may follow a KPI: `key_result_kpis` says which, one KPI per key result.
 * Frozen in time like every migration: `Kysely<any>`, never edited once released.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("webhooks")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("webhooks").addColumn("updated_at", "text").execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("webhook_id", "text", (c) =>
      c.notNull().references("webhooks.id").onDelete("cascade"),
    )
    // The event's id: the same in every delivery of that event (receivers deduplicate on it).
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    // The JSON body exactly as signed and sent.
    .addColumn("body", "text", (c) => c.notNull())
    // pending | delivered | failing | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("response_code", "integer")
    .addColumn("response_excerpt", "text")
    .addColumn("error", "text")
    .addColumn("redelivery_of", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_attempt_at", "text")
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_by_webhook")
    .on("webhook_deliveries")
    .columns(["webhook_id", "created_at"])
    .execute();

  await db.schema
    .createTable("kpis")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("target_low", "real")
    .addColumn("target_high", "real")
    .addColumn("owner_kind", "text")
    .addColumn("owner_id", "text")
    .addColumn("owner_name", "text")
    // manual, or the kind of source that reads it; source_id names that source.
    .addColumn("source_kind", "text", (c) => c.notNull().defaultTo("manual"))
    .addColumn("source_id", "text")
    .addColumn("current", "real")
    .addColumn("current_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("kpi_readings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("manual"))
    .addColumn("author_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("kpi_readings_by_kpi")
    .on("kpi_readings")
    .columns(["kpi_id", "at"])
    .execute();

  await db.schema
    .createTable("key_result_kpis")
    .addColumn("key_result_id", "text", (c) =>
      c.primaryKey().references("key_results.id").onDelete("cascade"),
    )
    .addColumn("kpi_id", "text", (c) => c.notNull().references("kpis.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("key_result_kpis_by_kpi")
    .on("key_result_kpis")
    .column("kpi_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["key_result_kpis", "kpi_readings", "kpis", "webhook_deliveries"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("webhooks").dropColumn("updated_at").execute();
  await db.schema.alterTable("webhooks").dropColumn("description").execute();
}
