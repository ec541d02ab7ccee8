/** A score is graded and counted as every face shows it: a whole percentage. */
import { describe, expect, it } from "vitest";
import { scoreDistribution } from "./distribution.js";
import { gradeOf } from "./grading.js";
import { formatProgress } from "./progress.js";
import { DEFAULT_GRADING } from "./settings.js";

const color = (score: number) => gradeOf(score, DEFAULT_GRADING)?.color;

describe("a score graded as it is shown", () => {
  it("gives a score shown as 70% the colour of 70%, and one shown as 40% the colour of 40%", () => {
    // 2 of 3 key results at 100%, one at 9%: (1 + 1 + 0.0888) / 3 = 0.6963.
    const score = (1 + 1 + 0.0888) / 3;
    expect(formatProgress(score)).toBe("70%");
    expect(color(score)).toBe(color(0.7));
    expect(formatProgress(0.3951)).toBe("40%");
    expect(color(0.3951)).toBe(color(0.4));
    // Shown below the line, graded below it.
    expect(formatProgress(0.3949)).toBe("39%");
    expect(color(0.3949)).toBe("red");
    expect(formatProgress(0.6949)).toBe("69%");
    expect(color(0.6949)).toBe("yellow");
  });

  it("counts a score shown as 70% at the sweet spot, and one shown as 100% at full, not above it", () => {
    const d = scoreDistribution([0.6963, 1.004, 0.0996, 0.6949], 0.7);
    expect([0.6963, 1.004, 0.0996, 0.6949].map(formatProgress)).toEqual([
      "70%",
      "100%",
      "10%",
      "69%",
    ]);
    expect(d.atOrAboveSweetSpot).toBe(2 / 4);
    expect(d.atOrAboveFull).toBe(1);
    const count = (label: string) => d.buckets.find((b) => b.label === label)?.count;
    expect(count("0.7–0.8")).toBe(1);
    expect(count("0.6–0.7")).toBe(1);
    expect(count("0.9–1.0")).toBe(1);
    expect(count(">1.0")).toBe(0);
    expect(count("0.1–0.2")).toBe(1);
  });
});
