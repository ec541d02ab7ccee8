/**
 * A counter per kind of rarely written data that every check-in consults: who follows what
 * (`follows`), which accounts are which people (`accounts`: users and people) and the active
 * webhooks (`webhooks`). Database triggers step them on every write to those tables, whatever
 * path writes (use cases, import, restore, another process), so a process may keep what it
 * read of them as long as the counter has not moved (docs/decisions/0035). Frozen in time
 * like 0001.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

const COUNTED: readonly { table: string; counter: string; columns?: string[] }[] = [
  { table: "follows", counter: "follows" },
  { table: "users", counter: "accounts", columns: ["person_id", "disabled_at"] },
  { table: "people", counter: "accounts" },
  { table: "webhooks", counter: "webhooks" },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("write_counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("n", "bigint", (c) => c.notNull())
    .execute();
  const names = [...new Set(COUNTED.map((c) => c.counter))];
  await db
    .insertInto("write_counters")
    .values(names.map((name) => ({ name, n: 0 })))
    .execute();
  if (isPostgres(db)) {
    await sql`create function okr_step_write_counter() returns trigger language plpgsql as $$
      begin
        update write_counters set n = n + 1 where name = tg_argv[0];
        return null;
      end $$`.execute(db);
    for (const { table, counter, columns } of COUNTED) {
      const update = columns ? `update of ${columns.join(", ")}` : "update";
      await sql
        .raw(
          `create trigger ${table}_steps_${counter} after insert or ${update} or delete or truncate on ${table} for each statement execute function okr_step_write_counter('${counter}')`,
        )
        .execute(db);
    }
    return;
  }
  for (const { table, counter, columns } of COUNTED) {
    for (const event of [
      "insert",
      columns ? `update of ${columns.join(", ")}` : "update",
      "delete",
    ]) {
      const name = `${table}_${event.split(" ")[0]}_steps_${counter}`;
      await sql
        .raw(
          `create trigger ${name} after ${event} on ${table} begin update write_counters set n = n + 1 where name = '${counter}'; end`,
        )
        .execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see isPostgres()
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  for (const { table, counter } of COUNTED) {
    if (postgres) {
      await sql.raw(`drop trigger if exists ${table}_steps_${counter} on ${table}`).execute(db);
      continue;
    }
    for (const event of ["insert", "update", "delete"]) {
      await sql.raw(`drop trigger if exists ${table}_${event}_steps_${counter}`).execute(db);
    }
  }
  if (postgres) await sql`drop function if exists okr_step_write_counter()`.execute(db);
  await db.schema.dropTable("write_counters").ifExists().execute();
}
