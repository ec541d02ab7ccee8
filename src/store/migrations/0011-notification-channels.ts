/**
 * Each person's channels: for each kind of notification (mention, reply, change, reminder,
 * digest) whether it reaches them in the app only, by email or in chat (account `*` holds the
 * company default), each account's personal incoming chat webhook, and the deliveries waiting
 * to go out by mail or chat, gathered into one message per account, kind and few minutes
 * (docs/decisions/0032). Frozen in time like every migration.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_channels")
    // `user_id|kind`: one row per account (or `*`, the company default) and kind.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // `in-app`, `email` or `chat`.
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("personal_chat_webhooks")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("notification_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    // A path inside the app.
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // The job key of the message that took it; null while it waits.
    .addColumn("batch", "text")
    .execute();
  await db.schema
    .createIndex("notification_deliveries_waiting")
    .on("notification_deliveries")
    .columns(["user_id", "channel", "kind", "batch"])
    .execute();
  await db.schema
    .createIndex("notification_deliveries_batch")
    .on("notification_deliveries")
    .column("batch")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "notification_deliveries",
    "personal_chat_webhooks",
    "notification_channels",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
