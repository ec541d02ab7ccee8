import { describe, expect, it } from "vitest";
import { OkrError } from "./errors.js";
import {
  assertNoCycle,
  type KeyResultShape,
  validateCheckIn,
  validateConfidence,
  validateKeyResult,
  validateProgress,
  validateTitle,
  validateWeight,
} from "./validate.js";

function codeOf(action: () => void): { code: string; message: string; field: unknown } {
  try {
    action();
  } catch (error) {
    if (error instanceof OkrError) {
      return {
        code: error.code,
        message: error.message,
        field: (error.details as { field?: string })?.field,
      };
    }
    throw error;
  }
  throw new Error("expected an OkrError");
}

const metric: KeyResultShape = { kind: "metric", start: 8, target: 10, direction: null, weight: 1 };

describe("validateKeyResult", () => {
  it("accepts a metric moving up or down, a threshold with a direction, a milestone", () => {
    expect(() => validateKeyResult(metric)).not.toThrow();
    expect(() => validateKeyResult({ ...metric, start: 70, target: 56 })).not.toThrow();
    expect(() =>
      validateKeyResult({
        kind: "threshold",
        start: null,
        target: 99.9,
        direction: "above",
        weight: 1,
      }),
    ).not.toThrow();
    expect(() =>
      validateKeyResult({
        kind: "milestone",
        start: null,
        target: null,
        direction: null,
        weight: 0,
      }),
    ).not.toThrow();
  });

  it("refuses a metric whose target equals its start", () => {
    const e = codeOf(() => validateKeyResult({ ...metric, target: 8 }));
    expect(e).toMatchObject({ code: "target_equals_start", field: "target" });
    expect(e.message).toContain("target must differ from start (both are 8)");
  });

  it("refuses a metric without start or target", () => {
    expect(codeOf(() => validateKeyResult({ ...metric, start: null }))).toMatchObject({
      code: "invalid_input",
      field: "start",
    });
  });

  it("refuses a negative weight", () => {
    const e = codeOf(() => validateKeyResult({ ...metric, weight: -1 }));
    expect(e).toMatchObject({ code: "negative_weight", field: "weight" });
    expect(e.message).toBe("weight must be 0 or more, got -1.");
    expect(codeOf(() => validateWeight(Number.NaN))).toMatchObject({
      code: "invalid_input",
      field: "weight",
    });
  });

  it("refuses a threshold without a direction or target", () => {
    const e = codeOf(() =>
      validateKeyResult({
        kind: "threshold",
        start: null,
        target: 100,
        direction: null,
        weight: 1,
      }),
    );
    expect(e).toMatchObject({ code: "invalid_input", field: "direction" });
    expect(e.message).toContain('"above" or "below"');
    expect(
      codeOf(() =>
        validateKeyResult({
          kind: "threshold",
          start: null,
          target: null,
          direction: "below",
          weight: 1,
        }),
      ),
    ).toMatchObject({ field: "target" });
  });

  it("refuses an unknown kind, direction, status or health", () => {
    expect(codeOf(() => validateKeyResult({ ...metric, kind: "vibes" as never }))).toMatchObject({
      field: "kind",
    });
    expect(codeOf(() => validateKeyResult({ ...metric, direction: "up" as never }))).toMatchObject({
      field: "direction",
    });
    expect(
      codeOf(() => validateKeyResult({ ...metric, status: "finished" as never })),
    ).toMatchObject({
      field: "status",
    });
    expect(codeOf(() => validateKeyResult({ ...metric, health: "green" as never }))).toMatchObject({
      field: "health",
    });
  });
});

describe("check-in rules", () => {
  it("confidence is 0–10", () => {
    expect(() => validateConfidence(0)).not.toThrow();
    expect(() => validateConfidence(10)).not.toThrow();
    expect(() => validateConfidence(null)).not.toThrow();
    expect(codeOf(() => validateConfidence(11)).message).toBe(
      "confidence must be a number from 0 to 10, got 11.",
    );
    expect(codeOf(() => validateConfidence(-1)).code).toBe("invalid_input");
  });

  it("progress is a number ≥ 0, over 1 allowed", () => {
    expect(() => validateProgress(15)).not.toThrow();
    expect(codeOf(() => validateProgress(Number.NaN))).toMatchObject({
      code: "invalid_input",
      field: "progress",
    });
    expect(codeOf(() => validateProgress(-0.1)).message).toContain("0 or more");
    expect(codeOf(() => validateProgress("50%")).message).toContain('got "50%"');
  });

  it("checks every field of a check-in", () => {
    expect(() =>
      validateCheckIn({ value: 9, confidence: 7, health: "on_track", note: "ok" }),
    ).not.toThrow();
    expect(codeOf(() => validateCheckIn({ value: Number.POSITIVE_INFINITY }))).toMatchObject({
      field: "value",
    });
    expect(codeOf(() => validateCheckIn({ health: "red" }))).toMatchObject({ field: "health" });
  });

  it("title is required", () => {
    expect(codeOf(() => validateTitle("  "))).toMatchObject({
      code: "invalid_input",
      field: "title",
    });
    expect(codeOf(() => validateTitle("x".repeat(2001))).message).toContain("at most 2000");
  });
});

describe("assertNoCycle", () => {
  // O1 ▸ KR1 ▸ O2 ▸ KR2 ▸ O3; O4 under O1 directly.
  const parents: Record<string, string | null> = {
    O1: null,
    KR1: "O1",
    O2: "KR1",
    KR2: "O2",
    O3: "KR2",
    O4: "O1",
  };
  const parentOf = (id: string) => parents[id];

  it("allows moves that keep the tree a tree", () => {
    expect(() => assertNoCycle("O3", "O4", parentOf)).not.toThrow();
    expect(() => assertNoCycle("O2", null, parentOf)).not.toThrow();
    expect(() => assertNoCycle("O4", "KR2", parentOf)).not.toThrow();
  });

  it("refuses aligning an objective under itself or its own descendants", () => {
    expect(codeOf(() => assertNoCycle("O1", "O1", parentOf)).code).toBe("tree_cycle");
    const e = codeOf(() => assertNoCycle("O1", "KR2", parentOf));
    expect(e.code).toBe("tree_cycle");
    expect(e.message).toBe("Cannot align O1 under KR2: O1 would become its own ancestor.");
    expect(codeOf(() => assertNoCycle("O2", "O3", parentOf)).code).toBe("tree_cycle");
  });

  it("stops on a cycle already in the data instead of looping", () => {
    const broken: Record<string, string> = { A: "B", B: "A" };
    expect(() => assertNoCycle("X", "A", (id) => broken[id])).not.toThrow();
  });
});
