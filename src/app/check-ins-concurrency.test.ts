/**
 * Check-ins never conflict: one that waits on another writer of the same key result, or that
 * is stamped earlier than the latest recorded (another process's clock), lands in the history
 * and answers its check-in; the key result keeps the newest check-in as its state.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { KeyResult } from "../core/types.js";
import { checkIn, listCheckIns } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("check-ins that cross (%s)", (dialect) => {
  let fx: AppFixture;
  let objectiveId: string;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    objectiveId = (await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Grow" }))
      .id;
  });
  afterAll(() => fx.close());

  async function newKeyResult(): Promise<KeyResult> {
    return createKeyResult(fx.deps, EDITOR, {
      objectiveId,
      title: "Raise the count from 0 to 100",
      kind: "metric",
      start: 0,
      target: 100,
    });
  }

  /** Resolves once another connection waits on a row lock (PostgreSQL); SQLite queues writers in process. */
  async function someoneWaitsOnALock(): Promise<void> {
    if (dialect !== "postgres") return;
    for (;;) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(fx.deps.db);
      if ((rows[0]?.waiting ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it("one that waited on a newer check-in's transaction lands in the history and leaves the newer state", async () => {
    const kr = await newKeyResult();
    const later = new Date(fx.deps.now().getTime() + 60_000);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const isHeld = new Promise<void>((resolve) => {
      started = resolve;
    });
    // Another writer checks in (a minute later by its clock) and keeps its transaction open.
    const newer = fx.deps.db.transaction().execute(async (trx) => {
      const answer = await checkIn(
        { ...fx.deps, db: trx, now: () => new Date(later) },
        EDITOR,
        kr.id,
        { value: 90, note: "newer" },
      );
      started();
      await held;
      return answer;
    });
    await isHeld;
    const waiting = checkIn(fx.deps, EDITOR, kr.id, { value: 10, note: "older" });
    await someoneWaitsOnALock();
    release();
    await newer;
    const older = await waiting;

    expect(older.checkIn).toMatchObject({ value: 10, note: "older" });
    expect(older.keyResult).toMatchObject({ current: 90, lastCheckInAt: later.toISOString() });
    expect((await listCheckIns(fx.deps, EDITOR, kr.id)).map((c) => c.note)).toEqual([
      "older",
      "newer",
    ]);
    expect(await getKeyResult(fx.deps, EDITOR, kr.id)).toMatchObject({
      current: 90,
      progress: 0.9,
      version: kr.version + 1,
    });
  });

  it("one stamped before the latest recorded is kept in the history and changes nothing else", async () => {
    const kr = await newKeyResult();
    fx.advanceDays(2);
    const latest = await checkIn(fx.deps, EDITOR, kr.id, { value: 60, health: "on_track" });
    fx.advanceDays(-1);
    const earlier = await checkIn(fx.deps, EDITOR, kr.id, {
      value: 20,
      health: "at_risk",
      confidence: 2,
    });
    expect(earlier.checkIn).toMatchObject({ value: 20, health: "at_risk" });
    expect(earlier.keyResult).toEqual(latest.keyResult);
    expect(await getKeyResult(fx.deps, EDITOR, kr.id)).toMatchObject({
      current: 60,
      health: "on_track",
      status: "in_progress",
      version: latest.keyResult.version,
    });
    expect((await listCheckIns(fx.deps, EDITOR, kr.id)).map((c) => c.value)).toEqual([20, 60]);
    fx.advanceDays(1);
  });
});
