/**
 * The read scopes an item's write notes: its period, and every period (`*`) when it changes
 * who may see it or what hangs under it (decisions/0066).
 */
import { describe, expect, it } from "vitest";
import { makeKeyResult, makeObjective } from "../core/test-fixtures.js";
import { readScopesOf } from "./audit.repository.js";

const objective = makeObjective({ id: "o1", periodId: "p1" });
const keyResult = makeKeyResult({ id: "k1", periodId: "p1", objectiveId: "o1" });
const event = (entity: string, before: unknown, after: unknown) => ({
  entity,
  entityId: "x",
  before,
  after,
});

describe("readScopesOf", () => {
  it("notes only the period of an edit or a check-in that leaves who may see it alone", () => {
    expect(readScopesOf(event("objective", objective, { ...objective, title: "New" }))).toEqual([
      "p1",
      "p1",
    ]);
    expect(readScopesOf(event("key_result", keyResult, { ...keyResult, current: 3 }))).toEqual([
      "p1",
      "p1",
    ]);
    expect(readScopesOf(event("objective", null, { ...objective, confidential: true }))).toEqual([
      "p1",
    ]);
  });

  it("notes every period when the confidential mark or the parent changes", () => {
    for (const after of [
      { ...objective, confidential: true },
      { ...objective, parentObjectiveId: "o0" },
      { ...objective, parentKeyResultId: "k0" },
    ]) {
      expect(readScopesOf(event("objective", objective, after))).toContain("*");
    }
    expect(
      readScopesOf(event("key_result", keyResult, { ...keyResult, objectiveId: "o2" })),
    ).toContain("*");
  });
});
