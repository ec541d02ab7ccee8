/**
 * A fresh SQLite file gets the schema the migrations make in one step: the statements
 * SQLite keeps for every table, index and trigger of a file migrated step by step, run in one
 * write transaction, with the migrations recorded as applied. `npm run build` writes them
 * from the migrations themselves (`scripts/fresh-schema.mjs` runs them on a database in
 * memory), so the migrations stay the one place the schema is made. Only a file with no
 * tables at all takes this way, and only with a list of migrations the same as the code's;
 * anything else runs the migrations (decisions/0050).
 */
import { readFileSync } from "node:fs";
import { type Kysely, sql } from "kysely";

/** What a fresh file is made of: the statements in the order SQLite made them. */
export interface FreshSchema {
  /** The migrations the schema is the result of, in order. */
  migrations: string[];
  /** `CREATE` statements of the tables, indexes and triggers, in the order they were made. */
  statements: string[];
  /** The rows migrations write (a counter's first value, say), by table. */
  rows: Record<string, Record<string, unknown>[]>;
}

/** Kysely's own record of the migrations: written for the fresh file, not copied. */
const MIGRATION_TABLES = new Set(["okr_migrations", "okr_migrations_lock"]);

/** Where `npm run build` writes it: beside the compiled store, one folder below `dist/`. */
const BUILT = new URL("../store/fresh-sqlite-schema.json", import.meta.url);

/** The schema `npm run build` wrote, or undefined (running from source, or not built). */
export function builtFreshSchema(): FreshSchema | undefined {
  try {
    return JSON.parse(readFileSync(BUILT, "utf8")) as FreshSchema;
  } catch {
    return undefined;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the schema tables have no types here
type AnyDb = Kysely<any>;

/** The fresh schema of a SQLite database the migrations made, step by step. */
export async function readFreshSchema(db: AnyDb, migrations: string[]): Promise<FreshSchema> {
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master
    where sql is not null and name not like 'sqlite_%'
    order by rowid`.execute(db);
  const tables = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%'
    order by rowid`.execute(db);
  const data: FreshSchema["rows"] = {};
  for (const { name } of tables.rows) {
    if (MIGRATION_TABLES.has(name)) continue;
    const found = await db.selectFrom(name).selectAll().execute();
    if (found.length > 0) data[name] = found;
  }
  return { migrations, statements: rows.map((row) => row.sql), rows: data };
}

/**
 * Makes an empty SQLite file's schema from `schema`, recording `migrations` as applied in
 * Kysely's tables (`okr_migrations`, `okr_migrations_lock`), in one write transaction that
 * first looks again whether the file is empty: of several processes opening one new file,
 * one makes it and the others find it made. Answers whether it made it.
 */
export async function makeFreshSchema(
  db: AnyDb,
  schema: FreshSchema,
  migrations: string[],
): Promise<boolean> {
  if (!sameList(schema.migrations, migrations)) return false;
  // Looked at first without the write lock: a file in use is never empty.
  if (!(await isEmpty(db))) return false;
  return db.transaction().execute(async (trx) => {
    if (!(await isEmpty(trx))) return false;
    for (const statement of schema.statements) await sql.raw(statement).execute(trx);
    for (const [table, rows] of Object.entries(schema.rows)) {
      await trx.insertInto(table).values(rows).execute();
    }
    const at = new Date().toISOString();
    await trx
      .insertInto("okr_migrations")
      .values(migrations.map((name) => ({ name, timestamp: at })))
      .execute();
    await trx
      .insertInto("okr_migrations_lock")
      .values({ id: "migration_lock", is_locked: 0 })
      .execute();
    return true;
  });
}

async function isEmpty(db: AnyDb): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where name not like 'sqlite_%'`.execute(db);
  return Number(rows[0]?.n ?? 0) === 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
