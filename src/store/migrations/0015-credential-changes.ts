/**
 * On PostgreSQL, a notice on the channel `okr_credentials` whenever a write may change what a
 * signed-in request is: an account, an API token's use (revoked, expiry, owner, secret), a
 * session's (ended, owner, secret, CSRF token) or a person an account stands for. Every server
 * process listens, and keeps the credentials it looked up only while it is listening
 * (docs/decisions/0039). A token's last use and a session's sliding expiry are written often and
 * change nothing a request is allowed, so they send no notice. The notice is sent when the
 * writing transaction commits, whatever path wrote (use cases, the CLI, a restore, plain SQL).
 * SQLite has no such channel and needs none: there a look-up costs microseconds in process.
 * Frozen in time like 0001.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

const WATCHED: readonly { table: string; columns?: string[] }[] = [
  { table: "users" },
  { table: "api_tokens", columns: ["id", "user_id", "token_hash", "expires_at", "revoked_at"] },
  { table: "sessions", columns: ["id", "user_id", "csrf_token"] },
  { table: "people", columns: ["id"] },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function okr_notify_credentials() returns trigger language plpgsql as $$
    begin
      perform pg_notify('okr_credentials', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const { table, columns } of WATCHED) {
    const update = columns ? `update of ${columns.join(", ")}` : "update";
    await sql
      .raw(
        `create trigger ${table}_notify_credentials after insert or ${update} or delete or truncate on ${table} for each statement execute function okr_notify_credentials()`,
      )
      .execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table } of WATCHED) {
    await sql.raw(`drop trigger if exists ${table}_notify_credentials on ${table}`).execute(db);
  }
  await sql`drop function if exists okr_notify_credentials()`.execute(db);
}
