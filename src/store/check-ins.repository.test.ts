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
import { listAuditEvents } from "./audit.repository.js";
import {
  applyCheckInToKeyResult,
  checksInInOneStatement,
  findLatestCheckIn,
  insertCheckIn,
  listCheckIns,
  listCheckInsByPeriod,
  recordCheckIn,
  recordCheckInIfKept,
  recordCheckInIfUnchanged,
} from "./check-ins.repository.js";
import type { OpenedDatabase } from "./database.js";
import { withTransaction } from "./db.js";
import { getKeyResult, insertKeyResult } from "./key-results.repository.js";
import { insertObjective } from "./objectives.repository.js";
import { insertPeriod } from "./periods.repository.js";
import { readVersionOf } from "./read-versions.repository.js";
import { parseWriteCounters, writeCountersText } from "./write-counters.repository.js";

/** A check-in on K2 of `current` at `at` as `recordCheckIn` takes it, audited from `before` to `after`. */
function checkInOnK2(id: string, at: string, current: number, before: object, after: object) {
  return {
    checkIn: makeCheckIn({ id, keyResultId: "K2", value: current, createdAt: at }),
    state: { checkInId: id, at, current, progress: null, health: null, confidence: null },
    audit: {
      id: `A-${id}`,
      actorId: null,
      actorName: "Ana",
      at,
      action: "check_in",
      entity: "key_result",
      entityId: "K2",
      before,
      after,
    },
  };
}

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
      checkInId: "C2",
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
      checkInId: "C1",
      current: 66,
      progress: 0.3,
      health: "at_risk",
      confidence: 2,
      at: T1,
    });
    expect(late).toEqual(after);
  });

  it("between check-ins at the same time, the greater id is the later, whatever order they are written in", async () => {
    const at = "2020-01-04T00:00:00.000Z";
    const state = (checkInId: string, current: number) => ({
      checkInId,
      current,
      progress: current / 100,
      health: null,
      confidence: null,
      at,
    });
    await insertCheckIn(store.db, makeCheckIn({ id: "C5", keyResultId: "K1", createdAt: at }));
    expect(await applyCheckInToKeyResult(store.db, "K1", state("C5", 50))).toMatchObject({
      current: 50,
      lastCheckInAt: at,
    });
    // C4 is written after C5 but sorts before it: the history keeps it, the state stays C5's.
    await insertCheckIn(store.db, makeCheckIn({ id: "C4", keyResultId: "K1", createdAt: at }));
    expect(await applyCheckInToKeyResult(store.db, "K1", state("C4", 40))).toMatchObject({
      current: 50,
    });
    await insertCheckIn(store.db, makeCheckIn({ id: "C6", keyResultId: "K1", createdAt: at }));
    expect(await applyCheckInToKeyResult(store.db, "K1", state("C6", 60))).toMatchObject({
      current: 60,
    });
    const latest = await findLatestCheckIn(store.db, "K1");
    expect(latest?.id).toBe("C6");
  });

  it("recording a check-in appends it, makes it the state where it is newest, and audits what happened", async () => {
    const before = await getKeyResult(store.db, "K2");
    const write = (id: string, at: string, current: number) =>
      checkInOnK2(id, at, current, { current: before.current }, { current });
    const newest = await withTransaction(store.db, (trx) =>
      recordCheckIn(trx, write("C20", T2, 20)),
    );
    const older = await withTransaction(store.db, (trx) =>
      recordCheckIn(trx, write("C10", T1, 10)),
    );
    expect([newest.applied, older.applied]).toEqual([true, false]);
    expect((await listCheckIns(store.db, "K2")).map((c) => c.id)).toEqual(["C10", "C20"]);
    expect(await getKeyResult(store.db, "K2")).toMatchObject({
      current: 20,
      lastCheckInAt: T2,
      version: before.version + 1,
    });
    const events = await listAuditEvents(store.db, { entityId: "K2" });
    const byId = new Map(events.map((e) => [e.id, e]));
    expect(byId.get("A-C20")?.after).toEqual({ current: 20 });
    // The older one changed nothing on the key result: its event says so.
    expect(byId.get("A-C10")?.after).toEqual({ current: before.current });
  });

  it("a check-in on a missing key result is refused", async () => {
    await expect(
      insertCheckIn(store.db, makeCheckIn({ id: "C9", keyResultId: "missing" })),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("a check-in read without a lock is written in one statement only where its key result has not moved", async () => {
    // SQLite writes one transaction at a time in process: there a check-in locks as it reads.
    expect(checksInInOneStatement(store.db)).toBe(dialect === "postgres");
    if (dialect === "sqlite") return;
    // The period in the audit event is what the write steps the version of.
    const write = (id: string, current: number, before: { version: number }) =>
      checkInOnK2(
        id,
        new Date().toISOString(),
        current,
        { periodId: "P1", version: before.version },
        { periodId: "P1", current },
      );
    const read = await getKeyResult(store.db, "K2");
    const version = await readVersionOf(store.db, "P1");
    // Another check-in lands between the read and the write: nothing at all is written.
    await withTransaction(store.db, (trx) => recordCheckIn(trx, write("C30", 30, read)));
    const moved = await getKeyResult(store.db, "K2");
    const stepped = await readVersionOf(store.db, "P1");
    expect(stepped).not.toBe(version);
    expect(await recordCheckInIfUnchanged(store.db, write("C31", 31, read), read.version)).toBe(
      undefined,
    );
    expect((await listCheckIns(store.db, "K2")).map((c) => c.id)).not.toContain("C31");
    expect(await getKeyResult(store.db, "K2")).toEqual(moved);
    expect(await readVersionOf(store.db, "P1")).toBe(stepped);
    expect((await listAuditEvents(store.db, { entityId: "K2" })).map((e) => e.id)).not.toContain(
      "A-C31",
    );
    // Read again, it is written whole: history, state, audit event and the period's version.
    expect(
      await recordCheckInIfUnchanged(store.db, write("C32", 32, moved), moved.version),
    ).toEqual({ applied: true });
    expect((await listCheckIns(store.db, "K2")).map((c) => c.id)).toContain("C32");
    expect(await getKeyResult(store.db, "K2")).toMatchObject({
      current: 32,
      version: moved.version + 1,
    });
    expect(await readVersionOf(store.db, "P1")).not.toBe(stepped);
    expect((await listAuditEvents(store.db, { entityId: "K2" })).map((e) => e.id)).toContain(
      "A-C32",
    );
  });

  it("a check-in planned from a kept key result is written only where it is still in that period", async () => {
    await insertPeriod(store.db, makePeriod({ id: "P9", label: "2021-Q1" }));
    const kept = await getKeyResult(store.db, "K2");
    const [counters] = await store.db
      .selectNoFrom(writeCountersText(store.db).as("text"))
      .execute();
    const basis = {
      version: kept.version,
      linkIds: [],
      counters: parseWriteCounters(counters?.text),
      insider: true,
    };
    const write = (id: string, current: number) =>
      checkInOnK2(
        id,
        new Date().toISOString(),
        current,
        { periodId: "P1", version: kept.version },
        { periodId: "P1", current },
      );
    // Its objective moved to another quarter: the key result's period changes, its version not.
    await store.db
      .updateTable("key_results")
      .set({ period_id: "P9" })
      .where("id", "=", "K2")
      .execute();
    expect(await recordCheckInIfKept(store.db, write("C40", 40), basis)).toBe(undefined);
    expect((await listCheckIns(store.db, "K2")).map((c) => c.id)).not.toContain("C40");
    // Back where it was planned: written whole.
    await store.db
      .updateTable("key_results")
      .set({ period_id: "P1" })
      .where("id", "=", "K2")
      .execute();
    expect(await recordCheckInIfKept(store.db, write("C41", 41), basis)).toEqual({ applied: true });
    expect(await getKeyResult(store.db, "K2")).toMatchObject({
      current: 41,
      version: kept.version + 1,
    });
  });
});
