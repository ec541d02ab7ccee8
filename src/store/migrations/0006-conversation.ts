/**
 * The conversation on an objective or key result: comments (Markdown, with the people they
 * mention), in-app notifications per user, and who follows which item (a row with
 * `following = 0` records that an owner unfollowed what they would follow by default).
 * Frozen in time like every migration: `Kysely<any>`, never edited once released.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    // An objective's or a key result's id (they share one id space); "objective" or "key_result".
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("item_kind", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // JSON array of the ids of the people the body mentions.
    .addColumn("mentions", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comments_item_idx")
    .on("comments")
    .columns(["item_id", "created_at"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    // A path inside the app: "/key-results/01H…".
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("item_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("follows")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("item_kind", "text", (c) => c.notNull())
    // 1 follows; 0 unfollowed (an owner who would follow by default).
    .addColumn("following", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("follows_user_item", ["user_id", "item_id"])
    .execute();
  await db.schema.createIndex("follows_item_idx").on("follows").column("item_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and see no table types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("follows").ifExists().execute();
  await db.schema.dropTable("notifications").ifExists().execute();
  await db.schema.dropTable("comments").ifExists().execute();
}
