/** An objective's score in the period's tree and in its own roll-up (the objective page's) agree. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { checkIn } from "./check-ins.js";
import { archiveKeyResult, createKeyResult, getKeyResult } from "./key-results.js";
import { archiveObjective, createObjective, getObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";
import { periodTreeText } from "./tree-text.js";

describe("an objective's score in the tree and in its roll-up", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-01-02T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("leaves out what is aligned under an archived key result in both", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const company = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Be the easiest to buy from",
    });
    const retired = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: company.id,
      title: "Launch the old checkout",
      start: 0,
      target: 10,
    });
    const kept = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: company.id,
      title: "Cut checkout steps",
      start: 10,
      target: 5,
    });
    const team = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Rebuild the old checkout",
      parentKeyResultId: retired.id,
    });
    const teamKr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: team.id,
      title: "Port the payment forms",
      start: 0,
      target: 10,
    });
    await checkIn(fx.deps, EDITOR, kept.id, { value: 6 });
    await checkIn(fx.deps, EDITOR, teamKr.id, { value: 2 });
    const before = await getKeyResult(fx.deps, EDITOR, retired.id);
    await archiveKeyResult(fx.deps, EDITOR, retired.id, { version: before.version });

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    const node = tree.roots.find((r) => r.objective.id === company.id);
    // Only "Cut checkout steps" counts: 10 → 6 of 10 → 5 is 80%.
    expect(node?.rollUp.score).toBeCloseTo(0.8, 9);
    const rollUp = await getObjectiveRollUp(fx.deps, EDITOR, company.id);
    expect(rollUp.score).toBe(node?.rollUp.score);
    expect(rollUp.contributions.map((c) => c.title)).toEqual(["Cut checkout steps"]);
    const withArchived = await getPeriodTree(fx.deps, EDITOR, period.id, { includeArchived: true });
    expect(withArchived.roots.find((r) => r.objective.id === company.id)?.rollUp.score).toBe(
      node?.rollUp.score,
    );
  });

  it("gives the company the same score with archived items shown as without them", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q2" });
    // An archived objective with a team's objective still under it: without archived items
    // the team's objective stands at the top level and counts for the company.
    const retired = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Win the old market",
    });
    const team = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Keep the old market's customers",
      parentObjectiveId: retired.id,
    });
    const teamKr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: team.id,
      title: "Renew accounts",
      start: 0,
      target: 10,
    });
    const other = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow the new market",
    });
    const otherKr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: other.id,
      title: "Sign customers",
      start: 0,
      target: 10,
    });
    await checkIn(fx.deps, EDITOR, teamKr.id, { value: 8 });
    await checkIn(fx.deps, EDITOR, otherKr.id, { value: 2 });
    const before = await getObjective(fx.deps, EDITOR, retired.id);
    await archiveObjective(fx.deps, EDITOR, retired.id, { version: before.version });

    const live = await getPeriodTree(fx.deps, EDITOR, period.id);
    expect(live.roots.map((r) => r.objective.title).sort()).toEqual([
      "Grow the new market",
      "Keep the old market's customers",
    ]);
    // (80% + 20%) / 2.
    expect(live.score.score).toBeCloseTo(0.5, 9);
    const all = await getPeriodTree(fx.deps, EDITOR, period.id, { includeArchived: true });
    expect(all.score).toEqual(live.score);

    // The kept answers too, and after a check-in brings them forward along its path.
    const scoreOf = async (includeArchived: boolean) => {
      const version = await readVersionOfPeriod(fx.deps, period.id);
      const text = await periodTreeText(fx.deps, EDITOR, period.id, includeArchived, version);
      return (JSON.parse(text) as { score: { score: number | null } }).score.score;
    };
    expect(await scoreOf(true)).toBe(await scoreOf(false));
    await checkIn(fx.deps, EDITOR, teamKr.id, { value: 4 });
    const shown = await scoreOf(false);
    expect(shown).toBeCloseTo(0.3, 9);
    expect(await scoreOf(true)).toBe(shown);
  });
});
