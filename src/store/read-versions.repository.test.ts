import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "./database.js";
import { withTransaction } from "./db.js";
import { noteCheckInChange, noteReadScopes, readVersionOf } from "./read-versions.repository.js";

describe.each(DIALECTS)("a period's read version and its change log on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await store?.close();
  });

  async function logOf(scope: string) {
    const rows = await store.db
      .selectFrom("read_changes")
      .select(["version", "check_in_id"])
      .where("scope", "=", scope)
      .orderBy("version")
      .execute();
    return rows.map((row) => ({ version: Number(row.version), checkInId: row.check_in_id }));
  }

  it("logs each check-in's step with the version it made, and keeps only the latest steps", async () => {
    const steps = 1_100;
    for (let i = 1; i <= steps; i++) {
      await withTransaction(store.db, (trx) =>
        noteCheckInChange(trx, "P1", { keyResultId: "K1", checkInId: `C${i}` }),
      );
    }
    expect(await readVersionOf(store.db, "P1")).toBe(`0.${steps}`);
    const log = await logOf("P1");
    // Every step kept is the check-in that made it.
    for (const entry of log) expect(entry.checkInId).toBe(`C${entry.version}`);
    expect(log.at(-1)?.version).toBe(steps);
    // The last 1,000 steps at least; what is older is dropped now and then, never all kept.
    expect(log.length).toBeGreaterThanOrEqual(1_000);
    expect(log.length).toBeLessThan(steps);
    expect(log.map((entry) => entry.version)).toEqual(
      Array.from({ length: log.length }, (_, i) => steps - log.length + 1 + i),
    );
  });

  it("logs two check-ins of one transaction as one step", async () => {
    await withTransaction(store.db, async (trx) => {
      await noteCheckInChange(trx, "P3", { keyResultId: "K1", checkInId: "E1" });
      await noteCheckInChange(trx, "P3", { keyResultId: "K2", checkInId: "E2" });
    });
    expect(await readVersionOf(store.db, "P3")).toBe("0.1");
    expect(await logOf("P3")).toEqual([
      { version: 1, checkInId: "E1" },
      { version: 1, checkInId: "E2" },
    ]);
  });

  it("logs no step written along with other changes to the period", async () => {
    await withTransaction(store.db, async (trx) => {
      await noteCheckInChange(trx, "P2", { keyResultId: "K1", checkInId: "D1" });
      await noteReadScopes(trx, ["P2"]);
    });
    await withTransaction(store.db, (trx) =>
      noteCheckInChange(trx, "P2", { keyResultId: "K1", checkInId: "D2" }),
    );
    expect(await readVersionOf(store.db, "P2")).toBe("0.2");
    expect(await logOf("P2")).toEqual([{ version: 2, checkInId: "D2" }]);
  });
});
