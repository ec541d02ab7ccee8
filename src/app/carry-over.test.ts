import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { carryOverKeyResult, carryOverObjective } from "./carry-over.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective, getObjective } from "./objectives.js";
import { createPeriod, findPeriodByLabel } from "./periods.js";
import { getPeriodTree } from "./tree.js";

describe.each(DIALECTS)("carry-over (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
  });
  afterAll(() => fx.close());

  it("carries an objective and its unfinished key results into the next period, linked both ways", async () => {
    const q1 = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: q1.id,
      title: "Hire the team",
      links: [{ kind: "issue", text: "#1", url: "https://example.com/1" }],
    });
    const done = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Hire a lead",
      kind: "milestone",
    });
    const open = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Hire 5 engineers",
      start: 0,
      target: 5,
    });
    await checkIn(fx.deps, EDITOR, done.id, { value: 1 });
    await checkIn(fx.deps, EDITOR, open.id, { value: 2 });

    const carried = await carryOverObjective(fx.deps, EDITOR, objective.id, {
      version: objective.version,
    });
    const q2 = await findPeriodByLabel(fx.deps, VIEWER, "2020-Q2");
    expect(q2).toMatchObject({ start: "2020-04-01", end: "2020-06-30" });
    expect(carried).toMatchObject({
      periodId: q2?.id,
      carriedFromId: objective.id,
      status: null,
      title: "Hire the team",
    });
    expect(carried.links.map((l) => l.text)).toEqual(["#1"]);
    expect(await getObjective(fx.deps, VIEWER, objective.id)).toMatchObject({
      status: "carried_over",
      carriedToId: carried.id,
    });

    const tree = await getPeriodTree(fx.deps, VIEWER, q2?.id ?? "");
    const krs = tree.roots[0]?.keyResults.map((k) => k.keyResult) ?? [];
    expect(krs.map((k) => k.title)).toEqual(["Hire 5 engineers"]);
    expect(krs[0]).toMatchObject({
      carriedFromId: open.id,
      start: 0,
      target: 5,
      current: null,
      progress: null,
    });
    expect(await getKeyResult(fx.deps, VIEWER, open.id)).toMatchObject({
      status: "carried_over",
      carriedToId: krs[0]?.id,
    });
    expect((await getKeyResult(fx.deps, VIEWER, done.id)).status).toBe("done");

    await expect(
      carryOverObjective(fx.deps, EDITOR, objective.id, { version: objective.version + 1 }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("carries a single key result, taking its objective along; a stale version changes nothing", async () => {
    const q3 = await createPeriod(fx.deps, EDITOR, { label: "2020-Q3" });
    const objective = await createObjective(fx.deps, EDITOR, { periodId: q3.id, title: "Ship v2" });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Beta users",
      start: 0,
      target: 100,
    });
    await checkIn(fx.deps, EDITOR, kr.id, { value: 10 });
    await expect(
      carryOverKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    expect((await getKeyResult(fx.deps, VIEWER, kr.id)).carriedToId).toBeNull();
    expect(await findPeriodByLabel(fx.deps, VIEWER, "2020-Q4")).toBeUndefined();

    const current = await getKeyResult(fx.deps, VIEWER, kr.id);
    const carried = await carryOverKeyResult(fx.deps, EDITOR, kr.id, { version: current.version });
    const movedObjective = await getObjective(fx.deps, VIEWER, objective.id);
    expect(movedObjective.carriedToId).toBe(carried.objectiveId);
    expect(carried).toMatchObject({ carriedFromId: kr.id, title: "Beta users" });
    expect(await getKeyResult(fx.deps, VIEWER, kr.id)).toMatchObject({
      carriedToId: carried.id,
      status: "carried_over",
    });
  });
});
