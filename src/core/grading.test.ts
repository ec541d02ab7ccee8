import { describe, expect, it } from "vitest";
import { gradeOf } from "./grading.js";
import { DEFAULT_GRADING } from "./settings.js";

describe("gradeOf", () => {
  it("grades with GitLab's bands: 0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green", () => {
    const color = (s: number | null) => gradeOf(s, DEFAULT_GRADING)?.color ?? null;
    expect(color(0)).toBe("red");
    expect(color(0.3)).toBe("red");
    expect(color(0.35)).toBe("red");
    expect(color(0.4)).toBe("yellow");
    expect(color(0.6)).toBe("yellow");
    expect(color(0.69)).toBe("yellow");
    expect(color(0.7)).toBe("green");
    expect(color(0.1 * 7)).toBe("green");
    expect(color(1.4)).toBe("green");
    expect(color(-0.2)).toBe("red");
    expect(color(null)).toBeNull();
  });

  it("works with bands in any order", () => {
    const bands = [...DEFAULT_GRADING].reverse();
    expect(gradeOf(0.5, bands)?.label).toBe("yellow");
    expect(gradeOf(0.5, [])).toBeNull();
  });
});
