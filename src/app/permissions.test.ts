import { describe, expect, it } from "vitest";
import { ADMIN, actorOf, EDITOR, VIEWER } from "../../test/support/app-fixtures.js";
import type { KeyResult, Objective } from "../core/types.js";
import { positionsAfterMove } from "./items.js";
import { assertAdmin, assertCanWriteItem, isInsider, isOwnedBy } from "./permissions.js";
import { findConfidentialIds, presentAuditEvent, presentKeyResult } from "./visibility.js";

const base = {
  periodId: "p",
  owner: null,
  weight: 1,
  status: null,
  outcome: null,
  position: 0,
  archived: false,
  carriedFromId: null,
  carriedToId: null,
  links: [],
  version: 1,
  createdAt: "2020-01-01T00:00:00.000Z",
  updatedAt: "2020-01-01T00:00:00.000Z",
};

function objective(id: string, fields: Partial<Objective> = {}): Objective {
  return {
    ...base,
    type: "objective",
    id,
    title: id,
    parentObjectiveId: null,
    parentKeyResultId: null,
    confidential: false,
    ...fields,
  };
}

function keyResult(id: string, objectiveId: string, fields: Partial<KeyResult> = {}): KeyResult {
  return {
    ...base,
    type: "key_result",
    id,
    title: id,
    objectiveId,
    kind: "metric",
    unit: null,
    start: 10,
    target: 20,
    direction: null,
    targetConfidential: false,
    current: 15,
    progress: 0.5,
    health: null,
    confidence: null,
    lastCheckInAt: null,
    ...fields,
  };
}

describe("permissions", () => {
  it("admins and insiders see confidential values; editors and viewers do not", () => {
    expect([ADMIN, EDITOR, VIEWER].map(isInsider)).toEqual([true, false, false]);
    expect(isInsider(actorOf("viewer", { insider: true }))).toBe(true);
  });

  it("owners are the actor's person or team; a role title belongs to whoever holds it", () => {
    const membership = { personId: "ada", teamIds: ["gitaly"] };
    expect(isOwnedBy({ kind: "person", id: "ada", name: "Ada" }, membership)).toBe(true);
    expect(isOwnedBy({ kind: "team", id: "gitaly", name: "Gitaly" }, membership)).toBe(true);
    expect(isOwnedBy({ kind: "team", id: "infra", name: "Infra" }, membership)).toBe(false);
    expect(isOwnedBy({ kind: "role", id: null, name: "CMO" }, membership)).toBe(false);
    const vp = { personId: "vera", teamIds: [], roleTitle: " VP  Sales" };
    expect(isOwnedBy({ kind: "role", id: null, name: "vp sales " }, vp)).toBe(true);
    expect(isOwnedBy({ kind: "role", id: null, name: "VP Marketing" }, vp)).toBe(false);
    expect(isOwnedBy({ kind: "role", id: null, name: "" }, { ...vp, roleTitle: "" })).toBe(false);
    expect(() =>
      assertCanWriteItem(VIEWER, [{ kind: "role", id: null, name: "CMO" }], membership, "edit"),
    ).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() =>
      assertCanWriteItem(
        VIEWER,
        [null, { kind: "team", id: "gitaly", name: "Gitaly" }],
        membership,
        "edit",
      ),
    ).not.toThrow();
    expect(() => assertAdmin(EDITOR, "change settings")).toThrow(
      "Only admins may change settings.",
    );
  });
});

describe("visibility", () => {
  it("hides a confidential objective with everything under it, at any depth and through key results", () => {
    const items = [
      objective("public"),
      keyResult("public-kr", "public"),
      objective("secret", { confidential: true, parentKeyResultId: "public-kr" }),
      keyResult("secret-kr", "secret"),
      objective("below", { parentKeyResultId: "secret-kr" }),
      objective("deeper", { parentObjectiveId: "below" }),
      keyResult("deeper-kr", "deeper"),
      objective("sibling", { parentObjectiveId: "public" }),
    ];
    expect([...findConfidentialIds(items)].sort()).toEqual([
      "below",
      "deeper",
      "deeper-kr",
      "secret",
      "secret-kr",
    ]);
    // The answer does not depend on the order items come in.
    expect([...findConfidentialIds([...items].reverse())].sort()).toEqual([
      "below",
      "deeper",
      "deeper-kr",
      "secret",
      "secret-kr",
    ]);
  });

  it("survives a loop in stored data", () => {
    const items = [
      objective("a", { parentObjectiveId: "b" }),
      objective("b", { parentObjectiveId: "a" }),
    ];
    expect(findConfidentialIds(items).size).toBe(0);
  });

  it("redacts a confidential target's numbers but keeps its progress", () => {
    const kr = keyResult("k", "o", { targetConfidential: true });
    expect(presentKeyResult(VIEWER, kr)).toMatchObject({
      start: null,
      target: null,
      current: null,
      progress: 0.5,
      hidden: true,
    });
    expect(presentKeyResult(ADMIN, kr)).toMatchObject({
      start: 10,
      target: 20,
      current: 15,
      hidden: false,
    });
    expect(presentKeyResult(VIEWER, keyResult("p", "o"))).toMatchObject({
      target: 20,
      hidden: false,
      placeholder: null,
    });
  });

  it("redacts audit snapshots for non-insiders and drops events of confidential objectives", () => {
    const event = {
      id: "e",
      actorId: null,
      actorName: "x",
      at: base.createdAt,
      action: "update",
      entity: "key_result",
      entityId: "k",
      before: { target: 20, title: "t" },
      after: { target: 30, title: "t" },
    };
    expect(
      presentAuditEvent(VIEWER, event, { confidential: false, targetConfidential: true }),
    ).toMatchObject({
      before: { target: null, title: "t", hidden: true },
      after: { target: null },
    });
    expect(
      presentAuditEvent(VIEWER, event, { confidential: true, targetConfidential: false }),
    ).toBeUndefined();
    expect(presentAuditEvent(ADMIN, event, { confidential: true, targetConfidential: true })).toBe(
      event,
    );
  });
});

describe("positions after a move", () => {
  const siblings = [
    { id: "a", position: 0 },
    { id: "b", position: 1 },
    { id: "c", position: 2 },
  ];
  it("renumbers only the siblings whose position changes", () => {
    expect(positionsAfterMove(siblings, "c", 0)).toEqual(
      new Map([
        ["c", 0],
        ["a", 1],
        ["b", 2],
      ]),
    );
    expect(positionsAfterMove(siblings, "a", 1)).toEqual(
      new Map([
        ["b", 0],
        ["a", 1],
      ]),
    );
    expect(positionsAfterMove(siblings, "a", 99)).toEqual(
      new Map([
        ["b", 0],
        ["c", 1],
        ["a", 2],
      ]),
    );
    expect(positionsAfterMove(siblings, "b", 1)).toEqual(new Map());
  });
});
