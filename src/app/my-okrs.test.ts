import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("my OKRs and role owners (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2020-02-10T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("a line owned by a role title belongs to the person holding that title", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const vp = await createPerson(fx.deps, EDITOR, { name: "Vera Pike", title: "  vp sales " });
    const other = await createPerson(fx.deps, EDITOR, { name: "Otto Ng", title: "CFO" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Win the mid-market",
      owner: "VP Sales",
    });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "40 new logos",
      kind: "metric",
      start: 0,
      target: 40,
      owner: "VP Sales",
    });
    expect(kr.owner).toEqual({ kind: "role", id: null, name: "VP Sales" });

    const vera = actorOf("viewer", { personId: vp.id, name: "vera" });
    const otto = actorOf("viewer", { personId: other.id, name: "otto" });

    const before = await getMyOkrs(fx.deps, vera);
    expect(before.objectives.map((o) => o.title)).toEqual(["Win the mid-market"]);
    expect(before.keyResults.map((k) => k.title)).toEqual(["40 new logos"]);
    expect(before.waitingForCheckIn.map((k) => k.title)).toEqual(["40 new logos"]);

    const { keyResult } = await checkIn(fx.deps, vera, kr.id, { value: 10 });
    expect(keyResult.progress).toBeCloseTo(0.25);
    await expect(checkIn(fx.deps, otto, kr.id, { value: 20 })).rejects.toMatchObject({
      code: "forbidden",
    });

    const after = await getMyOkrs(fx.deps, vera);
    expect(after.waitingForCheckIn).toEqual([]);
    // The objective carries the score the tree shows, with its explanation.
    expect(after.objectives[0]?.rollUp.score).toBeCloseTo(0.25);
    expect(after.objectives[0]?.rollUp.explanation).toContain("40 new logos");
    expect(await getMyOkrs(fx.deps, otto)).toEqual({
      objectives: [],
      keyResults: [],
      waitingForCheckIn: [],
      staleDays: 14,
    });
  });
});
