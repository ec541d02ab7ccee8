/**
 * SQLite's wait for another process's write lock (`dialect/sqlite.ts`): a write transaction
 * starts without it (its wait is asynchronous), and a statement run on its own afterwards still
 * waits for a lock another process holds instead of failing at once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedDatabase, openDatabase } from "./database.js";
import { withTransaction } from "./db.js";

const HOLD_MS = 400;

/**
 * Another process holding the file's write lock; resolves once it holds it. It lets go
 * `HOLD_MS` after `release()`, which the caller says right before its statement: the wait is
 * then measured from a moment the lock was surely held, however late this process runs.
 */
function holdWriteLock(file: string): Promise<{ release: () => void; released: Promise<void> }> {
  const betterSqlite = createRequire(import.meta.url).resolve("better-sqlite3");
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const db = new Database(${JSON.stringify(file)});
    db.prepare("begin immediate").run();
    process.stdout.write("held\\n");
    process.stdin.once("data", () => {
      setTimeout(() => { db.prepare("commit").run(); db.close(); process.exit(0); }, ${HOLD_MS});
    });
    process.stdin.once("end", () => process.exit(1));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once("data", () =>
      resolve({ release: () => child.stdin.write("go\n"), released }),
    );
    child.on("error", reject);
  });
}

const setting = (key: string) => ({ key, value: "1", updated_at: new Date().toISOString() });

describe("SQLite's wait for another process's write lock", () => {
  let folder: string;
  let opened: OpenedDatabase;
  let file: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "okr-busy-"));
    file = join(folder, "okr.db");
    opened = await openDatabase(`sqlite:${file}`, { migrate: true });
  });
  afterAll(async () => {
    await opened?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("a statement on its own after write transactions waits for the lock, then writes", async () => {
    for (const key of ["a", "b"]) {
      await withTransaction(opened.db, (trx) =>
        trx.insertInto("settings").values(setting(key)).execute(),
      );
    }
    const { release, released } = await holdWriteLock(file);
    const started = Date.now();
    release();
    await opened.db.insertInto("settings").values(setting("c")).execute();
    expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS / 2);
    await released;
    const keys = await opened.db.selectFrom("settings").select("key").orderBy("key").execute();
    expect(keys.map((row) => row.key)).toEqual(["a", "b", "c"]);
  });

  it("a write transaction waits for the lock without blocking, then writes", async () => {
    const { release, released } = await holdWriteLock(file);
    release();
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 20);
    try {
      await withTransaction(opened.db, (trx) =>
        trx.insertInto("settings").values(setting("d")).execute(),
      );
    } finally {
      clearInterval(ticking);
    }
    await released;
    // The event loop ran while the transaction waited for the other process.
    expect(ticks).toBeGreaterThan(3);
    const row = await opened.db
      .selectFrom("settings")
      .select("key")
      .where("key", "=", "d")
      .executeTakeFirst();
    expect(row?.key).toBe("d");
  });
});
