/** An objective's score in the period's tree and in its own roll-up (the objective page's) agree. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { checkIn } from "./check-ins.js";
import { archiveKeyResult, createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";

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
});
