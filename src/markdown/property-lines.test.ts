import { describe, expect, it } from "vitest";
import { propertyOf, readPropertyLines } from "./property-lines.js";

describe("property lines", () => {
  it("reads names plain or bold, with the value's place in its line", () => {
    const lines = ["Owner: Growth", "**Progress:** 40%", "__Current__: 41%", "Due: 2025-09-30"];
    const read = readPropertyLines(lines);
    expect(read?.map((p) => [p.name, p.role, p.value])).toEqual([
      ["Owner", "owner", "Growth"],
      ["Progress", "outcome", "40%"],
      ["Current", "current", "41%"],
      ["Due", null, "2025-09-30"],
    ]);
    const progress = read?.[1];
    expect(lines[1]?.slice(progress?.start, progress?.end)).toBe("40%");
    expect(propertyOf(read ?? [], "owner")).toBe("Growth");
  });

  it("is no block where a line is prose, a link, or no name is one it reads", () => {
    expect(readPropertyLines(["Owner: Growth", "We will talk to twenty customers."])).toBeNull();
    expect(readPropertyLines(["https://example.com/plan"])).toBeNull();
    expect(readPropertyLines(["Due: 2025-09-30", "Team: Growth"])).toBeNull();
    expect(readPropertyLines(["Note to self: this is long and says why: reasons"])).toBeNull();
  });
});
