/**
 * Sources of progress: connections to GitLab, GitHub, Prometheus and JSON endpoints (their
 * tokens and webhook secrets encrypted by the app before they reach a row), a key result's one
 * source with its last reading and last error, and the raw reading behind each check-in a
 * source made. Frozen in time like every migration: `Kysely<any>`, never edited once released.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("base_url", "text", (c) => c.notNull())
    // AES-256-GCM, written by the app: `v1:` + base64(iv | tag | ciphertext).
    .addColumn("token_cipher", "text")
    .addColumn("webhook_secret_cipher", "text")
    // The header the token goes in (HTTP JSON connections; others use their API's own).
    .addColumn("auth_header", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("key_result_sources")
    .addColumn("key_result_id", "text", (c) =>
      c.primaryKey().references("key_results.id").onDelete("cascade"),
    )
    .addColumn("connection_id", "text", (c) => c.notNull().references("connections.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    // JSON: the source's settings (project, filters, query, JSON path…).
    .addColumn("config", "text", (c) => c.notNull())
    // JSON: the last good reading, kept when a later refresh fails.
    .addColumn("last_reading", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("key_result_sources_connection")
    .on("key_result_sources")
    .column("connection_id")
    .execute();
  await db.schema
    .createTable("source_readings")
    .addColumn("check_in_id", "text", (c) =>
      c.primaryKey().references("check_ins.id").onDelete("cascade"),
    )
    .addColumn("key_result_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // JSON: the reading as the source answered it.
    .addColumn("reading", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("source_readings").execute();
  await db.schema.dropTable("key_result_sources").execute();
  await db.schema.dropTable("connections").execute();
}
