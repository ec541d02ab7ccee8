/** A key result carried into the next quarter: what its line shows is what its objective counts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { carryOverKeyResult } from "./carry-over.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";

describe("the numbers of a carried-over key result", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-03-20T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("shows a carried milestone at the 0% its objective counts, as a new milestone is", async () => {
    const q1 = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: q1.id,
      title: "Launch the app",
    });
    const store = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "In the app store",
      kind: "milestone",
    });
    const users = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Reach 100 beta users",
      start: 0,
      target: 100,
    });
    await checkIn(fx.deps, EDITOR, users.id, { value: 40 });
    for (const id of [store.id, users.id]) {
      const kr = await getKeyResult(fx.deps, EDITOR, id);
      await carryOverKeyResult(fx.deps, EDITOR, id, { version: kr.version });
    }
    const origin = await getKeyResult(fx.deps, EDITOR, store.id);
    const copy = await getKeyResult(fx.deps, EDITOR, origin.carriedToId ?? "");
    const tree = await getPeriodTree(fx.deps, EDITOR, copy.periodId);
    const root = tree.roots[0];
    const shown = new Map(root?.keyResults.map((k) => [k.keyResult.title, k.keyResult.progress]));
    expect(shown).toEqual(
      new Map([
        ["In the app store", 0],
        ["Reach 100 beta users", null],
      ]),
    );
    const rollUp = await getObjectiveRollUp(fx.deps, EDITOR, root?.objective.id ?? "");
    for (const c of rollUp.contributions) expect(c.progress).toBe(shown.get(c.title));
    expect(rollUp.score).toBe(0);
  });
});
