import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import {
  makeCheckIn,
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
  T0,
  T1,
  T2,
} from "../../test/support/store-fixtures.js";
import { insertAuditEvent, listAuditEvents } from "./audit.repository.js";
import {
  applyCheckInToKeyResult,
  insertCheckIn,
  listCheckIns,
  recordCheckIn,
} from "./check-ins.repository.js";
import type { OpenedDatabase } from "./database.js";
import { insertKeyResult } from "./key-results.repository.js";
import { insertObjective } from "./objectives.repository.js";
import { listPeriodItems } from "./period-items.repository.js";
import { insertPeriod, listPeriods } from "./periods.repository.js";
import { getSettings } from "./settings.repository.js";

/** The same writes on every dialect, then everything read back: the results must be identical. */
async function writeAndRead(store: OpenedDatabase) {
  const db = store.db;
  await insertPeriod(db, makePeriod({ id: "P1", label: "FY20-Q4", closedAt: null }), T1);
  await insertObjective(
    db,
    makeNewObjective({
      id: "O1",
      periodId: "P1",
      title: "Ship 🚀 `v2`",
      weight: 0.1 + 0.2,
      confidential: true,
      owner: { kind: "team", id: "T1", name: "Infra" },
      links: [
        { id: "L1", kind: "merge_request", text: "!12", url: "https://x/-/merge_requests/12" },
      ],
    }),
  );
  await insertKeyResult(
    db,
    makeNewKeyResult({
      id: "K1",
      periodId: "P1",
      objectiveId: "O1",
      kind: "threshold",
      direction: "below",
      target: 1e-9,
      unit: "ratio",
      weight: 0,
      archived: true,
    }),
  );
  await insertKeyResult(
    db,
    makeNewKeyResult({
      id: "K2",
      periodId: "P1",
      objectiveId: "O1",
      kind: "milestone",
      start: -5,
      target: 123456789.125,
    }),
  );
  await insertCheckIn(
    db,
    makeCheckIn({
      id: "C1",
      keyResultId: "K2",
      progress: 1.25,
      confidence: 0,
      note: "over-achieved",
    }),
  );
  await applyCheckInToKeyResult(db, "K2", {
    checkInId: "C1",
    current: null,
    progress: 1.25,
    health: "on_track",
    confidence: 0,
    at: T1,
  });
  await insertAuditEvent(db, {
    id: "A1",
    actorId: null,
    actorName: null,
    at: T1,
    action: "check_in",
    entity: "key_result",
    entityId: "K2",
    before: { progress: null },
    after: { progress: 1.25, flags: [true, false, null] },
  });
  // The writer check-ins go through in production (one statement on PostgreSQL): a newer
  // check-in becomes the key result's state, an older one is only appended; both are audited.
  const recorded = [];
  for (const [id, at, progress] of [
    ["C3", T2, 0.5],
    ["C2", T0, 0.25],
  ] as const) {
    recorded.push(
      (
        await recordCheckIn(db, {
          checkIn: makeCheckIn({ id, keyResultId: "K2", progress, createdAt: at, note: id }),
          state: {
            checkInId: id,
            at,
            current: null,
            progress,
            health: "needs_attention",
            confidence: 0.5,
            status: "in_progress",
          },
          audit: {
            id: `A-${id}`,
            actorId: null,
            actorName: "Ada",
            at,
            action: "check_in",
            entity: "key_result",
            entityId: "K2",
            before: { progress: 1.25 },
            after: { progress },
          },
        })
      ).applied,
    );
  }
  return {
    recorded,
    periods: await listPeriods(db),
    items: await listPeriodItems(db, "P1"),
    checkIns: await listCheckIns(db, "K2"),
    audit: await listAuditEvents(db),
    settings: await getSettings(db),
  };
}

describe("the same data on every dialect", () => {
  const stores: OpenedDatabase[] = [];
  beforeAll(async () => {
    for (const dialect of DIALECTS) stores.push(await openTestDatabase(dialect));
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it(`reads back identical domain values on ${DIALECTS.join(" and ")}`, async () => {
    const results = [];
    for (const store of stores) results.push(await writeAndRead(store));
    const [first, ...others] = results;
    expect(first?.items.objectives[0]?.weight).toBe(0.1 + 0.2);
    expect(first?.items.keyResults.map((kr) => kr.target)).toEqual([1e-9, 123456789.125]);
    // The newer check-in became the state; the older one was appended and audited unchanged.
    expect(first?.recorded).toEqual([true, false]);
    expect(first?.items.keyResults.find((kr) => kr.id === "K2")?.progress).toBe(0.5);
    expect(first?.checkIns.map((c) => c.id)).toEqual(expect.arrayContaining(["C1", "C2", "C3"]));
    expect(first?.audit.find((e) => e.id === "A-C2")?.after).toEqual({ progress: 1.25 });
    for (const other of others) expect(other).toEqual(first);
  });
});
