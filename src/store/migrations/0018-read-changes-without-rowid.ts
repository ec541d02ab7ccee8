/**
 * `read_changes` as a `WITHOUT ROWID` table on SQLite: its rows are found only by their key
 * (a scope's steps after a version), so the key is the table. Before, each check-in's log row
 * was written twice, into the table by its hidden rowid and into the key's index: about a
 * page more in every check-in's commit (decisions/0054). PostgreSQL keeps rows in a heap
 * whatever the table says, so nothing changes there. Frozen in time like 0001.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Makes `read_changes` again with `options`, keeping its rows. */
// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
async function remake(db: Kysely<any>, options: "without rowid" | ""): Promise<void> {
  await sql`create table read_changes_remade (
    scope text not null,
    version bigint not null,
    key_result_id text not null,
    check_in_id text not null,
    constraint read_changes_pk primary key (scope, version, check_in_id)
  ) ${sql.raw(options)}`.execute(db);
  await sql`insert into read_changes_remade (scope, version, key_result_id, check_in_id)
    select scope, version, key_result_id, check_in_id from read_changes`.execute(db);
  await sql`drop table read_changes`.execute(db);
  await sql`alter table read_changes_remade rename to read_changes`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await remake(db, "without rowid");
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await remake(db, "");
}
