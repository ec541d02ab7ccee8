/**
 * The dashboard's figures against the tree's and My OKRs' for the same items: what the tree
 * leaves out or hides, the dashboard leaves out or hides too, and its lines end where the
 * scores stand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  actorOf,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { getDashboard, getDashboardList } from "./dashboard.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { archiveObjective, createObjective, getObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { getReview } from "./review.js";
import { getPeriodTree } from "./tree.js";

describe.each(DIALECTS)("the dashboard's numbers beside the tree's (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2020-01-02T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("hides the figures of a confidential target's title in the at-risk and stale lists, as the tree does", async () => {
    fx.setNow("2020-01-02T09:00:00.000Z");
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow revenue",
    });
    const arr = await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: objective.id,
      title: "Grow ARR from 2.5 to 3.75 million",
      start: 2.5,
      target: 3.75,
      targetConfidential: true,
    });
    await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: objective.id,
      title: "Close 40 deals worth 1.25 million",
      start: 0,
      target: 1.25,
      targetConfidential: true,
    });
    await checkIn(fx.deps, INSIDER_EDITOR, arr.id, { value: 3, health: "at_risk" });
    fx.setNow("2020-02-20T09:00:00.000Z");

    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    const shown = new Map(
      tree.roots[0]?.keyResults.map((k) => [k.keyResult.id, k.keyResult.title]) ?? [],
    );
    const dashboard = await getDashboard(fx.deps, VIEWER, period.id);
    const listed = [...dashboard.atRisk.items, ...dashboard.stale.items];
    expect(listed.length).toBe(3);
    for (const kr of listed) {
      expect(kr.title).toBe(shown.get(kr.id));
      expect(kr.title).not.toMatch(/2\.5|3\.75|1\.25/);
      expect(Object.keys(kr)).not.toContain("target");
    }
    const page = await getDashboardList(fx.deps, VIEWER, period.id, "stale", { offset: 0 });
    expect(page.items.map((kr) => ("title" in kr ? kr.title : ""))).not.toContain(
      "Grow ARR from 2.5 to 3.75 million",
    );
    // An insider reads the title as written.
    const insider = await getDashboard(fx.deps, INSIDER_EDITOR, period.id);
    expect(insider.atRisk.items.map((kr) => kr.title)).toEqual([
      "Grow ARR from 2.5 to 3.75 million",
    ]);
  });

  it("leaves the key results of an archived objective out of every list and count, as the tree and My OKRs do", async () => {
    fx.setNow("2020-04-02T09:00:00.000Z");
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q2" });
    const ola = await createPerson(fx.deps, EDITOR, { name: "Ola Archer" });
    const olaActor = actorOf("viewer", { personId: ola.id, name: "ola" });
    const kept = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Kept" });
    const dropped = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Dropped plan",
    });
    const live = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: kept.id,
      title: "Live line",
      start: 0,
      target: 10,
    });
    const orphan = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: dropped.id,
      title: "Line of the dropped plan",
      start: 0,
      target: 10,
      owner: "Ola Archer",
    });
    await checkIn(fx.deps, EDITOR, live.id, { value: 8 });
    await checkIn(fx.deps, EDITOR, orphan.id, { value: 1, health: "at_risk" });
    const before = await getObjective(fx.deps, EDITOR, dropped.id);
    await archiveObjective(fx.deps, EDITOR, dropped.id, { version: before.version });
    fx.setNow("2020-05-20T09:00:00.000Z");

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    expect(tree.count).toEqual({ objectives: 1, keyResults: 1 });
    const dashboard = await getDashboard(fx.deps, EDITOR, period.id);
    expect(dashboard.distribution.count + dashboard.distribution.unscored).toBe(1);
    expect(dashboard.distribution.mean).toBeCloseTo(0.8, 9);
    expect(dashboard.atRisk.items.map((kr) => kr.title)).toEqual([]);
    expect(dashboard.stale.items.map((kr) => kr.title)).toEqual(["Live line"]);
    const mine = await getMyOkrs(fx.deps, olaActor);
    expect(mine.keyResults.map((kr) => kr.title)).toEqual([]);
    expect(mine.waitingForCheckIn.map((kr) => kr.title)).toEqual([]);
  });

  it("counts a key result in the distribution as the roll-up counts it: done without a number is 100%", async () => {
    fx.setNow("2020-07-02T09:00:00.000Z");
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q3" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Launch",
    });
    const measured = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Sign 10 partners",
      start: 0,
      target: 10,
    });
    const marked = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Hire 4 engineers",
      start: 0,
      target: 4,
    });
    await checkIn(fx.deps, EDITOR, measured.id, { value: 4 });
    const kr = await getKeyResult(fx.deps, EDITOR, marked.id);
    await updateKeyResult(fx.deps, EDITOR, marked.id, { version: kr.version, status: "done" });

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    // The objective counts "done" as 100%: (0.4 + 1) / 2.
    expect(tree.roots[0]?.rollUp.score).toBeCloseTo(0.7, 9);
    const { distribution } = await getDashboard(fx.deps, EDITOR, period.id);
    expect(distribution).toMatchObject({ count: 2, unscored: 0, atOrAboveFull: 1 });
    expect(distribution.mean).toBeCloseTo(0.7, 9);
  });

  it("ends progress over time, and the review's trends, at the scores shown after a target is changed", async () => {
    fx.setNow("2020-10-02T09:00:00.000Z");
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q4" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow usage",
    });
    const users = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Reach more weekly users",
      start: 0,
      target: 100,
    });
    fx.setNow("2020-10-05T09:00:00.000Z");
    await checkIn(fx.deps, EDITOR, users.id, { value: 50 });
    fx.setNow("2020-10-20T09:00:00.000Z");
    const kr = await getKeyResult(fx.deps, EDITOR, users.id);
    // The target is raised: 50 of 200 is 25%.
    await updateKeyResult(fx.deps, EDITOR, users.id, { version: kr.version, target: 200 });

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    expect(tree.score.score).toBeCloseTo(0.25, 9);
    const dashboard = await getDashboard(fx.deps, EDITOR, period.id);
    expect(dashboard.company.score).toBeCloseTo(0.25, 9);
    expect(dashboard.progressOverTime.at(-1)).toEqual({
      date: "2020-10-20",
      score: dashboard.company.score,
    });
    const review = await getReview(fx.deps, EDITOR, period.id);
    expect(review.company.trend.at(-1)?.score).toBe(review.company.score);
    expect(review.objectives[0]?.trend.at(-1)?.score).toBe(review.objectives[0]?.score);
  });
});
