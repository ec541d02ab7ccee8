/**
 * The stale list kept between writes follows the clock: with no write at all, a key result
 * turns up as stale once its last check-in is older than the stale days, in the kept answer
 * as in a fresh one, and the kept answer is reused while nothing crosses the threshold.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import type { AppDeps } from "./deps.js";
import { createKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";

const DAY_MS = 86_400_000;

/** A handle that keeps nothing from before: a fresh computation. */
function fresh(deps: AppDeps): AppDeps {
  return { ...deps, db: deps.db.withoutPlugins() };
}

describe.each(DIALECTS)("the stale list as time passes without writes (%s)", (dialect) => {
  let fx: AppFixture;
  afterEach(() => fx.close());

  it("lists a key result once its last check-in is older than the stale days", async () => {
    const start = Date.parse("2020-01-06T09:00:00.000Z");
    fx = await openAppFixture(dialect, new Date(start).toISOString());
    const deps = fx.deps;
    const period = await createPeriod(deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(deps, EDITOR, { periodId: period.id, title: "Grow" });
    const early = await createKeyResult(deps, EDITOR, {
      objectiveId: objective.id,
      title: "Early",
      kind: "percentage",
    });
    const late = await createKeyResult(deps, EDITOR, {
      objectiveId: objective.id,
      title: "Late",
      kind: "percentage",
    });
    await checkIn(deps, INSIDER_EDITOR, early.id, { progress: 0.2 });
    fx.setNow(new Date(start + 3 * DAY_MS).toISOString());
    await checkIn(deps, INSIDER_EDITOR, late.id, { progress: 0.3 });

    const staleAt = async (days: number) => {
      fx.setNow(new Date(start + days * DAY_MS).toISOString());
      const kept = await getDashboard(deps, VIEWER, period.id);
      const whole = await getDashboard(fresh(deps), VIEWER, period.id);
      expect(JSON.stringify(kept)).toBe(JSON.stringify(whole));
      return { titles: kept.stale.items.map((k) => k.title), staleDays: kept.staleDays };
    };
    const { staleDays } = await staleAt(4);
    expect(await staleAt(4)).toEqual({ titles: [], staleDays });
    // Still nothing the day before the first crosses; then one, then both, longest silent first.
    expect((await staleAt(staleDays - 1)).titles).toEqual([]);
    expect((await staleAt(staleDays + 1)).titles).toEqual(["Early"]);
    expect((await staleAt(staleDays + 2)).titles).toEqual(["Early"]);
    expect((await staleAt(staleDays + 4)).titles).toEqual(["Early", "Late"]);
  });
});

describe.each(DIALECTS)("a key result never checked in (%s)", (dialect) => {
  let fx: AppFixture;
  afterEach(() => fx.close());

  it("is silent from its period's first day: not stale before, nor until the stale days have run", async () => {
    const start = Date.parse("2020-03-20T09:00:00.000Z");
    fx = await openAppFixture(dialect, new Date(start).toISOString());
    const deps = fx.deps;
    // Next quarter, planned ahead: it begins on 1 April.
    const period = await createPeriod(deps, EDITOR, { label: "2020-Q2" });
    const objective = await createObjective(deps, EDITOR, { periodId: period.id, title: "Grow" });
    await createKeyResult(deps, EDITOR, {
      objectiveId: objective.id,
      title: "Planned",
      kind: "percentage",
    });
    const staleOn = async (iso: string) => {
      fx.setNow(iso);
      const kept = await getDashboard(deps, VIEWER, period.id);
      const whole = await getDashboard(fresh(deps), VIEWER, period.id);
      expect(JSON.stringify(kept)).toBe(JSON.stringify(whole));
      return { total: kept.stale.total, staleDays: kept.staleDays };
    };
    const { staleDays } = await staleOn(new Date(start).toISOString());
    expect(await staleOn("2020-03-31T23:00:00.000Z")).toEqual({ total: 0, staleDays });
    const begun = Date.parse("2020-04-01T00:00:00.000Z");
    expect((await staleOn(new Date(begun + (staleDays - 1) * DAY_MS).toISOString())).total).toBe(0);
    expect((await staleOn(new Date(begun + (staleDays + 1) * DAY_MS).toISOString())).total).toBe(1);
  });
});
