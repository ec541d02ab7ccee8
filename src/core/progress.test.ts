import { describe, expect, it } from "vitest";
import { formatProgress, type ProgressInput, progressOf } from "./progress.js";

function kr(fields: Partial<ProgressInput>): ProgressInput {
  return {
    kind: "metric",
    start: null,
    target: null,
    direction: null,
    current: null,
    progress: null,
    status: null,
    ...fields,
  };
}

describe("progressOf: metric", () => {
  const raise = kr({ start: 8, target: 10 });
  it("measures from start to target: Raise MR Rate from 8 to 10", () => {
    expect(progressOf(raise, 8)).toBe(0);
    expect(progressOf(raise, 9)).toBe(0.5);
    expect(progressOf(raise, 10)).toBe(1);
  });

  it("measures downward targets: reduce from 70 to 56 minutes", () => {
    const reduce = kr({ start: 70, target: 56 });
    expect(progressOf(reduce, 63)).toBe(0.5);
    expect(progressOf(reduce, 56)).toBe(1);
    expect(progressOf(reduce, 70)).toBe(0);
  });

  it("keeps over-achievement above 1", () => {
    expect(progressOf(raise, 12)).toBe(2);
    expect(progressOf(kr({ start: 70, target: 56 }), 42)).toBe(2);
  });

  it("gives 0, not a negative number, for a value behind the start", () => {
    expect(progressOf(raise, 6)).toBe(0);
    expect(progressOf(kr({ start: 70, target: 56 }), 80)).toBe(0);
  });

  it("uses the latest value when none is given", () => {
    expect(progressOf(kr({ start: 0, target: 200, current: 50 }))).toBe(0.25);
  });

  it("is unknown without a value, a start, a target, or when target equals start", () => {
    expect(progressOf(raise)).toBeNull();
    expect(progressOf(kr({ target: 10 }), 5)).toBeNull();
    expect(progressOf(kr({ start: 5, target: 5 }), 5)).toBeNull();
    expect(progressOf(raise, Number.NaN)).toBeNull();
    expect(progressOf(raise, null)).toBeNull();
  });
});

describe("progressOf: threshold", () => {
  const above = kr({ kind: "threshold", target: 100, direction: "above" });
  const below = kr({ kind: "threshold", target: 100, direction: "below" });

  it("is 1 while the line is held, even far past it", () => {
    expect(progressOf(above, 100)).toBe(1);
    expect(progressOf(above, 500)).toBe(1);
    expect(progressOf(below, 100)).toBe(1);
    expect(progressOf(below, 3)).toBe(1);
  });

  it("is the ratio of how close the value came when the line is not held", () => {
    expect(progressOf(above, 90)).toBe(0.9);
    expect(progressOf(below, 125)).toBe(0.8);
  });

  it("is 0 for non-positive values that miss the line, null without a direction", () => {
    expect(progressOf(above, -5)).toBe(0);
    expect(progressOf(kr({ kind: "threshold", target: 0, direction: "below" }), 3)).toBe(0);
    expect(progressOf(kr({ kind: "threshold", target: 100 }), 100)).toBeNull();
    expect(progressOf(above)).toBeNull();
  });
});

describe("progressOf: milestone and percentage", () => {
  it("milestone is 1 when done, 0 otherwise", () => {
    const m = kr({ kind: "milestone" });
    expect(progressOf(m)).toBe(0);
    expect(progressOf(m, 1)).toBe(1);
    expect(progressOf(m, 0)).toBe(0);
    expect(progressOf({ ...m, status: "done" })).toBe(1);
    expect(progressOf({ ...m, progress: 1 })).toBe(1);
    expect(progressOf({ ...m, progress: 0.6 })).toBe(0);
  });

  it("percentage is progress as entered; a value is a percentage", () => {
    const p = kr({ kind: "percentage", progress: 0.94 });
    expect(progressOf(p)).toBe(0.94);
    expect(progressOf(p, 227)).toBe(2.27);
    expect(progressOf(kr({ kind: "percentage" }))).toBeNull();
    expect(progressOf(p, null)).toBeNull();
  });
});

describe("formatProgress", () => {
  it("writes a whole percentage", () => {
    expect(formatProgress(0.944)).toBe("94%");
    expect(formatProgress(15)).toBe("1500%");
    expect(formatProgress(null)).toBe("–");
  });
});
