import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS, type EmptyDatabase } from "../../test/support/databases.js";
import { isOkrError, type OkrError } from "../core/errors.js";
import { DEFAULT_DATABASE_URL, openDatabase, resolveDatabaseUrl } from "./database.js";
import { mapDriverError } from "./dialect/driver-errors.js";
import { listPendingMigrations, migrateToLatest } from "./migrate.js";
import { TABLES } from "./schema.js";

async function errorOf(work: () => Promise<unknown>): Promise<OkrError> {
  try {
    await work();
  } catch (error) {
    if (isOkrError(error)) return error;
    throw error;
  }
  throw new Error("expected an OkrError");
}

describe("resolveDatabaseUrl", () => {
  it("prefers the flag, then OKR_DATABASE_URL, then the SQLite default", () => {
    expect(resolveDatabaseUrl("sqlite:a.db", { OKR_DATABASE_URL: "sqlite:b.db" })).toBe(
      "sqlite:a.db",
    );
    expect(resolveDatabaseUrl(undefined, { OKR_DATABASE_URL: "sqlite:b.db" })).toBe("sqlite:b.db");
    expect(resolveDatabaseUrl(undefined, {})).toBe(DEFAULT_DATABASE_URL);
    expect(resolveDatabaseUrl("  ", { OKR_DATABASE_URL: "" })).toBe("sqlite:./data/okr.db");
  });
});

describe("bad database URLs", () => {
  it("an unknown scheme says which schemes work", async () => {
    const error = await errorOf(() => openDatabase("mysql://root:secret@localhost/okr"));
    expect(error.code).toBe("invalid_config");
    expect(error.message).toContain("sqlite:PATH");
    expect(error.message).toContain("postgres://");
    expect(error.message).not.toContain("secret");
  });

  it("an unwritable SQLite path names the path and how to fix it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okr-bad-"));
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "x");
    try {
      const error = await errorOf(() => openDatabase(`sqlite:${join(blocker, "okr.db")}`));
      expect(error.code).toBe("invalid_config");
      expect(error.message).toContain(join(blocker, "okr.db"));
      expect(error.message).toContain("OKR_DATABASE_URL");
      expect(error.message.split("\n")).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unreachable PostgreSQL names host:port", async () => {
    const error = await errorOf(() => openDatabase("postgres://okr:pw@127.0.0.1:1/okr"));
    expect(error.code).toBe("database_unavailable");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).not.toContain("pw@");
  });

  it("a missing PostgreSQL database says how to create it", async () => {
    const empty = await createEmptyDatabase("postgres");
    await empty.drop();
    const error = await errorOf(() => openDatabase(empty.url));
    expect(error.code).toBe("invalid_config");
    expect(error.message).toContain("createdb");
  });
});

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  let empty: EmptyDatabase;
  beforeAll(async () => {
    empty = await createEmptyDatabase(dialect);
  });
  afterAll(async () => {
    await empty?.drop();
  });

  it("create every table, and a second run changes nothing", async () => {
    const opened = await openDatabase(empty.url);
    try {
      expect(await listPendingMigrations(opened.db)).toEqual(["0001-initial", "0002-page-sources"]);
      const started: string[] = [];
      const first = await migrateToLatest(opened.db, { onStart: (name) => started.push(name) });
      expect(first.applied).toEqual(["0001-initial", "0002-page-sources"]);
      expect(started).toEqual(["0001-initial", "0002-page-sources"]);
      const second = await migrateToLatest(opened.db);
      expect(second.applied).toEqual([]);
      expect(await listPendingMigrations(opened.db)).toEqual([]);
      const tables = (await opened.db.introspection.getTables()).map((table) => table.name);
      for (const table of TABLES) expect(tables).toContain(table);
      const result = await sql<{ n: number }>`select count(*) as n from objectives`.execute(
        opened.db,
      );
      expect(Number(result.rows[0]?.n)).toBe(0);
    } finally {
      await opened.close();
    }
  });

  it("several processes starting at once migrate exactly once", async () => {
    const fresh = await createEmptyDatabase(dialect);
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase(fresh.url)));
    try {
      const reports = await Promise.all(opened.map((o) => migrateToLatest(o.db)));
      expect(reports.flatMap((report) => report.applied)).toEqual([
        "0001-initial",
        "0002-page-sources",
      ]);
    } finally {
      for (const o of opened) await o.close();
      await fresh.drop();
    }
  });

  it("opening with migrate: true on a migrated database is a no-op", async () => {
    const opened = await openDatabase(empty.url, { migrate: true });
    expect(opened.dialect).toBe(dialect);
    await opened.close();
  });
});

describe("a database that goes away", () => {
  it("a PostgreSQL server lost mid-use answers database_unavailable, not a driver error", async () => {
    const empty = await createEmptyDatabase("postgres");
    const target = new URL(empty.url);
    const sockets = new Set<Socket>();
    // A TCP proxy in front of the test server, so the "server" can vanish without stopping it.
    const proxy = createServer((client) => {
      const upstream = createConnection(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const port = (proxy.address() as { port: number }).port;
    const viaProxy = new URL(empty.url);
    viaProxy.port = String(port);
    const opened = await openDatabase(viaProxy.toString(), { migrate: true });
    try {
      await sql`select 1`.execute(opened.db);
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      const error = await errorOf(() => sql`select 1`.execute(opened.db));
      expect(error.code).toBe("database_unavailable");
    } finally {
      await opened.close();
      await empty.drop();
    }
  });

  it("driver errors map to the product's codes", () => {
    const code = (error: unknown) => (mapDriverError(error) as OkrError).code;
    expect(
      code(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      ),
    ).toBe("database_unavailable");
    expect(code(new Error("Connection terminated unexpectedly"))).toBe("database_unavailable");
    expect(code(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(
      "database_unavailable",
    );
    expect(
      code(
        Object.assign(new Error("dup"), {
          code: "23505",
          detail: "Key (label)=(FY20-Q1) already exists.",
        }),
      ),
    ).toBe("conflict");
    expect(
      code(
        Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }),
      ),
    ).toBe("conflict");
    const other = new Error("syntax error");
    expect(mapDriverError(other)).toBe(other);
  });
});
