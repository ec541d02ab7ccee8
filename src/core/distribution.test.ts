import { describe, expect, it } from "vitest";
import { scoreDistribution } from "./distribution.js";

describe("scoreDistribution", () => {
  it("counts scores in tenths, with 1.0 in the last tenth and more than 1 apart", () => {
    const d = scoreDistribution([0, 0.05, 0.3, 0.7, 0.7, 0.95, 1, 1.5, null], 0.7);
    expect(d.buckets).toHaveLength(11);
    expect(d.buckets.map((b) => b.label)).toEqual([
      "0.0–0.1",
      "0.1–0.2",
      "0.2–0.3",
      "0.3–0.4",
      "0.4–0.5",
      "0.5–0.6",
      "0.6–0.7",
      "0.7–0.8",
      "0.8–0.9",
      "0.9–1.0",
      ">1.0",
    ]);
    expect(d.buckets.map((b) => b.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 2, 0, 2, 1]);
    expect(d.count).toBe(8);
    expect(d.unscored).toBe(1);
    expect(d.mean).toBeCloseTo((0.05 + 0.3 + 1.4 + 0.95 + 1 + 1.5) / 8);
    expect(d.atOrAboveSweetSpot).toBe(5 / 8);
    expect(d.atOrAboveFull).toBe(2);
  });

  it("puts scores computed with float noise in the bucket a person expects", () => {
    const d = scoreDistribution([0.1 * 3, 0.1 * 7, 0.7 - 1e-12], 0.7);
    expect(d.buckets[3]?.count).toBe(1);
    expect(d.buckets[7]?.count).toBe(2);
    expect(d.atOrAboveSweetSpot).toBe(2 / 3);
  });

  it("has no mean or share without scores", () => {
    const d = scoreDistribution([null], 0.7);
    expect(d).toMatchObject({ count: 0, mean: null, atOrAboveSweetSpot: null, atOrAboveFull: 0 });
  });
});
