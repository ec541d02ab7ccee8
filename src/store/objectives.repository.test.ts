import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import {
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
  T0,
  T1,
} from "../../test/support/store-fixtures.js";
import type { OkrError } from "../core/errors.js";
import type { KeyResult, Objective } from "../core/types.js";
import type { OpenedDatabase } from "./database.js";
import {
  findKeyResult,
  getKeyResult,
  insertKeyResult,
  listKeyResultsByObjective,
  listKeyResultsByOwner,
  listKeyResultsBySourceKey,
  updateKeyResult,
} from "./key-results.repository.js";
import { deleteLink, getLink, insertLink, listLinks, replaceLinks } from "./links.repository.js";
import {
  deleteObjective,
  findObjective,
  getObjective,
  insertObjective,
  listChildObjectives,
  listObjectivesByOwner,
  listObjectivesByPeriod,
  listObjectivesBySourceKey,
  updateObjective,
} from "./objectives.repository.js";
import { listPeriodItems } from "./period-items.repository.js";
import { insertPeriod } from "./periods.repository.js";

async function rejection(promise: Promise<unknown>): Promise<OkrError> {
  return (await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  )) as OkrError;
}

describe.each(DIALECTS)("objectives and key results on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
    await insertPeriod(store.db, makePeriod({ id: "P1", label: "FY20-Q4" }));
  });
  afterAll(async () => {
    await store?.close();
  });

  const expectedObjective: Objective = {
    type: "objective",
    id: "O1",
    periodId: "P1",
    title: "Improve *GitLab* robustness",
    owner: { kind: "role", id: null, name: "VP, Field Ops" },
    weight: 0.5,
    status: "in_progress",
    outcome: "94%",
    position: 2,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    links: [
      {
        id: "L1",
        kind: "issue",
        text: "gitlab#1",
        url: "https://gitlab.com/gitlab-org/gitlab/-/issues/1",
      },
      { id: "L2", kind: "dashboard", text: "Grafana", url: "https://dashboards.gitlab.net/d/1" },
    ],
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    parentObjectiveId: null,
    parentKeyResultId: null,
    confidential: true,
  };

  it("an objective comes back exactly as written, links in order", async () => {
    const { type: _type, ...fields } = expectedObjective;
    const inserted = await insertObjective(store.db, {
      ...fields,
      sourceKey: "o:improve",
      sourceLine: 12,
    });
    expect(inserted).toEqual(expectedObjective);
    expect(await getObjective(store.db, "O1")).toEqual(expectedObjective);
    // Only what an import made carries a source key.
    const imported = await listObjectivesBySourceKey(store.db, "P1");
    expect([...imported]).toEqual([["o:improve", expectedObjective]]);
    // Passed over (an item the reader may not see), it is not there to match.
    expect((await listObjectivesBySourceKey(store.db, "P1", new Set(["O1"]))).size).toBe(0);
  });

  it("a key result comes back exactly as written, with fractional numbers and null fields", async () => {
    const expected: KeyResult = {
      type: "key_result",
      id: "K1",
      periodId: "P1",
      objectiveId: "O1",
      title: "Reduce MTTR from 70 mins to 56 mins",
      owner: { kind: "person", id: "PER1", name: "Ana" },
      weight: 1,
      status: null,
      outcome: null,
      position: 0,
      archived: true,
      carriedFromId: "K0",
      carriedToId: null,
      links: [],
      version: 1,
      createdAt: T0,
      updatedAt: T0,
      kind: "metric",
      unit: "duration",
      start: 70,
      target: 56,
      direction: null,
      targetConfidential: true,
      current: 63.25,
      progress: 0.4821428571428571,
      health: "needs_attention",
      confidence: 7,
      lastCheckInAt: T1,
    };
    const { type: _type, links: _links, ...fields } = expected;
    expect(await insertKeyResult(store.db, fields)).toEqual(expected);
    expect(await getKeyResult(store.db, "K1")).toEqual(expected);
    expect(await listKeyResultsByObjective(store.db, "O1")).toEqual([expected]);
    expect(await listKeyResultsByOwner(store.db, "PER1")).toEqual([expected]);
  });

  it("a stale version changes nothing and reports the current item", async () => {
    await insertObjective(
      store.db,
      makeNewObjective({ id: "O2", periodId: "P1", title: "Before" }),
    );
    const updated = await updateObjective(store.db, "O2", 1, {
      title: "After",
      updatedAt: T1,
      status: "done",
    });
    expect(updated).toMatchObject({
      title: "After",
      status: "done",
      version: 2,
      updatedAt: T1,
      createdAt: T0,
    });

    const error = await rejection(
      updateObjective(store.db, "O2", 1, { title: "Lost update", updatedAt: T1 }),
    );
    expect(error.code).toBe("version_conflict");
    expect((error.details as { current: Objective }).current).toEqual(updated);
    expect(await getObjective(store.db, "O2")).toEqual(updated);
  });

  it("key results have the same version check", async () => {
    await insertKeyResult(
      store.db,
      makeNewKeyResult({ id: "K2", periodId: "P1", objectiveId: "O2" }),
    );
    const updated = await updateKeyResult(store.db, "K2", 1, {
      target: 100,
      start: 0,
      updatedAt: T1,
    });
    expect(updated).toMatchObject({ target: 100, start: 0, version: 2 });
    const error = await rejection(updateKeyResult(store.db, "K2", 1, { target: 5, updatedAt: T1 }));
    expect(error.code).toBe("version_conflict");
    expect((await getKeyResult(store.db, "K2")).target).toBe(100);
  });

  it("missing items: find gives undefined, get and update give not_found", async () => {
    expect(await findObjective(store.db, "nope")).toBeUndefined();
    expect(await findKeyResult(store.db, "nope")).toBeUndefined();
    expect((await rejection(getObjective(store.db, "nope"))).code).toBe("not_found");
    expect((await rejection(getKeyResult(store.db, "nope"))).code).toBe("not_found");
    expect((await rejection(updateObjective(store.db, "nope", 1, { updatedAt: T1 }))).code).toBe(
      "not_found",
    );
    expect((await rejection(getLink(store.db, "nope"))).code).toBe("not_found");
  });

  it("an id used twice is a conflict", async () => {
    const error = await rejection(
      insertObjective(store.db, makeNewObjective({ id: "O2", periodId: "P1" })),
    );
    expect(error.code).toBe("conflict");
  });

  it("a key result under a missing objective is refused", async () => {
    const error = await rejection(
      insertKeyResult(
        store.db,
        makeNewKeyResult({ id: "K9", periodId: "P1", objectiveId: "missing" }),
      ),
    );
    expect(error.code).toBe("invalid_input");
  });

  it("lists by period in position order, children and owners", async () => {
    await insertObjective(
      store.db,
      makeNewObjective({
        id: "O3",
        periodId: "P1",
        position: 0,
        parentKeyResultId: "K2",
        owner: { kind: "team", id: "T1", name: "Infra" },
      }),
    );
    await insertObjective(
      store.db,
      makeNewObjective({ id: "O4", periodId: "P1", position: 1, parentObjectiveId: "O1" }),
    );
    const ids = (await listObjectivesByPeriod(store.db, "P1")).map((objective) => objective.id);
    expect(ids).toEqual(["O2", "O3", "O4", "O1"]);
    expect(
      (await listObjectivesByPeriod(store.db, "P1")).find((o) => o.id === "O1")?.links,
    ).toHaveLength(2);
    expect((await listChildObjectives(store.db, { keyResultId: "K2" })).map((o) => o.id)).toEqual([
      "O3",
    ]);
    expect((await listChildObjectives(store.db, { objectiveId: "O1" })).map((o) => o.id)).toEqual([
      "O4",
    ]);
    expect((await listObjectivesByOwner(store.db, "T1")).map((o) => o.id)).toEqual(["O3"]);
    expect(await listObjectivesByPeriod(store.db, "other")).toEqual([]);
  });

  it("links are added after existing ones, replaced and deleted", async () => {
    await insertLink(
      store.db,
      { keyResultId: "K2" },
      { id: "L3", periodId: "P1", kind: "epic", text: "&1", url: "https://x/epics/1" },
    );
    await insertLink(
      store.db,
      { keyResultId: "K2" },
      { id: "L4", periodId: "P1", kind: "other", text: "b", url: "https://x/b" },
    );
    expect((await listLinks(store.db, { keyResultId: "K2" })).map((link) => link.id)).toEqual([
      "L3",
      "L4",
    ]);
    expect(await getLink(store.db, "L3")).toMatchObject({
      keyResultId: "K2",
      objectiveId: null,
      periodId: "P1",
      position: 0,
    });
    await deleteLink(store.db, "L3");
    expect((await getKeyResult(store.db, "K2")).links.map((link) => link.id)).toEqual(["L4"]);
    await replaceLinks(store.db, { keyResultId: "K2" }, [
      { id: "L5", periodId: "P1", kind: "document", text: "doc", url: "https://x/doc" },
    ]);
    expect((await getKeyResult(store.db, "K2")).links).toEqual([
      { id: "L5", kind: "document", text: "doc", url: "https://x/doc" },
    ]);
  });

  it("deleting an objective takes its key results and links with it", async () => {
    await insertObjective(store.db, makeNewObjective({ id: "O9", periodId: "P1" }));
    await insertKeyResult(
      store.db,
      makeNewKeyResult({ id: "K9", periodId: "P1", objectiveId: "O9", sourceKey: "k:9" }),
    );
    const imported = await listKeyResultsBySourceKey(store.db, "P1");
    expect([...imported].map(([key, kr]) => [key, kr.id])).toEqual([["k:9", "K9"]]);
    await deleteObjective(store.db, "O9");
    expect(await findKeyResult(store.db, "K9")).toBeUndefined();
    expect((await rejection(deleteObjective(store.db, "O9"))).code).toBe("not_found");
  });
  it("moving an objective to another period moves its key results and links with it", async () => {
    await insertPeriod(store.db, makePeriod({ id: "P2", label: "FY21-Q1" }));
    await insertObjective(
      store.db,
      makeNewObjective({
        id: "OM",
        periodId: "P1",
        links: [{ id: "LM1", kind: "issue", text: "#1", url: "https://x/1" }],
      }),
    );
    await insertKeyResult(
      store.db,
      makeNewKeyResult({
        id: "KM",
        periodId: "P1",
        objectiveId: "OM",
        links: [{ id: "LM2", kind: "epic", text: "&2", url: "https://x/2" }],
      }),
    );
    const moved = await getObjective(store.db, "OM");
    await updateObjective(store.db, "OM", moved.version, { periodId: "P2", updatedAt: T1 });
    const items = await listPeriodItems(store.db, "P2");
    expect(items.objectives.map((o) => [o.id, o.links.map((l) => l.id)])).toEqual([
      ["OM", ["LM1"]],
    ]);
    expect(items.keyResults.map((k) => [k.id, k.periodId, k.links.map((l) => l.id)])).toEqual([
      ["KM", "P2", ["LM2"]],
    ]);
  });
});
