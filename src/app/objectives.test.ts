import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Period } from "../core/types.js";
import { listAudit } from "./audit.js";
import { checkIn } from "./check-ins.js";
import {
  archiveKeyResult,
  createKeyResult,
  getKeyResult,
  moveKeyResult,
  reorderKeyResult,
  updateKeyResult,
} from "./key-results.js";
import { addLink, removeLink } from "./links.js";
import {
  archiveObjective,
  createObjective,
  getObjective,
  moveObjective,
  reorderObjective,
  updateObjective,
} from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { createPeriod } from "./periods.js";
import { getPeriodTree } from "./tree.js";

describe.each(DIALECTS)("objectives and key results (%s)", (dialect) => {
  let fx: AppFixture;
  let period: Period;
  let other: Period;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    other = await createPeriod(fx.deps, EDITOR, { label: "2020-Q2" });
  });
  afterAll(() => fx.close());

  it("creates an objective with its owner resolved to a person, a team, or kept as a role title", async () => {
    const team = await createTeam(fx.deps, EDITOR, { name: "Gitaly" });
    const person = await createPerson(fx.deps, EDITOR, { name: "Ada Lovelace", title: "CMO" });
    const byPerson = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "A",
      owner: "Ada Lovelace",
    });
    const byTeam = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "B",
      owner: "gitaly",
    });
    const byRole = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "C",
      owner: "VP, Field Ops",
    });
    expect(byPerson.owner).toEqual({ kind: "person", id: person.id, name: "Ada Lovelace" });
    expect(byTeam.owner).toEqual({ kind: "team", id: team.id, name: "Gitaly" });
    expect(byRole.owner).toEqual({ kind: "role", id: null, name: "VP, Field Ops" });
    expect(byRole).toMatchObject({ version: 1, weight: 1, confidential: false, archived: false });
    expect(byTeam.position).toBeGreaterThan(byPerson.position);
  });

  it("refuses bad input with the field named, negative weights, and a metric whose target equals its start", async () => {
    await expect(
      createObjective(fx.deps, EDITOR, { periodId: period.id, title: "  " }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "title" }],
    });
    await expect(
      createObjective(fx.deps, EDITOR, { periodId: period.id, title: "W", weight: -1 }),
    ).rejects.toMatchObject({
      code: "negative_weight",
    });
    const o = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Numbers" });
    await expect(
      createKeyResult(fx.deps, EDITOR, {
        objectiveId: o.id,
        title: "Flat",
        kind: "metric",
        start: 5,
        target: 5,
      }),
    ).rejects.toMatchObject({ code: "target_equals_start" });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: o.id,
      title: "Up",
      kind: "metric",
      start: 0,
      target: 5,
    });
    await expect(
      updateKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version, target: 0 }),
    ).rejects.toMatchObject({
      code: "target_equals_start",
    });
    await expect(
      createObjective(fx.deps, EDITOR, { periodId: "nope", title: "X" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("updates with the current version; a stale version changes nothing and answers with the current item", async () => {
    const o = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Grow" });
    const updated = await updateObjective(fx.deps, EDITOR, o.id, {
      version: 1,
      title: "Grow revenue",
      outcome: "94%",
    });
    expect(updated).toMatchObject({ title: "Grow revenue", outcome: "94%", version: 2 });
    const stale = updateObjective(fx.deps, EDITOR, o.id, { version: 1, title: "Overwritten" });
    await expect(stale).rejects.toMatchObject({
      code: "version_conflict",
      details: { current: { title: "Grow revenue", version: 2 } },
    });
    expect(await getObjective(fx.deps, VIEWER, o.id)).toMatchObject({
      title: "Grow revenue",
      version: 2,
    });

    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: o.id,
      title: "Raise MR rate",
      start: 8,
      target: 10,
    });
    await updateKeyResult(fx.deps, EDITOR, kr.id, { version: 1, title: "Raise MR rate to 10" });
    await expect(
      updateKeyResult(fx.deps, EDITOR, kr.id, { version: 1, target: 12 }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    expect(await getKeyResult(fx.deps, VIEWER, kr.id)).toMatchObject({ target: 10, version: 2 });
  });

  it("of two concurrent writes naming the same version, exactly one lands", async () => {
    const o = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Race" });
    const results = await Promise.allSettled([
      updateObjective(fx.deps, EDITOR, o.id, { version: 1, title: "First" }),
      updateObjective(fx.deps, EDITOR, o.id, { version: 1, title: "Second" }),
    ]);
    const landed = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(landed).toHaveLength(1);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
      "version_conflict",
    ]);
    const winner = (landed[0] as PromiseFulfilledResult<{ title: string }>).value.title;
    expect(await getObjective(fx.deps, VIEWER, o.id)).toMatchObject({ title: winner, version: 2 });
  });

  it("a viewer cannot write; an owner may edit and check in on their own OKRs even as a viewer", async () => {
    const person = await createPerson(fx.deps, EDITOR, { name: "Grace Hopper" });
    const owner = actorOf("viewer", { personId: person.id, name: "grace" });
    const mine = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Mine",
      owner: "Grace Hopper",
    });
    const theirs = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Theirs" });
    await expect(
      createObjective(fx.deps, VIEWER, { periodId: period.id, title: "No" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateObjective(fx.deps, VIEWER, theirs.id, { version: 1, title: "No" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateObjective(fx.deps, owner, theirs.id, { version: 1, title: "No" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const kr = await createKeyResult(fx.deps, owner, {
      objectiveId: mine.id,
      title: "Mine too",
      kind: "percentage",
    });
    const other = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: theirs.id,
      title: "Other",
      kind: "percentage",
    });
    await expect(checkIn(fx.deps, VIEWER, kr.id, { value: 50 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(checkIn(fx.deps, owner, other.id, { value: 50 })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await checkIn(fx.deps, owner, kr.id, { value: 50 })).keyResult.progress).toBe(0.5);
    expect(
      await updateObjective(fx.deps, owner, mine.id, { version: 1, outcome: "50%" }),
    ).toMatchObject({ version: 2 });
    await expect(getObjective(fx.deps, VIEWER, theirs.id)).resolves.toMatchObject({
      title: "Theirs",
      version: 1,
    });
  });

  it("moves objectives under an objective or key result; a cycle and another period are refused", async () => {
    const top = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Top" });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: top.id,
      title: "KR",
      kind: "milestone",
    });
    const child = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Child",
      parentKeyResultId: kr.id,
    });
    const grandchild = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grandchild",
      parentObjectiveId: child.id,
    });
    await expect(
      moveObjective(fx.deps, EDITOR, top.id, {
        version: top.version,
        parentObjectiveId: grandchild.id,
      }),
    ).rejects.toMatchObject({
      code: "tree_cycle",
    });
    await expect(
      moveObjective(fx.deps, EDITOR, top.id, { version: top.version, parentKeyResultId: kr.id }),
    ).rejects.toMatchObject({
      code: "tree_cycle",
    });
    await expect(
      moveObjective(fx.deps, EDITOR, top.id, { version: top.version, parentObjectiveId: top.id }),
    ).rejects.toMatchObject({
      code: "tree_cycle",
    });
    const elsewhere = await createObjective(fx.deps, EDITOR, {
      periodId: other.id,
      title: "Elsewhere",
    });
    await expect(
      moveObjective(fx.deps, EDITOR, grandchild.id, {
        version: grandchild.version,
        parentObjectiveId: elsewhere.id,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      moveKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version, objectiveId: elsewhere.id }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    // A key result cannot move under an objective aligned beneath it.
    await expect(
      moveKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version, objectiveId: grandchild.id }),
    ).rejects.toMatchObject({
      code: "tree_cycle",
    });

    const moved = await moveObjective(fx.deps, EDITOR, grandchild.id, {
      version: grandchild.version,
      parentKeyResultId: kr.id,
    });
    expect(moved).toMatchObject({
      parentKeyResultId: kr.id,
      parentObjectiveId: null,
      version: grandchild.version + 1,
    });
    const tree = await getPeriodTree(fx.deps, VIEWER, period.id);
    const topNode = tree.roots.find((n) => n.objective.id === top.id);
    expect(topNode?.keyResults[0]?.children.map((c) => c.objective.title)).toEqual([
      "Child",
      "Grandchild",
    ]);
    const toTop = await moveObjective(fx.deps, EDITOR, child.id, {
      version: child.version,
      parentKeyResultId: null,
    });
    expect(toTop).toMatchObject({ parentKeyResultId: null, parentObjectiveId: null });
    const stay = await moveObjective(fx.deps, EDITOR, moved.id, {
      version: moved.version,
      position: 0,
    });
    expect(stay).toMatchObject({ parentKeyResultId: kr.id, position: 0 });
  });

  it("reorders siblings and archives; archived items leave the tree", async () => {
    const parent = await createObjective(fx.deps, EDITOR, { periodId: other.id, title: "Parent" });
    const a = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: parent.id,
      title: "a",
      kind: "percentage",
    });
    const b = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: parent.id,
      title: "b",
      kind: "percentage",
    });
    const c = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: parent.id,
      title: "c",
      kind: "percentage",
    });
    await reorderKeyResult(fx.deps, EDITOR, c.id, { version: c.version, position: 0 });
    const titles = async () =>
      (await getPeriodTree(fx.deps, VIEWER, other.id)).roots
        .find((n) => n.objective.id === parent.id)
        ?.keyResults.map((k) => k.keyResult.title);
    expect(await titles()).toEqual(["c", "a", "b"]);
    const a2 = await getKeyResult(fx.deps, VIEWER, a.id);
    await archiveKeyResult(fx.deps, EDITOR, a.id, { version: a2.version });
    expect(await titles()).toEqual(["c", "b"]);
    expect((await getKeyResult(fx.deps, VIEWER, b.id)).archived).toBe(false);

    const o1 = await createObjective(fx.deps, EDITOR, { periodId: other.id, title: "Second" });
    await reorderObjective(fx.deps, EDITOR, o1.id, { version: o1.version, position: 0 });
    const tree = await getPeriodTree(fx.deps, VIEWER, other.id);
    expect(tree.roots[0]?.objective.title).toBe("Second");
    const current = await getObjective(fx.deps, VIEWER, o1.id);
    // A stale version changes nothing, whatever the write.
    await expect(
      archiveObjective(fx.deps, EDITOR, o1.id, { version: current.version - 1 }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    await expect(
      moveObjective(fx.deps, EDITOR, o1.id, {
        version: current.version - 1,
        parentObjectiveId: parent.id,
      }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    expect(await getObjective(fx.deps, VIEWER, o1.id)).toEqual(current);
    await archiveObjective(fx.deps, EDITOR, o1.id, { version: current.version });
    const after = await getPeriodTree(fx.deps, VIEWER, other.id);
    expect(after.roots.map((n) => n.objective.title)).not.toContain("Second");
    const withArchived = await getPeriodTree(fx.deps, VIEWER, other.id, { includeArchived: true });
    expect(withArchived.roots.map((n) => n.objective.title)).toContain("Second");
  });

  it("adds and removes links, with an audit event for each change", async () => {
    const o = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Linked",
      links: [{ kind: "epic", text: "Epic", url: "https://example.com/epic/1" }],
    });
    expect(o.links).toMatchObject([{ kind: "epic", text: "Epic" }]);
    const link = await addLink(fx.deps, EDITOR, o.id, {
      kind: "issue",
      text: "#12",
      url: "https://example.com/issues/12",
    });
    expect((await getObjective(fx.deps, VIEWER, o.id)).links.map((l) => l.text)).toEqual([
      "Epic",
      "#12",
    ]);
    await expect(removeLink(fx.deps, VIEWER, link.id)).rejects.toMatchObject({ code: "forbidden" });
    await removeLink(fx.deps, EDITOR, link.id);
    expect((await getObjective(fx.deps, VIEWER, o.id)).links.map((l) => l.text)).toEqual(["Epic"]);
    await expect(
      addLink(fx.deps, EDITOR, o.id, { kind: "issue", text: "x" }),
    ).rejects.toMatchObject({ code: "invalid_input" });

    const events = await listAudit(fx.deps, ADMIN, { entity: "link" });
    expect(events.map((e) => e.action)).toEqual(["delete", "create"]);
    expect(events[0]).toMatchObject({ actorName: "editor", entityId: link.id, after: null });
    const created = await listAudit(fx.deps, ADMIN, { entityId: o.id });
    expect(created[0]).toMatchObject({
      action: "create",
      entity: "objective",
      before: null,
      at: fx.deps.now().toISOString(),
    });
    await expect(listAudit(fx.deps, EDITOR)).rejects.toMatchObject({ code: "forbidden" });
  });
});
