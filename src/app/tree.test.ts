import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { insertRows } from "../store/bulk.repository.js";
import { keyResultRowOf } from "../store/key-results.repository.js";
import { objectiveRowOf } from "../store/objectives.repository.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";

describe.each(DIALECTS)("the period tree (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
  });
  afterAll(() => fx.close());

  it("rolls up a decreasing metric, a milestone and a percentage key result, and explains the score", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Make reviews fast",
    });
    const down = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Review time from 70 to 56 mins",
      start: 70,
      target: 56,
    });
    const milestone = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Ship the bot",
      kind: "milestone",
    });
    const pct = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Teams onboarded",
      kind: "percentage",
    });
    await checkIn(fx.deps, EDITOR, down.id, { value: 63 });
    await checkIn(fx.deps, EDITOR, milestone.id, { value: 1 });
    await checkIn(fx.deps, EDITOR, pct.id, { value: 40 });
    const aligned = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Bot team objective",
      parentKeyResultId: milestone.id,
    });
    const over = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: aligned.id,
      title: "Bots",
      start: 0,
      target: 10,
    });
    await checkIn(fx.deps, EDITOR, over.id, { value: 15 });

    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    expect(tree.roots).toHaveLength(1);
    const root = tree.roots[0];
    expect(root?.keyResults.map((k) => k.keyResult.progress)).toEqual([0.5, 1, 0.4]);
    // The three key results and the objective aligned under the milestone (1, capped).
    expect(root?.rollUp.score).toBeCloseTo((0.5 + 1 + 0.4 + 1) / 4);
    // The tree carries the score; what makes it up is asked for per objective.
    expect(Object.keys(root?.rollUp ?? {})).toEqual(["score", "capped"]);
    const explained = await getObjectiveRollUp(fx.deps, VIEWER, root?.objective.id ?? "");
    expect(explained.explanation).toContain("Review time");
    expect(explained.explanation).toContain('("Bot team objective")');
    expect(explained.score).toBe(root?.rollUp.score);
    expect(explained.contributions.map((c) => c.title)).toEqual([
      "Review time from 70 to 56 mins",
      "Ship the bot",
      "Teams onboarded",
      "Bot team objective",
    ]);
    expect(root?.keyResults[1]?.children.map((c) => c.objective.title)).toEqual([
      "Bot team objective",
    ]);
    const child = root?.keyResults[1]?.children[0];
    expect(child?.depth).toBe(1);
    // Over-achievement shows on the item (150%) and is capped in the roll-up.
    expect(child?.keyResults[0]?.keyResult.progress).toBe(1.5);
    expect(child?.rollUp).toMatchObject({ score: 1, capped: true });
    expect(tree.score.score).toBeCloseTo((0.5 + 1 + 0.4 + 1) / 4);
    expect(tree.count).toEqual({ objectives: 2, keyResults: 4 });
  });

  it("refuses an unknown period", async () => {
    await expect(getPeriodTree(fx.deps, VIEWER, "nope")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("builds a period of 5,000 items in one read", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2021-Q1" });
    const at = fx.deps.now().toISOString();
    const base = {
      periodId: period.id,
      owner: null,
      weight: 1,
      status: null,
      outcome: null,
      archived: false,
    };
    const more = { carriedFromId: null, carriedToId: null, createdAt: at, updatedAt: at };
    const objectives = Array.from({ length: 1000 }, (_, i) =>
      objectiveRowOf({
        ...base,
        ...more,
        id: `perf-o-${String(i).padStart(5, "0")}`,
        title: `Objective ${i}`,
        position: i,
        // Every fifth objective aligns under the one before it: a deep cascade.
        parentObjectiveId: i % 5 === 0 ? null : `perf-o-${String(i - 1).padStart(5, "0")}`,
        parentKeyResultId: null,
        confidential: false,
      }),
    );
    const keyResults = Array.from({ length: 4000 }, (_, i) =>
      keyResultRowOf({
        ...base,
        ...more,
        id: `perf-k-${String(i).padStart(5, "0")}`,
        objectiveId: `perf-o-${String(Math.floor(i / 4)).padStart(5, "0")}`,
        title: `Key result ${i}`,
        position: i % 4,
        kind: "metric",
        unit: null,
        start: 0,
        target: 100,
        direction: null,
        targetConfidential: i % 7 === 0,
        current: i % 100,
        progress: (i % 100) / 100,
        health: null,
        confidence: null,
        lastCheckInAt: null,
      }),
    );
    await insertRows(fx.deps.db, "objectives", objectives);
    await insertRows(fx.deps.db, "key_results", keyResults);

    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    expect(tree.count).toEqual({ objectives: 1000, keyResults: 4000 });
    expect(tree.roots).toHaveLength(200);
    expect(tree.roots[0]?.children[0]?.children[0]?.depth).toBe(2);
  });
});
