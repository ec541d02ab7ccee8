/**
 * A SQLite write transaction run at once (`transactionAtOnce`): BEGIN, its statements and
 * COMMIT in one synchronous call where nothing else holds the connection, rolled back by what
 * its work throws, and declined (nothing run) where a transaction of Kysely's is under way on
 * the connection or another process holds the file's write lock.
 */
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/databases.js";
import { type OpenedDatabase, openDatabase } from "../database.js";
import { withTransaction } from "../db.js";
import { firstRow, prepared } from "../prepared.js";
import { transactionAtOnce } from "./at-once.js";
import { sqlitePathOf } from "./sqlite.js";

describe("a SQLite transaction run at once", () => {
  let fresh: OpenedDatabase;
  let opened: OpenedDatabase;
  let statements: string[] = [];
  const putSetting = prepared((db, p: { key: string; value: string }) =>
    db
      .insertInto("settings")
      .values({ key: p.key, value: p.value, updated_at: "2026-12-01T00:00:00.000Z" }),
  );
  const settingOf = prepared((db, p: { key: string }) =>
    db.selectFrom("settings").select("value").where("key", "=", p.key),
  );
  const renameUser = prepared((db, p: { id: string; name: string }) =>
    db.updateTable("users").set({ name: p.name }).where("id", "=", p.id),
  );
  const settingValue = async (key: string) =>
    (await firstRow(settingOf, opened.db, { key }))?.value ?? null;

  beforeAll(async () => {
    fresh = await openTestDatabase("sqlite");
    opened = await openDatabase(fresh.url, {
      watchCredentials: true,
      log: (event) => {
        statements.push(`${event.level}: ${event.query.sql}`);
      },
    });
    // Kysely makes its driver at the first statement.
    await settingValue("nothing yet");
  });
  afterAll(async () => {
    await opened?.close();
    await fresh?.close();
  });

  it("runs its statements and commits before it returns, answering what its work answered", async () => {
    statements = [];
    const done = transactionAtOnce(opened.db, (now) => {
      putSetting.now(now, { key: "now.a", value: "1" });
      putSetting.now(now, { key: "now.b", value: "2" });
      return settingOf.now(now, { key: "now.b" }).rows[0];
    });
    expect(done).toEqual({ value: { value: "2" } });
    // Committed already: the log shows the statements and the COMMIT, and a new connection sees them.
    expect(statements).toEqual([
      expect.stringMatching(/^query: insert into "settings"/),
      expect.stringMatching(/^query: insert into "settings"/),
      expect.stringMatching(/^query: select "value" from "settings"/),
      "query: commit",
    ]);
    const other = new SqliteDatabase(sqlitePathOf(fresh.url), { readonly: true });
    try {
      expect(other.prepare("select value from settings where key = 'now.a'").get()).toEqual({
        value: "1",
      });
    } finally {
      other.close();
    }
  });

  it("rolls back what it wrote where its work throws, and throws it", async () => {
    expect(() =>
      transactionAtOnce(opened.db, (now) => {
        putSetting.now(now, { key: "now.rolled-back", value: "1" });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(await settingValue("now.rolled-back")).toBeNull();
    // The connection is free again.
    expect(transactionAtOnce(opened.db, () => "again")).toEqual({ value: "again" });
  });

  it("maps a driver error to the product's words, rolling back the statements before it", async () => {
    expect(() =>
      transactionAtOnce(opened.db, (now) => {
        putSetting.now(now, { key: "now.c", value: "1" });
        putSetting.now(now, { key: "now.a", value: "taken" });
      }),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(await settingValue("now.c")).toBeNull();
    expect(await settingValue("now.a")).toBe("1");
  });

  it("declines, running nothing, while a transaction of Kysely's holds the connection", async () => {
    let inside: ReturnType<typeof transactionAtOnce> | "not run" = "not run";
    await withTransaction(opened.db, async (trx) => {
      await putSetting(trx, { key: "now.held", value: "1" });
      // Another request's write comes while this transaction awaits something.
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside = transactionAtOnce(opened.db, (now) => {
        putSetting.now(now, { key: "now.inside", value: "1" });
      });
    });
    expect(inside).toBeUndefined();
    expect(await settingValue("now.inside")).toBeNull();
    expect(await settingValue("now.held")).toBe("1");
  });

  it("declines at once, without waiting, while another process holds the write lock", async () => {
    const other = new SqliteDatabase(sqlitePathOf(fresh.url));
    other.prepare("begin immediate").run();
    try {
      const started = Date.now();
      const done = transactionAtOnce(opened.db, (now) => {
        putSetting.now(now, { key: "now.locked", value: "1" });
      });
      expect(done).toBeUndefined();
      // The busy wait of 5 s is not taken: the caller waits its turn asynchronously instead.
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      other.prepare("rollback").run();
      other.close();
    }
    expect(await settingValue("now.locked")).toBeNull();
    // And once the lock is free, a write waits for nothing and lands.
    expect(
      transactionAtOnce(opened.db, (now) => putSetting.now(now, { key: "now.free", value: "1" })),
    ).toBeDefined();
    expect(await settingValue("now.free")).toBe("1");
  });

  it("refuses a statement that writes credentials, which must step what is kept of them", () => {
    expect(() =>
      transactionAtOnce(opened.db, (now) => {
        renameUser.now(now, { id: "no-such-user", name: "Renamed" });
      }),
    ).toThrow(/cannot run at once/);
  });

  it("declines inside a transaction, which runs its statements its own way", async () => {
    const answer = await withTransaction(opened.db, async (trx) =>
      transactionAtOnce(trx, () => "nested"),
    );
    expect(answer).toBeUndefined();
  });
});
