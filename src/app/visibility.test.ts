import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  actorOf,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { KeyResult, Objective, Period } from "../core/types.js";
import { listCheckIns as storedCheckIns } from "../store/check-ins.repository.js";
import { getKeyResult as storedKeyResult } from "../store/key-results.repository.js";
import { listAudit } from "./audit.js";
import { checkIn, listCheckIns } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import type { Actor } from "./deps.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective, getObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { search } from "./search.js";
import { getPeriodTree } from "./tree.js";

/** The secret numbers of this suite: none may appear anywhere a non-insider reads. */
const SECRET_START = 4_111_111;
const SECRET_TARGET = 9_333_333;
const SECRET_VALUE = 7_222_222;
const SECRET_TITLE = "Acquire Initech quietly";

describe.each(DIALECTS)("visibility of confidential values (%s)", (dialect) => {
  let fx: AppFixture;
  let period: Period;
  let publicObjective: Objective;
  let hiddenKr: KeyResult;
  let secretObjective: Objective;
  let underSecret: Objective;
  let ownerViewer: Actor;

  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const person = await createPerson(fx.deps, EDITOR, { name: "Sales Lead" });
    ownerViewer = actorOf("viewer", { personId: person.id, name: "lead" });
    publicObjective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow expansion",
      owner: "Sales Lead",
    });
    hiddenKr = await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: publicObjective.id,
      title: "Reach $N0 in expansion IARR",
      kind: "metric",
      start: SECRET_START,
      target: SECRET_TARGET,
      targetConfidential: true,
      owner: "Sales Lead",
    });
    await checkIn(fx.deps, INSIDER_EDITOR, hiddenKr.id, {
      value: SECRET_VALUE,
      health: "at_risk",
      note: "on the way",
    });
    secretObjective = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId: period.id,
      title: SECRET_TITLE,
      confidential: true,
      owner: "Sales Lead",
    });
    const secretKr = await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: secretObjective.id,
      title: "Sign the term sheet",
      kind: "milestone",
    });
    underSecret = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId: period.id,
      title: "Prepare the data room",
      parentKeyResultId: secretKr.id,
    });
  });
  afterAll(() => fx.close());

  function leaks(value: unknown): string[] {
    const text = JSON.stringify(value);
    return [
      String(SECRET_START),
      String(SECRET_TARGET),
      String(SECRET_VALUE),
      SECRET_TITLE,
      "data room",
      "term sheet",
    ].filter((secret) => text.includes(secret));
  }

  it("item reads show the progress and a placeholder, never the numbers", async () => {
    for (const actor of [VIEWER, EDITOR, ownerViewer]) {
      const kr = await getKeyResult(fx.deps, actor, hiddenKr.id);
      expect(kr).toMatchObject({
        start: null,
        target: null,
        current: null,
        hidden: true,
        placeholder: "confidential",
      });
      expect(kr.progress).toBeCloseTo(
        (SECRET_VALUE - SECRET_START) / (SECRET_TARGET - SECRET_START),
      );
      expect(leaks(kr)).toEqual([]);
    }
    const insider = await getKeyResult(fx.deps, INSIDER_EDITOR, hiddenKr.id);
    expect(insider).toMatchObject({
      start: SECRET_START,
      target: SECRET_TARGET,
      current: SECRET_VALUE,
      hidden: false,
    });
    expect(await getKeyResult(fx.deps, ADMIN, hiddenKr.id)).toMatchObject({
      target: SECRET_TARGET,
    });
  });

  it("an insider reads the stored key result and its check-ins whole, field for field and in order", async () => {
    // The shown copies are written out field by field (decisions/0049): none may be dropped,
    // added or moved against what the store holds.
    const stored = await storedKeyResult(fx.deps.db, hiddenKr.id);
    const shown = await getKeyResult(fx.deps, INSIDER_EDITOR, hiddenKr.id);
    expect(Object.entries(shown)).toEqual(
      Object.entries({ ...stored, hidden: false, placeholder: null }),
    );
    const [storedCheckIn] = await storedCheckIns(fx.deps.db, hiddenKr.id);
    const [shownCheckIn] = await listCheckIns(fx.deps, INSIDER_EDITOR, hiddenKr.id);
    expect(Object.entries(shownCheckIn ?? {})).toEqual(
      Object.entries({ ...storedCheckIn, hidden: false }),
    );
    const [hiddenCheckIn] = await listCheckIns(fx.deps, VIEWER, hiddenKr.id);
    expect(Object.entries(hiddenCheckIn ?? {})).toEqual(
      Object.entries({ ...storedCheckIn, value: null, hidden: true }),
    );
  });

  it("confidential objectives and everything under them do not exist for non-insiders", async () => {
    await expect(getObjective(fx.deps, VIEWER, secretObjective.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getObjective(fx.deps, EDITOR, underSecret.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getObjective(fx.deps, INSIDER_EDITOR, underSecret.id)).resolves.toMatchObject({
      title: "Prepare the data room",
    });
    await expect(
      createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: "x",
        parentObjectiveId: secretObjective.id,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createObjective(fx.deps, EDITOR, { periodId: period.id, title: "x", confidential: true }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the tree hides them and redacts the numbers, but keeps the progress in the roll-up", async () => {
    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    expect(leaks(tree)).toEqual([]);
    expect(tree.roots.map((n) => n.objective.title)).toEqual(["Grow expansion"]);
    const krNode = tree.roots[0]?.keyResults[0];
    expect(krNode?.keyResult).toMatchObject({ target: null, hidden: true });
    expect(tree.roots[0]?.rollUp.score).toBeCloseTo(krNode?.keyResult.progress ?? -1);
    const insiderTree = await getPeriodTree(fx.deps, INSIDER_EDITOR, period.id);
    expect(insiderTree.roots.map((n) => n.objective.title)).toEqual([
      "Grow expansion",
      SECRET_TITLE,
    ]);
    expect(insiderTree.count).toEqual({ objectives: 3, keyResults: 2 });
  });

  it("check-in history, search, dashboard and my OKRs show nothing hidden", async () => {
    const history = await listCheckIns(fx.deps, VIEWER, hiddenKr.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ value: null, hidden: true, note: "on the way" });
    expect((await listCheckIns(fx.deps, INSIDER_EDITOR, hiddenKr.id))[0]?.value).toBe(SECRET_VALUE);

    const found = await search(fx.deps, VIEWER, { q: "" });
    expect(leaks(found)).toEqual([]);
    expect(found.hits.map((h) => h.item.title)).toEqual([
      "Grow expansion",
      "Reach $N0 in expansion IARR",
    ]);
    expect((await search(fx.deps, VIEWER, { q: "initech" })).hits).toEqual([]);
    expect((await search(fx.deps, INSIDER_EDITOR, { q: "initech" })).hits).toHaveLength(1);

    const dashboard = await getDashboard(fx.deps, VIEWER, period.id);
    expect(leaks(dashboard)).toEqual([]);
    expect(dashboard.atRisk.items.map((a) => a.title)).toEqual(["Reach $N0 in expansion IARR"]);
    expect(dashboard.atRisk.total).toBe(1);

    const mine = await getMyOkrs(fx.deps, ownerViewer);
    expect(leaks(mine)).toEqual([]);
    expect(mine.objectives.map((o) => o.title)).toEqual(["Grow expansion"]);
    expect(mine.keyResults[0]).toMatchObject({ hidden: true, target: null });
  });

  it("a check-in or a stale write by a non-insider answers without the numbers", async () => {
    // A value would give start and target away beside the progress: progress only.
    await expect(
      checkIn(fx.deps, ownerViewer, hiddenKr.id, { value: SECRET_VALUE + 1 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const { checkIn: recorded, keyResult } = await checkIn(fx.deps, ownerViewer, hiddenKr.id, {
      progress: 0.5,
    });
    expect(leaks({ recorded, keyResult })).toEqual([]);
    expect(recorded).toMatchObject({ value: null, hidden: true });
    const conflict = await updateKeyResult(fx.deps, ownerViewer, hiddenKr.id, {
      version: 1,
      title: "x",
    }).catch((e) => e);
    expect(conflict).toMatchObject({
      code: "version_conflict",
      details: { current: { hidden: true, target: null } },
    });
    expect(leaks(conflict.details)).toEqual([]);
    await expect(
      updateKeyResult(fx.deps, ownerViewer, hiddenKr.id, { version: keyResult.version, target: 1 }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the audit log is for admins, who are insiders", async () => {
    await expect(listAudit(fx.deps, VIEWER)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAudit(fx.deps, INSIDER_EDITOR)).rejects.toMatchObject({ code: "forbidden" });
    const events = await listAudit(fx.deps, ADMIN, { entityId: hiddenKr.id });
    expect(events.some((e) => JSON.stringify(e).includes(String(SECRET_TARGET)))).toBe(true);
  });
});
