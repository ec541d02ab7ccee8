/**
 * Accounts a company can trust: users can be disabled, sessions remember their device and last
 * use, sign-in attempts are counted in the database (shared by every process), and single
 * sign-on keeps each started sign-in (state, nonce, PKCE verifier) until its answer returns.
 * Self-contained: it names only tables it adds or columns it adds.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("sessions").addColumn("last_seen_at", "text").execute();

  await db.schema
    .createTable("sign_in_attempts")
    // sha256 of "email|address": neither is kept in clear.
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_attempts_window_start_idx")
    .on("sign_in_attempts")
    .column("window_start")
    .execute();

  await db.schema
    .createTable("oidc_sign_ins")
    // sha256 of the secret in the browser's okr_oidc cookie.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("oidc_sign_ins_expires_at_idx")
    .on("oidc_sign_ins")
    .column("expires_at")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and see no table types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("oidc_sign_ins").ifExists().execute();
  await db.schema.dropTable("sign_in_attempts").ifExists().execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await db.schema.alterTable("sessions").dropColumn("user_agent").execute();
  await db.schema.alterTable("users").dropColumn("disabled_at").execute();
}
