/** The review's scores, trends and lists against the tree's and the dashboard's. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";
import { getReview } from "./review.js";
import { getPeriodTree } from "./tree.js";

describe("the review's numbers beside the tree's", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-01-02T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("ends each objective's trend at the score its screen shows, whatever its weight or status in the company score", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const side = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Side project",
      weight: 0,
    });
    const main = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Main bet",
      weight: 3,
    });
    const dropped = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Dropped bet",
      status: "cancelled",
    });
    await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Finished early",
      weight: 0,
      status: "done",
    });
    const krs = await Promise.all(
      [side, main, dropped].map((objective) =>
        createKeyResult(fx.deps, EDITOR, {
          objectiveId: objective.id,
          title: `Users of ${objective.title}`,
          start: 0,
          target: 10,
        }),
      ),
    );
    fx.setNow("2020-01-10T10:00:00.000Z");
    for (const [i, kr] of krs.entries()) await checkIn(fx.deps, EDITOR, kr.id, { value: 2 + i });
    fx.setNow("2020-01-20T10:00:00.000Z");

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    const review = await getReview(fx.deps, EDITOR, period.id);
    expect(review.objectives.map((o) => [o.title, o.score])).toEqual(
      tree.roots.map((r) => [r.objective.title, r.rollUp.score]),
    );
    expect(review.objectives.map((o) => [o.title, o.trend.at(-1)?.score])).toEqual([
      ["Side project", 0.2],
      ["Main bet", 0.3],
      ["Dropped bet", 0.4],
      // Marked done with nothing beneath: 100% on its screen and at the end of its line.
      ["Finished early", 1],
    ]);
    // The first week had no check-in: not scored, not 0.
    expect(review.objectives.map((o) => o.trend[0]?.score)).toEqual([null, null, null, 1]);
    expect(review.company.score).toBe(tree.score.score);
  });
});

describe("the review's at-risk lists beside the dashboard's", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-01-02T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("leaves a dropped key result out of what is at risk, as the dashboard does", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Open a second office",
    });
    const [lease, hires] = await Promise.all(
      ["Sign the lease", "Hire 5 locals"].map((title) =>
        createKeyResult(fx.deps, EDITOR, { objectiveId: objective.id, title, start: 0, target: 5 }),
      ),
    );
    for (const kr of [lease, hires])
      await checkIn(fx.deps, EDITOR, kr?.id ?? "", { value: 1, health: "at_risk" });
    const before = await getKeyResult(fx.deps, EDITOR, lease?.id ?? "");
    await updateKeyResult(fx.deps, EDITOR, before.id, {
      version: before.version,
      status: "cancelled",
    });

    const dashboard = await getDashboard(fx.deps, EDITOR, period.id);
    const review = await getReview(fx.deps, EDITOR, period.id);
    expect(dashboard.atRisk.items.map((kr) => kr.title)).toEqual(["Hire 5 locals"]);
    expect(review.objectives[0]?.atRisk.map((kr) => kr.title)).toEqual(["Hire 5 locals"]);
  });
});
