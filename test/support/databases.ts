/**
 * Fresh, empty, migrated databases for tests, one per call: a temp SQLite file, or a new
 * database on the test PostgreSQL server (dropped at close). Use with
 * `describe.each(DIALECTS)` so every test name says which dialect it ran on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { type DialectName, type OpenedDatabase, openDatabase } from "../../src/store/database.js";
import { migrateTo } from "../../src/store/migrate.js";

export const DIALECTS: readonly DialectName[] = ["sqlite", "postgres"];

export interface EmptyDatabase {
  dialect: DialectName;
  url: string;
  /** Removes the database (drops it, or deletes the file). */
  drop(): Promise<void>;
}

let counter = 0;

/** The URL of the test PostgreSQL server, or a clear failure when the setup provided none. */
export function testPostgresUrl(): string {
  const url = inject("postgresUrl");
  if (!url) {
    throw new Error(
      "No test PostgreSQL: this project did not run test/support/global-setup.ts (or set OKR_TEST_POSTGRES_URL)",
    );
  }
  return url;
}

/** A new empty database (no tables) and its URL, for tests that open it themselves (CLI, server). */
export async function createEmptyDatabase(dialect: DialectName): Promise<EmptyDatabase> {
  const name = `okr_t_${process.pid}_${Date.now().toString(36)}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "okr-sqlite-"));
    return {
      dialect,
      url: `sqlite:${join(dir, `${name}.db`)}`,
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = testPostgresUrl();
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    async drop() {
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

async function withAdminClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface OpenTestDatabaseOptions {
  /** Apply migrations. Default true. */
  migrate?: boolean;
}

/** A fresh database of the dialect, migrated; `close()` also deletes it. */
export async function openTestDatabase(
  dialect: DialectName,
  options: OpenTestDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const empty = await createEmptyDatabase(dialect);
  let opened: OpenedDatabase;
  try {
    // As a server opens it: on PostgreSQL, credentials looked up are kept while nothing changed.
    opened = await openDatabase(empty.url, {
      migrate: options.migrate ?? true,
      poolSize: 4,
      watchCredentials: true,
    });
  } catch (error) {
    await empty.drop();
    throw error;
  }
  return {
    ...opened,
    async close() {
      await opened.close();
      await empty.drop();
    },
  };
}

/**
 * A fresh database migrated up to `migration` and no further, for a test of the migrations after
 * it; `raw` is the same database seen without table types, as the tables are at each step.
 */
export async function openTestDatabaseAt(
  dialect: DialectName,
  migration: string,
  // biome-ignore lint/suspicious/noExplicitAny: the tables as each migration leaves them
): Promise<{ opened: OpenedDatabase; raw: Kysely<any> }> {
  const opened = await openTestDatabase(dialect, { migrate: false });
  // biome-ignore lint/suspicious/noExplicitAny: the tables as each migration leaves them
  const raw = opened.db as unknown as Kysely<any>;
  try {
    await migrateTo(raw, migration);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return { opened, raw };
}
