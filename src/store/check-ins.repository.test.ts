import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import {
  makeCheckIn,
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
  T1,
  T2,
} from "../../test/support/store-fixtures.js";
import {
  findLatestCheckIn,
  insertCheckIn,
  listCheckIns,
  listCheckInsByPeriod,
} from "./check-ins.repository.js";
import type { OpenedDatabase } from "./database.js";
import { applyCheckInToKeyResult, insertKeyResult } from "./key-results.repository.js";
import { insertObjective } from "./objectives.repository.js";
import { insertPeriod } from "./periods.repository.js";

describe.each(DIALECTS)("check-ins on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
    await insertPeriod(store.db, makePeriod({ id: "P1" }));
    await insertObjective(store.db, makeNewObjective({ id: "O1", periodId: "P1" }));
    await insertKeyResult(
      store.db,
      makeNewKeyResult({ id: "K1", periodId: "P1", objectiveId: "O1", start: 70, target: 56 }),
    );
    await insertKeyResult(
      store.db,
      makeNewKeyResult({ id: "K2", periodId: "P1", objectiveId: "O1" }),
    );
  });
  afterAll(async () => {
    await store?.close();
  });

  it("history comes back oldest first, exactly as written", async () => {
    const second = makeCheckIn({
      id: "C2",
      keyResultId: "K1",
      value: 60.5,
      progress: 0.6785714285714286,
      health: "on_track",
      confidence: 8,
      note: "Déploiement fait — «ok»",
      authorId: "U1",
      authorName: "Ana",
      createdAt: T2,
    });
    const first = makeCheckIn({
      id: "C1",
      keyResultId: "K1",
      value: 66,
      health: "at_risk",
      createdAt: T1,
    });
    await insertCheckIn(store.db, second);
    await insertCheckIn(store.db, first);
    expect(await listCheckIns(store.db, "K1")).toEqual([first, second]);
    expect(await findLatestCheckIn(store.db, "K1")).toEqual(second);
    expect(await findLatestCheckIn(store.db, "K2")).toBeUndefined();
    expect((await listCheckInsByPeriod(store.db, "P1")).map((c) => c.id)).toEqual(["C1", "C2"]);
  });

  it("the latest check-in becomes the key result's state; an older one arriving late does not", async () => {
    const after = await applyCheckInToKeyResult(store.db, "K1", {
      current: 60.5,
      progress: 0.68,
      health: "on_track",
      confidence: 8,
      at: T2,
    });
    expect(after).toMatchObject({
      current: 60.5,
      progress: 0.68,
      health: "on_track",
      confidence: 8,
      lastCheckInAt: T2,
      version: 2,
    });
    const late = await applyCheckInToKeyResult(store.db, "K1", {
      current: 66,
      progress: 0.3,
      health: "at_risk",
      confidence: 2,
      at: T1,
    });
    expect(late).toEqual(after);
  });

  it("a check-in on a missing key result is refused", async () => {
    await expect(
      insertCheckIn(store.db, makeCheckIn({ id: "C9", keyResultId: "missing" })),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
