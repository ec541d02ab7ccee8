import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, openAppFixture, VIEWER } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { listPeriods } from "../store/periods.repository.js";
import { getDashboard } from "./dashboard.js";
import { loadExampleData } from "./example-data.js";
import { getReview } from "./review.js";
import { getPeriodTree } from "./tree.js";

describe.each(DIALECTS)("the quarterly review of the example company (%s)", (dialect) => {
  let fx: AppFixture;
  let periodId: string;

  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2026-11-20T09:00:00.000Z");
    await loadExampleData(fx.deps, { now: fx.deps.now() });
    const periods = await listPeriods(fx.deps.db);
    periodId = periods[periods.length - 1]?.id ?? "";
  });
  afterAll(() => fx.close());

  it("has a screen per top-level objective, scored as the tree scores it, with its trend", async () => {
    const [review, tree] = await Promise.all([
      getReview(fx.deps, ADMIN, periodId),
      getPeriodTree(fx.deps, ADMIN, periodId),
    ]);
    expect(review.objectives.map((o) => o.id)).toEqual(tree.roots.map((r) => r.objective.id));
    review.objectives.forEach((objective, i) => {
      const root = tree.roots[i];
      expect(objective.score).toBe(root?.rollUp.score);
      expect(objective.keyResults.map((kr) => kr.id)).toEqual(
        root?.keyResults.map((kr) => kr.keyResult.id),
      );
      // Week by week up to today; the last point is the score as it stands.
      expect(objective.trend.length).toBeGreaterThan(4);
      expect(objective.trend.at(-1)?.score).toBeCloseTo(objective.score ?? 0, 9);
    });
    expect(review.company.score).toBe(tree.score.score);
  });

  it("puts what is at risk first, and the check-in notes newest first as presenter notes", async () => {
    const review = await getReview(fx.deps, ADMIN, periodId);
    const risks = review.objectives.flatMap((o) => o.atRisk);
    expect(risks.length).toBeGreaterThan(0);
    for (const objective of review.objectives) {
      const healths = objective.atRisk.map((kr) => kr.health);
      expect(healths).toEqual(
        [...healths].sort((a, b) => (a === "at_risk" ? -1 : b === "at_risk" ? 1 : 0)),
      );
      expect(healths.every((h) => h === "at_risk" || h === "needs_attention")).toBe(true);
      const times = objective.notes.map((n) => n.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(objective.notes.length).toBeLessThanOrEqual(12);
    }
    expect(review.objectives.some((o) => o.notes.length > 0)).toBe(true);
    const noted = review.objectives.flatMap((o) => o.keyResults).find((kr) => kr.lastNote);
    expect(noted?.lastNote?.note).not.toBe("");
  });

  it("closes with the dashboard's distribution, and hides confidential numbers from a viewer", async () => {
    const [review, dashboard] = await Promise.all([
      getReview(fx.deps, VIEWER, periodId),
      getDashboard(fx.deps, VIEWER, periodId),
    ]);
    expect(review.distribution).toEqual(dashboard.distribution);
    expect(review.sweetSpot).toBe(0.7);
    const text = JSON.stringify(review);
    expect(text).not.toMatch(/1,?200,?000/);
    expect(text).toContain("N<sub>0</sub>");
  });
});
