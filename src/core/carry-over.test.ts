import { describe, expect, it } from "vitest";
import { carryOverKeyResult, carryOverObjective } from "./carry-over.js";
import type { OkrError } from "./errors.js";
import { makeKeyResult, makeObjective } from "./test-fixtures.js";

const NOW = "2020-02-03T09:00:00.000Z";

describe("carryOverKeyResult", () => {
  const origin = makeKeyResult({
    id: "KR1",
    objectiveId: "O1",
    periodId: "Q4",
    title: "Raise MR Rate from 8 to 10",
    start: 8,
    target: 10,
    current: 9,
    progress: 0.5,
    health: "at_risk",
    confidence: 3,
    status: "in_progress",
    outcome: "50%",
    version: 7,
    links: [{ id: "L1", kind: "issue", text: "#12", url: "https://example.test/12" }],
  });

  it("makes a fresh key result in the next period, linked back to its origin", () => {
    const { carried, origin: updated } = carryOverKeyResult(origin, "Q1", "KR2", NOW, {
      objectiveId: "O9",
    });
    expect(carried).toMatchObject({
      id: "KR2",
      periodId: "Q1",
      objectiveId: "O9",
      title: "Raise MR Rate from 8 to 10",
      start: 8,
      target: 10,
      status: null,
      outcome: null,
      current: null,
      progress: null,
      health: null,
      confidence: null,
      carriedFromId: "KR1",
      carriedToId: null,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(carried.links).toEqual(origin.links);
    expect(updated).toMatchObject({
      id: "KR1",
      status: "carried_over",
      carriedToId: "KR2",
      version: 8,
      updatedAt: NOW,
    });
    // The origin keeps what it achieved.
    expect(updated.progress).toBe(0.5);
    expect(origin.status).toBe("in_progress");
  });

  it("gives copied links new ids when asked", () => {
    const { carried } = carryOverKeyResult(origin, "Q1", "KR2", NOW, { newLinkId: () => "L2" });
    expect(carried.links[0]).toMatchObject({ id: "L2", url: "https://example.test/12" });
  });

  it("refuses carrying twice or into the same period", () => {
    const { origin: done } = carryOverKeyResult(origin, "Q1", "KR2", NOW);
    expect(() => carryOverKeyResult(done, "Q1", "KR3", NOW)).toThrow(
      /already carried over \(to KR2\)/,
    );
    try {
      carryOverKeyResult(origin, "Q4", "KR3", NOW);
      expect.unreachable();
    } catch (error) {
      expect((error as OkrError).code).toBe("invalid_input");
    }
  });
});

describe("carryOverObjective", () => {
  it("copies the objective to the top of the next period unless told where it aligns", () => {
    const origin = makeObjective({
      id: "O1",
      periodId: "Q4",
      parentKeyResultId: "KR0",
      confidential: true,
    });
    const { carried, origin: updated } = carryOverObjective(origin, "Q1", "O2", NOW);
    expect(carried).toMatchObject({
      id: "O2",
      periodId: "Q1",
      parentKeyResultId: null,
      parentObjectiveId: null,
      confidential: true,
      carriedFromId: "O1",
      status: null,
      version: 1,
    });
    expect(updated).toMatchObject({ status: "carried_over", carriedToId: "O2", version: 2 });
    const aligned = carryOverObjective(origin, "Q1", "O2", NOW, { parentKeyResultId: "KR5" });
    expect(aligned.carried.parentKeyResultId).toBe("KR5");
  });
});
