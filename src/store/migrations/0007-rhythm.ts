/**
 * The weekly rhythm: each person's check-in reminder cadence (and the company default under
 * person `*`), one-click unsubscribes per address and kind of message, chat webhooks per team,
 * one-time account links (invites and password resets, stored as hashes), and the sent-marker
 * of every mail a job sends (its deterministic Message-ID), written before the send.
 * Frozen in time like every migration: `Kysely<any>`, never edited once released.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reminder_preferences")
    // A person's id, or `*` for the company default.
    .addColumn("person_id", "text", (c) => c.primaryKey())
    .addColumn("cadence", "text", (c) => c.notNull())
    // 0 = Sunday … 6 = Saturday, in the time zone below.
    .addColumn("weekday", "integer", (c) => c.notNull())
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("mail_unsubscribes")
    // `kind|address`, the address in lower case: one row per address and kind.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("chat_webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("chat_webhooks_team").on("chat_webhooks").column("team_id").execute();
  await db.schema
    .createTable("account_links")
    // sha256 of the secret in the mailed link.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("mail_sends")
    // The deterministic Message-ID of the job's mail.
    .addColumn("message_id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    // `sending` before the SMTP conversation starts, `sent` once the server accepted.
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "mail_sends",
    "account_links",
    "chat_webhooks",
    "mail_unsubscribes",
    "reminder_preferences",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
