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
import { carryOverKeyResult, carryOverObjective } from "./carry-over.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective, getObjective, updateObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod, findPeriodByLabel } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";
import { search } from "./search.js";
import { getPeriodTree } from "./tree.js";
import { periodTreeText } from "./tree-text.js";

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

  it("names to a non-insider no carried item confidential since, in every answer, kept or not (decisions/0066)", async () => {
    const owner = await createPerson(fx.deps, ADMIN, { name: "Pia Porto" });
    const pia = actorOf("viewer", { personId: owner.id, name: "Pia" });
    const q1 = await createPeriod(fx.deps, EDITOR, { label: "2021-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: q1.id,
      title: "Expand to Porto",
      owner: "Pia Porto",
    });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Open the Porto desk",
      kind: "milestone",
      owner: "Pia Porto",
    });
    const carried = await carryOverKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version });
    const hiddenIds = [carried.id, carried.objectiveId];
    /** Everything a reader is answered of the origin's period, the tree's kept text too. */
    const answers = async (actor: typeof VIEWER) =>
      JSON.stringify([
        await getPeriodTree(fx.deps, actor, q1.id),
        await periodTreeText(
          fx.deps,
          actor,
          q1.id,
          false,
          await readVersionOfPeriod(fx.deps, q1.id),
        ),
        await getObjective(fx.deps, actor, objective.id),
        await getKeyResult(fx.deps, actor, kr.id),
        await search(fx.deps, actor, { q: "Porto", periodId: q1.id }),
        await getMyOkrs(fx.deps, actor),
      ]);
    for (const id of hiddenIds) expect(await answers(pia)).toContain(id);

    const copy = await getObjective(fx.deps, EDITOR, carried.objectiveId);
    await updateObjective(fx.deps, ADMIN, copy.id, { version: copy.version, confidential: true });
    const shown = await answers(pia);
    for (const id of hiddenIds) expect(shown).not.toContain(id);
    expect(await getKeyResult(fx.deps, pia, kr.id)).toMatchObject({
      carriedToId: null,
      status: "carried_over",
    });
    // Check-ins on the origin's period bring its kept answers forward: still nothing named.
    await checkIn(fx.deps, EDITOR, kr.id, { progress: 0 });
    for (const id of hiddenIds) expect(await answers(pia)).not.toContain(id);
    // Insiders keep the ids.
    for (const id of hiddenIds) expect(await answers(INSIDER_EDITOR)).toContain(id);
  });
});
