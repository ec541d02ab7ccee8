/**
 * Prepared statements on both databases: built and compiled once per dialect, run with each
 * call's values (constants in the builder kept), the same inside a transaction, and a value
 * left out refused by name rather than bound as nothing.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "./database.js";
import { withTransaction } from "./db.js";
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
