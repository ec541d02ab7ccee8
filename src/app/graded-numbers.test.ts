/**
 * A key result marked done or missed with no number of its own: every face shows it at the
 * score its objective counts for it (done 100%, missed 0%), with its status still named.
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
import type { Status } from "../core/types.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";
import { getReview } from "./review.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";
import { periodTreeText } from "./tree-text.js";

describe.each(DIALECTS)("a key result marked done or missed with no number (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2021-01-04T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  /** A period whose one objective has a measured key result at 40% and one marked `status`. */
  async function periodWithMarked(label: string, status: Status, confidential = false) {
    const period = await createPeriod(fx.deps, EDITOR, { label });
    const owner = await createPerson(fx.deps, EDITOR, { name: `Owner of ${label}` });
    const ownerActor = actorOf("viewer", { personId: owner.id, name: `owner-${label}` });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Launch the partner programme",
    });
    const measured = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Sign 10 partners",
      start: 0,
      target: 10,
    });
    const marked = await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: objective.id,
      title: "Hire 4 partner managers",
      start: 0,
      target: 4,
      owner: owner.name,
      targetConfidential: confidential,
    });
    await checkIn(fx.deps, EDITOR, measured.id, { value: 4 });
    // A check-in with a word and no number: the key result has no progress of its own.
    await checkIn(fx.deps, INSIDER_EDITOR, marked.id, { health: "at_risk", note: "Slipping" });
    const before = await getKeyResult(fx.deps, INSIDER_EDITOR, marked.id);
    expect(before.current).toBeNull();
    expect(before.progress).toBeNull();
    await updateKeyResult(fx.deps, INSIDER_EDITOR, marked.id, { version: before.version, status });
    return { period, objective, marked, ownerActor };
  }

  it("shows done at 100% in the tree, its page, My OKRs, the review and the dashboard, as its objective counts it", async () => {
    const { period, objective, marked, ownerActor } = await periodWithMarked("2021-Q1", "done");

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    const node = tree.roots[0];
    // The objective counts "done" as 100%: (0.4 + 1) / 2.
    expect(node?.rollUp.score).toBeCloseTo(0.7, 9);
    const inTree = node?.keyResults.find((k) => k.keyResult.id === marked.id)?.keyResult;
    expect(inTree).toMatchObject({ status: "done", progress: 1 });
    const rollUp = await getObjectiveRollUp(fx.deps, EDITOR, objective.id);
    expect(rollUp.contributions.find((c) => c.id === marked.id)?.progress).toBe(inTree?.progress);

    const text = await periodTreeText(
      fx.deps,
      EDITOR,
      period.id,
      false,
      await readVersionOfPeriod(fx.deps, period.id),
    );
    expect(text).toBe(JSON.stringify(tree));

    expect(await getKeyResult(fx.deps, EDITOR, marked.id)).toMatchObject({
      status: "done",
      progress: 1,
    });
    const mine = await getMyOkrs(fx.deps, ownerActor);
    expect(mine.keyResults.map((kr) => [kr.title, kr.status, kr.progress])).toEqual([
      ["Hire 4 partner managers", "done", 1],
    ]);

    const review = await getReview(fx.deps, EDITOR, period.id);
    const reviewed = review.objectives[0]?.keyResults.find((kr) => kr.id === marked.id);
    expect(reviewed).toMatchObject({ status: "done", progress: 1 });
    expect(review.objectives[0]?.atRisk.map((kr) => kr.progress)).toEqual([1]);
    expect(review.distribution.mean).toBeCloseTo(0.7, 9);

    const dashboard = await getDashboard(fx.deps, EDITOR, period.id);
    expect(dashboard.atRisk.items.map((kr) => [kr.title, kr.progress])).toEqual([
      ["Hire 4 partner managers", 1],
    ]);
  });

  it("shows missed at 0%, and the review's mean counts it as the tree shows it", async () => {
    const { period, marked, ownerActor } = await periodWithMarked("2021-Q2", "missed");

    const tree = await getPeriodTree(fx.deps, EDITOR, period.id);
    const node = tree.roots[0];
    // The objective counts "missed" as 0%: (0.4 + 0) / 2.
    expect(node?.rollUp.score).toBeCloseTo(0.2, 9);
    const shown = node?.keyResults.map((k) => k.keyResult.progress) ?? [];
    expect(shown).toEqual([0.4, 0]);
    expect(node?.keyResults[1]?.keyResult.status).toBe("missed");

    expect((await getKeyResult(fx.deps, EDITOR, marked.id)).progress).toBe(0);
    expect((await getMyOkrs(fx.deps, ownerActor)).keyResults.map((kr) => kr.progress)).toEqual([0]);
    const review = await getReview(fx.deps, EDITOR, period.id);
    const reviewed = review.objectives[0]?.keyResults.map((kr) => kr.progress) ?? [];
    expect(reviewed).toEqual([0.4, 0]);
    // The mean is the mean of the scores the review shows beside it.
    const mean = reviewed.reduce<number>((sum, p) => sum + (p ?? 0), 0) / reviewed.length;
    expect(review.distribution.count).toBe(reviewed.length);
    expect(review.distribution.mean).toBeCloseTo(mean, 9);
    const dashboard = await getDashboard(fx.deps, EDITOR, period.id);
    expect(dashboard.atRisk.items.map((kr) => kr.progress)).toEqual([0]);
  });

  it("shows a confidential target's done key result at 100% to a reader who may not see the target", async () => {
    const { period, marked } = await periodWithMarked("2021-Q3", "done", true);
    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    const inTree = tree.roots[0]?.keyResults.find((k) => k.keyResult.id === marked.id)?.keyResult;
    expect(inTree).toMatchObject({ hidden: true, status: "done", progress: 1 });
    expect(tree.roots[0]?.rollUp.score).toBeCloseTo(0.7, 9);
    expect(await getKeyResult(fx.deps, VIEWER, marked.id)).toMatchObject({
      hidden: true,
      progress: 1,
    });
    const dashboard = await getDashboard(fx.deps, VIEWER, period.id);
    expect(dashboard.atRisk.items.map((kr) => kr.progress)).toEqual([1]);
  });

  it("shows a done key result brought forward by a check-in elsewhere at 100% in the kept tree text", async () => {
    const { period, marked } = await periodWithMarked("2021-Q4", "done");
    const first = await periodTreeText(
      fx.deps,
      EDITOR,
      period.id,
      false,
      await readVersionOfPeriod(fx.deps, period.id),
    );
    expect(JSON.parse(first).roots[0].keyResults[1].keyResult).toMatchObject({
      id: marked.id,
      progress: 1,
    });
    // A check-in on the marked key result itself, a word and no number: still done, still 100%.
    await checkIn(fx.deps, INSIDER_EDITOR, marked.id, { note: "Hired the last one" });
    const text = await periodTreeText(
      fx.deps,
      EDITOR,
      period.id,
      false,
      await readVersionOfPeriod(fx.deps, period.id),
    );
    expect(text).toBe(JSON.stringify(await getPeriodTree(fx.deps, EDITOR, period.id)));
    expect(JSON.parse(text).roots[0].keyResults[1].keyResult).toMatchObject({
      status: "done",
      progress: 1,
    });
  });
});
