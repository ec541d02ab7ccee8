/**
 * Prepared statements on both databases: built and compiled once per dialect, run with each
 * call's values (constants in the builder kept), the same inside a transaction, and a value
 * left out refused by name rather than bound as nothing.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { credentialEpoch } from "./credential-changes.js";
import { type OpenedDatabase, openDatabase } from "./database.js";
import { type Db, withTransaction } from "./db.js";
import { firstRow, prepared } from "./prepared.js";

describe.each(DIALECTS)("prepared statements (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let builds = 0;
  const settingOf = prepared((db, p: { key: string }) => {
    builds++;
    return db
      .selectFrom("settings")
      .select(["key", "value"])
      .where("key", "=", p.key)
      .where("key", "!=", "never-this-key");
  });
  const putSetting = prepared((db, p: { key: string; value: string }) =>
    db
      .insertInto("settings")
      .values({ key: p.key, value: p.value, updated_at: "2026-12-01T00:00:00.000Z" }),
  );

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
  });
  afterAll(() => opened?.close());

  it("runs one compiled text with each call's values", async () => {
    await putSetting(opened.db, { key: "prepared.a", value: '"first"' });
    await putSetting(opened.db, { key: "prepared.b", value: '"second"' });
    expect(await firstRow(settingOf, opened.db, { key: "prepared.a" })).toEqual({
      key: "prepared.a",
      value: '"first"',
    });
    expect(await firstRow(settingOf, opened.db, { key: "prepared.b" })).toEqual({
      key: "prepared.b",
      value: '"second"',
    });
    expect(await firstRow(settingOf, opened.db, { key: "never-this-key" })).toBeUndefined();
    expect(await firstRow(settingOf, opened.db, { key: "prepared.none" })).toBeUndefined();
    expect(builds).toBe(1);
  });

  it("runs a raw statement the same way", async () => {
    const doubled = prepared(
      (_db, p: { n: number }) => sql<{ twice: number }>`select ${p.n} * 2 as twice`,
    );
    expect(Number((await firstRow(doubled, opened.db, { n: 21 }))?.twice)).toBe(42);
    expect(Number((await firstRow(doubled, opened.db, { n: 4 }))?.twice)).toBe(8);
  });

  it("runs in a transaction, whose rollback takes its writes back", async () => {
    await expect(
      withTransaction(opened.db, async (trx) => {
        await putSetting(trx, { key: "prepared.rolled-back", value: "1" });
        expect(await firstRow(settingOf, trx, { key: "prepared.rolled-back" })).toBeDefined();
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await firstRow(settingOf, opened.db, { key: "prepared.rolled-back" })).toBeUndefined();
  });

  it("refuses a value left out, naming it", async () => {
    await expect(
      putSetting(opened.db, { key: "prepared.c" } as { key: string; value: string }),
    ).rejects.toThrow('prepared statement: no value for "value"');
    expect(await firstRow(settingOf, opened.db, { key: "prepared.c" })).toBeUndefined();
  });
});

/**
 * Inside a SQLite transaction a prepared statement runs at once on the connection the
 * transaction holds (`dialect/at-once.ts`); everything else about it stays as Kysely's way
 * gives it: errors in the product's words, the statement in the database's log, a write to
 * the credentials stepping what may be kept of them.
 */
describe.each(DIALECTS)("prepared statements in a transaction (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let logged: OpenedDatabase;
  let statements: string[] = [];
  const putSetting = prepared((db, p: { key: string; value: string }) =>
    db
      .insertInto("settings")
      .values({ key: p.key, value: p.value, updated_at: "2026-12-01T00:00:00.000Z" }),
  );
  const renameUser = prepared((db, p: { id: string; name: string }) =>
    db.updateTable("users").set({ name: p.name }).where("id", "=", p.id),
  );

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    logged = await openDatabase(opened.url, {
      watchCredentials: true,
      log: (event) => {
        statements.push(`${event.level}: ${event.query.sql}`);
      },
    });
    // On PostgreSQL credentials may be kept once the process listens for their changes.
    for (let waited = 0; credentialEpoch(logged.db) === null && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    await logged?.close();
    await opened?.close();
  });

  it("runs the statement when it is called, on SQLite, and answers what it changed", async () => {
    statements = [];
    const answers = await withTransaction(logged.db, async (trx) => {
      const running = putSetting(trx, { key: "at-once.a", value: "1" });
      // Nothing awaited yet: SQLite has run it, PostgreSQL has yet to send it.
      const ranAtOnce = statements.some((s) => s.includes('insert into "settings"'));
      return { ranAtOnce, answer: await running };
    });
    expect(answers.ranAtOnce).toBe(dialect === "sqlite");
    expect(Number(answers.answer.numAffectedRows)).toBe(1);
    expect(statements.filter((s) => s.startsWith("query: insert into"))).toHaveLength(1);
  });

  it("refuses a value already taken as a conflict, and the transaction takes its writes back", async () => {
    statements = [];
    const failing = withTransaction(logged.db, async (trx) => {
      await putSetting(trx, { key: "at-once.b", value: "1" });
      await putSetting(trx, { key: "at-once.a", value: "2" });
    });
    await expect(failing).rejects.toMatchObject({ code: "conflict" });
    expect(statements.some((s) => s.startsWith("error: insert into"))).toBe(true);
    const rows = await logged.db
      .selectFrom("settings")
      .select(["key", "value"])
      .where("key", "like", "at-once.%")
      .orderBy("key")
      .execute();
    expect(rows).toEqual([{ key: "at-once.a", value: "1" }]);
  });

  it("refuses a transaction used after its work ended, writing nothing", async () => {
    let ended: Db | undefined;
    await withTransaction(logged.db, async (trx) => {
      ended = trx;
    });
    await expect(putSetting(ended as Db, { key: "at-once.late", value: "1" })).rejects.toThrow(
      /already committed/,
    );
    const row = await logged.db
      .selectFrom("settings")
      .select("key")
      .where("key", "=", "at-once.late")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("steps what may be kept of credentials when it writes an account", async () => {
    const before = credentialEpoch(logged.db);
    const during = await withTransaction(logged.db, async (trx) => {
      await renameUser(trx, { id: "no-such-user", name: "Renamed" });
      return credentialEpoch(logged.db);
    });
    const after = credentialEpoch(logged.db);
    expect(before).not.toBeNull();
    expect(during).not.toBe(before);
    expect(after).not.toBe(during);
  });
});
