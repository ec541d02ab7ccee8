/**
 * An empty SQLite file made in one step (`fresh-schema.ts`) is the file the migrations make
 * step by step: the same tables, indexes and triggers in the same order, the same rows, every
 * migration recorded, nothing pending. Only an empty file, and only with the code's own list
 * of migrations, takes that way; PostgreSQL always runs the migrations.
 */
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "../../test/support/databases.js";
import { type OpenedDatabase, openDatabase } from "./database.js";
import { type FreshSchema, readFreshSchema } from "./fresh-schema.js";
import { listPendingMigrations, migrateToLatest } from "./migrate.js";
import { MIGRATIONS } from "./migrations/index.js";

const NAMES = Object.keys(MIGRATIONS);

// biome-ignore lint/suspicious/noExplicitAny: the schema tables are read without their types
type AnyDb = Kysely<any>;

const made: { empty: EmptyDatabase; opened: OpenedDatabase }[] = [];

async function openEmpty(dialect: "sqlite" | "postgres" = "sqlite"): Promise<AnyDb> {
  const empty = await createEmptyDatabase(dialect);
  const opened = await openDatabase(empty.url);
  made.push({ empty, opened });
  return opened.db;
}

afterEach(async () => {
  for (const { empty, opened } of made.splice(0)) {
    await opened.close();
    await empty.drop();
  }
});

/** A file migrated step by step, and what it is made of. */
async function migratedStepByStep(): Promise<{ db: AnyDb; schema: FreshSchema }> {
  const db = await openEmpty();
  await migrateToLatest(db, { freshSchema: false });
  return { db, schema: await readFreshSchema(db, NAMES) };
}

/** Everything SQLite keeps of a file's schema, in the order it was made. */
async function masterOf(db: AnyDb) {
  return (
    await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
      select type, name, tbl_name, sql from sqlite_master order by rowid`.execute(db)
  ).rows;
}

async function recordedMigrations(db: AnyDb): Promise<string[]> {
  const rows = await db.selectFrom("okr_migrations").select("name").orderBy("name").execute();
  return rows.map((row) => row.name as string);
}

describe("an empty SQLite file made in one step", () => {
  it("is the file the migrations make, with every migration recorded and nothing pending", async () => {
    const { db: stepByStep, schema } = await migratedStepByStep();
    expect(schema.statements.length).toBeGreaterThan(50);
    // Migrations write rows too (the write counters' first values): they come along.
    expect(Object.keys(schema.rows)).toContain("write_counters");

    const fresh = await openEmpty();
    const started: string[] = [];
    const report = await migrateToLatest(fresh, {
      freshSchema: schema,
      onStart: (name) => started.push(name),
    });
    expect(report.applied).toEqual(NAMES);
    expect(started).toEqual(NAMES);
    expect(await masterOf(fresh)).toEqual(await masterOf(stepByStep));
    expect(await readFreshSchema(fresh, NAMES)).toEqual(schema);
    expect(await recordedMigrations(fresh)).toEqual(await recordedMigrations(stepByStep));
    expect(await listPendingMigrations(fresh)).toEqual([]);
    expect((await migrateToLatest(fresh)).applied).toEqual([]);
    expect(await fresh.selectFrom("okr_migrations_lock").selectAll().execute()).toEqual(
      await stepByStep.selectFrom("okr_migrations_lock").selectAll().execute(),
    );
  });

  it("is not taken by a file that has tables, nor with another list of migrations", async () => {
    const { schema } = await migratedStepByStep();
    // Made by an older build, one migration short: the migrations run instead.
    const older = {
      ...schema,
      migrations: NAMES.slice(0, -1),
      statements: schema.statements.slice(0, -1),
    };
    const fresh = await openEmpty();
    expect((await migrateToLatest(fresh, { freshSchema: older })).applied).toEqual(NAMES);
    expect(await readFreshSchema(fresh, NAMES)).toEqual(schema);

    // A file migrated half way: the rest of the migrations run, not the one step.
    const half = await openEmpty();
    await sql`create table kept_by_someone (id integer primary key)`.execute(half);
    await expect(migrateToLatest(half, { freshSchema: schema })).resolves.toMatchObject({
      applied: NAMES,
    });
    const names = (await masterOf(half)).map((row) => row.name);
    expect(names).toContain("kept_by_someone");
    expect(names.indexOf("kept_by_someone")).toBe(0);
  });

  it("is made once when several processes open one new file at the same time", async () => {
    const { schema } = await migratedStepByStep();
    const empty = await createEmptyDatabase("sqlite");
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase(empty.url)));
    try {
      const reports = await Promise.all(
        opened.map((o) => migrateToLatest(o.db, { freshSchema: schema })),
      );
      expect(reports.flatMap((report) => report.applied)).toEqual(NAMES);
      expect(await readFreshSchema(opened[0]?.db as AnyDb, NAMES)).toEqual(schema);
    } finally {
      for (const o of opened) await o.close();
      await empty.drop();
    }
  });

  it("is never taken on PostgreSQL, whose migrations make its own triggers", async () => {
    const { schema } = await migratedStepByStep();
    const pg = await openEmpty("postgres");
    expect((await migrateToLatest(pg, { freshSchema: schema })).applied).toEqual(NAMES);
    expect(await listPendingMigrations(pg)).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_trigger where tgname like '%_steps_%'`.execute(pg);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });
});
