import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { progressOf } from "./progress.js";

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

function metric(start: number, target: number) {
  return {
    kind: "metric" as const,
    start,
    target,
    direction: null,
    current: null,
    progress: null,
    status: null,
  };
}

describe("metric progress, for any start and target", () => {
  it("is 0 at the start, 1 at the target, never negative, and grows toward the target", () => {
    fc.assert(
      fc.property(finite, finite, finite, finite, (start, target, a, b) => {
        fc.pre(Math.abs(target - start) > 1e-6);
        const kr = metric(start, target);
        expect(progressOf(kr, start)).toBe(0);
        expect(progressOf(kr, target)).toBeCloseTo(1, 9);
        const pa = progressOf(kr, a) as number;
        const pb = progressOf(kr, b) as number;
        expect(pa).toBeGreaterThanOrEqual(0);
        // Moving the value toward the target never lowers progress.
        const towardTarget = (x: number, y: number) => (target > start ? x <= y : x >= y);
        if (towardTarget(a, b)) expect(pa).toBeLessThanOrEqual(pb + 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});
