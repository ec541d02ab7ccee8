/** Placeholders written in other ways than `X to Y`: money, `xx%`, a bare `??`. */
import { describe, expect, it } from "vitest";
import { parseHandbook } from "./parse-handbook.js";

const placeholders = (lines: string[]) =>
  parseHandbook(`# FY24-Q3 OKRs\n\n- CEO: Grow\n${lines.map((l) => `  - CEO KR: ${l}\n`).join("")}`)
    .problems.filter((p) => p.code === "placeholder")
    .map((p) => [p.line, /Placeholder "([^"]+)"/.exec(p.message)?.[1]]);

describe("placeholders", () => {
  it("finds money, percentages and questions left to fill in", () => {
    expect(
      placeholders([
        "Reach $XM ARR",
        "Grow revenue by xx%",
        "Hire ?? engineers",
        "Raise NPS from X% to Y%",
        "Keep the budget under €X.Xk",
      ]),
    ).toEqual([
      [4, "$X"],
      [5, "xx%"],
      [6, "??"],
      [7, "X to Y"],
      [8, "$X"],
    ]);
  });

  it("takes no word with an X in it for one", () => {
    expect(
      placeholders([
        "Ship the XXL plan tier to 40 accounts",
        "Build the Xcode extension for 3 teams",
        "Support Mac OS X 10.15 for 5 customers",
        "Ship X-ray view to 20 customers",
        "Grow Series X revenue by 10%",
        "Cut $XYZ vendor spend by $2M",
      ]),
    ).toEqual([]);
  });
});
