/**
 * Numbers in a key result's words that a reader does not take for its progress or its measure:
 * `24/7`, a date in the title, and a duration to stay within.
 */
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";
import { parseHandbook } from "./parse-handbook.js";

const keyResult = (line: string) => {
  const doc = parseHandbook(
    `# FY24-Q2 OKRs\n\n- Support: Great support\n  - Support KR: ${line}\n`,
  );
  const kr = doc.items[0]?.children[0];
  return { outcome: kr?.outcome, progress: kr?.progress, status: kr?.status, value: kr?.value };
};

describe("numbers that are no progress", () => {
  it("takes no slash pair above one for a share done (`24/7`)", () => {
    expect(readOutcome("24/7 coverage live")).toEqual({ progress: null, status: null });
    expect(readOutcome("3/4 shipped")).toEqual({ progress: 0.75, status: "in_progress" });
    expect(readOutcome("15 of 12 hired").progress).toBe(1.25);
  });

  it("counts no date of the title among the numbers it measures", () => {
    expect(keyResult("Sign 3 partners by 2024-03-31 => 2")).toEqual({
      outcome: "2",
      progress: 2 / 3,
      status: "in_progress",
      value: 2,
    });
    expect(keyResult("Reach 400 paying teams in 2024 => 300 teams").progress).toBe(0.75);
    expect(keyResult("Keep p95 latency under 300 ms through 2024 => 280 ms").progress).toBe(1);
    // A number that is no year stays a second number: nothing is measured.
    expect(keyResult("Sign 3 partners in 12 countries => 2").progress).toBe(null);
  });

  it("reads a line to stay within as one to stay under", () => {
    expect(keyResult("Answer tickets within 4 hours => 3.5 hours")).toEqual({
      outcome: "3.5 hours",
      progress: 1,
      status: "done",
      value: 3.5,
    });
  });
});
