/**
 * The rules a check-in keeps, read in as few queries as possible: visibility through a chain
 * of alignments, owners of the key result or its objective, the closed period, links kept in
 * the answer, one audit event, and a late-arriving older check-in not overwriting the newest.
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
import { insertPerson } from "../store/people.repository.js";
import { listAudit } from "./audit.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { closePeriod, createPeriod } from "./periods.js";

describe.each(DIALECTS)("check-in rules (%s)", (dialect) => {
  let fx: AppFixture;
  let periodId: string;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    periodId = (await createPeriod(fx.deps, EDITOR, { label: "2021-Q1" })).id;
  });
  afterAll(() => fx.close());

  const newKeyResult = async (objectiveId: string, owner?: string, actor = EDITOR) =>
    createKeyResult(fx.deps, actor, {
      objectiveId,
      title: "Ship 10 releases",
      kind: "metric",
      start: 0,
      target: 10,
      ...(owner ? { owner } : {}),
      links: [
        { kind: "document", text: "Plan", url: "https://example.com/plan" },
        { kind: "dashboard", text: "Board", url: "https://example.com/board" },
      ],
    });

  it("hides a key result under a confidential objective two alignments up", async () => {
    const secret = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId,
      title: "Secret acquisition",
      confidential: true,
    });
    const secretKr = await newKeyResult(secret.id, undefined, INSIDER_EDITOR);
    const middle = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId,
      title: "Integration",
      parentKeyResultId: secretKr.id,
    });
    const below = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId,
      title: "Systems",
      parentObjectiveId: middle.id,
    });
    const kr = await newKeyResult(below.id, undefined, INSIDER_EDITOR);
    await expect(checkIn(fx.deps, EDITOR, kr.id, { value: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    const done = await checkIn(fx.deps, INSIDER_EDITOR, kr.id, { value: 1 });
    expect(done.keyResult.current).toBe(1);
  });

  it("lets a viewer check in on what they own, or what their objective's owner is, and no more", async () => {
    const personId = fx.deps.newId();
    await insertPerson(fx.deps.db, {
      id: personId,
      name: "Vera Viewer",
      email: null,
      title: null,
      teamId: null,
    });
    const vera = actorOf("viewer", { personId, name: "vera" });
    const theirs = await createObjective(fx.deps, EDITOR, {
      periodId,
      title: "Vera's objective",
      owner: "Vera Viewer",
    });
    const other = await createObjective(fx.deps, EDITOR, { periodId, title: "Someone else's" });
    const underTheirs = await newKeyResult(theirs.id);
    const ownKr = await newKeyResult(other.id, "Vera Viewer");
    const notTheirs = await newKeyResult(other.id);
    expect((await checkIn(fx.deps, vera, underTheirs.id, { value: 2 })).keyResult.current).toBe(2);
    expect((await checkIn(fx.deps, vera, ownKr.id, { value: 3 })).keyResult.current).toBe(3);
    await expect(checkIn(fx.deps, vera, notTheirs.id, { value: 4 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(checkIn(fx.deps, VIEWER, underTheirs.id, { value: 4 })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("answers with links, bumps the version once, records one audit event, keeps the newest", async () => {
    const objective = await createObjective(fx.deps, EDITOR, { periodId, title: "Releases" });
    const kr = await newKeyResult(objective.id);
    fx.advanceDays(1);
    const done = await checkIn(fx.deps, EDITOR, kr.id, { value: 10, confidence: 8 });
    expect(done.keyResult).toMatchObject({
      current: 10,
      progress: 1,
      status: "done",
      confidence: 8,
      version: kr.version + 1,
    });
    expect(done.keyResult.links.map((l) => l.text)).toEqual(["Plan", "Board"]);
    expect(await getKeyResult(fx.deps, EDITOR, kr.id)).toMatchObject({
      current: 10,
      status: "done",
      version: kr.version + 1,
    });
    const events = await listAudit(fx.deps, actorOf("admin"), { entityId: kr.id });
    const checkIns = events.filter((e) => e.action === "check_in");
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]?.after).toMatchObject({ current: 10, status: "done" });

    // A check-in stamped earlier than the newest (the clock moved back) keeps the newest state.
    fx.advanceDays(-3);
    const late = await checkIn(fx.deps, EDITOR, kr.id, { value: 5 });
    expect(late.checkIn.value).toBe(5);
    expect(late.keyResult.current).toBe(10);
    expect((await getKeyResult(fx.deps, EDITOR, kr.id)).current).toBe(10);
    fx.advanceDays(3);
  });

  it("refuses an objective's id, an unknown id, and a closed period", async () => {
    const objective = await createObjective(fx.deps, EDITOR, { periodId, title: "Closing" });
    const kr = await newKeyResult(objective.id);
    await expect(checkIn(fx.deps, EDITOR, objective.id, { value: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      checkIn(fx.deps, EDITOR, "01HZZZZZZZZZZZZZZZZZZZZZZZ", { value: 1 }),
    ).rejects.toMatchObject({ code: "not_found" });
    await closePeriod(fx.deps, actorOf("admin"), periodId);
    await expect(checkIn(fx.deps, EDITOR, kr.id, { value: 1 })).rejects.toMatchObject({
      code: "period_closed",
    });
  });
});
