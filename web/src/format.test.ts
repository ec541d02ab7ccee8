import { describe, expect, it } from "vitest";
import { bandOf, formatPercent, formatScore } from "./format.js";

describe("scores in the web app", () => {
  it("round as the percentages of every other face do", () => {
    // 0.695 is a hair below it in binary: toFixed gave 0.69 beside a 70% elsewhere.
    expect(formatPercent(0.695)).toBe("70%");
    expect(formatScore(0.695)).toBe("0.70");
    expect(formatScore(0.995)).toBe("1.00");
    expect(formatScore(0.6963)).toBe("0.70");
    expect(formatScore(null)).toBe("not scored");
  });

  it("take the colour of the number shown", () => {
    // Shown as 70% and 0.70: green, as the sweet spot is; 40% is yellow, not red.
    expect(bandOf(0.6963)).toBe("green");
    expect(bandOf(0.3951)).toBe("yellow");
    expect(bandOf(0.34)).toBe("red");
  });
});
