import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Objective } from "../core/types.js";
import { listAudit } from "./audit.js";
import { checkIn, listCheckIns } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("check-ins (%s)", (dialect) => {
  let fx: AppFixture;
  let objective: Objective;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Faster reviews",
    });
  });
  afterAll(() => fx.close());

  it("computes progress from the value, also for a target below the start, and makes it the key result's state", async () => {
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Cut review time from 70 mins to 56 mins",
      kind: "metric",
      unit: "duration",
      start: 70,
      target: 56,
    });
    fx.advanceDays(1);
    const first = await checkIn(fx.deps, EDITOR, kr.id, {
      value: 63,
      health: "needs_attention",
      confidence: 6,
      note: "halfway",
    });
    expect(first.checkIn).toMatchObject({
      value: 63,
      progress: 0.5,
      health: "needs_attention",
      confidence: 6,
      note: "halfway",
      authorName: "editor",
    });
    expect(first.keyResult).toMatchObject({
      current: 63,
      progress: 0.5,
      health: "needs_attention",
      confidence: 6,
      status: "in_progress",
      lastCheckInAt: fx.deps.now().toISOString(),
    });
    expect(first.keyResult.version).toBeGreaterThan(kr.version);

    fx.advanceDays(7);
    const second = await checkIn(fx.deps, EDITOR, kr.id, { value: 52, health: "on_track" });
    expect(second.keyResult).toMatchObject({
      current: 52,
      status: "done",
      health: "on_track",
      confidence: 6,
    });
    expect(second.keyResult.progress).toBeCloseTo(18 / 14);

    const history = await listCheckIns(fx.deps, VIEWER, kr.id);
    expect(history.map((c) => c.value)).toEqual([63, 52]);
    const audit = await listAudit(fx.deps, ADMIN, { entityId: kr.id });
    expect(audit[0]).toMatchObject({
      action: "check_in",
      before: { current: 63 },
      after: { current: 52, status: "done" },
    });
  });

  it("takes progress directly for percentage and milestone key results", async () => {
    const pct = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Migrate services",
      kind: "percentage",
    });
    expect((await checkIn(fx.deps, EDITOR, pct.id, { value: 94 })).keyResult.progress).toBeCloseTo(
      0.94,
    );
    expect((await checkIn(fx.deps, EDITOR, pct.id, { progress: 0.4 })).keyResult).toMatchObject({
      progress: 0.4,
      status: "in_progress",
    });
    const milestone = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Launch",
      kind: "milestone",
    });
    expect((await getKeyResult(fx.deps, VIEWER, milestone.id)).progress).toBe(0);
    expect((await checkIn(fx.deps, EDITOR, milestone.id, { value: 1 })).keyResult).toMatchObject({
      progress: 1,
      status: "done",
    });
  });

  it("a note-only check-in keeps the progress; bad numbers are refused and change nothing", async () => {
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Hire",
      start: 0,
      target: 4,
    });
    await checkIn(fx.deps, EDITOR, kr.id, { value: 1 });
    const note = await checkIn(fx.deps, EDITOR, kr.id, {
      note: "interviews next week",
      health: "at_risk",
    });
    expect(note.keyResult).toMatchObject({ current: 1, progress: 0.25, health: "at_risk" });
    await expect(checkIn(fx.deps, EDITOR, kr.id, { confidence: 11 })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(checkIn(fx.deps, EDITOR, kr.id, { health: "great" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(checkIn(fx.deps, EDITOR, objective.id, { value: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listCheckIns(fx.deps, VIEWER, kr.id)).toHaveLength(2);
  });
});
