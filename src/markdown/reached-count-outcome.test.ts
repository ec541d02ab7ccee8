/** An outcome that says what was reached in words (`Closed 7`, `Signed 3 partners`). */
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";
import { parseHandbook } from "./parse-handbook.js";

describe("a count reached, said in words", () => {
  it("is a value of the count the title sets", () => {
    expect(readOutcome("Closed 7", "Close 10 deals").progress).toBe(0.7);
    expect(readOutcome("Signed 3 partners so far", "Sign 4 partners").progress).toBe(0.75);
    expect(readOutcome("Booked $30M", "Book $40M in pipeline").progress).toBe(0.75);
  });

  it("is nothing where the title sets no count or another unit", () => {
    expect(readOutcome("Closed 7", "Close the deals").progress).toBe(null);
    expect(readOutcome("Closed 7 deals", "Book $40M in pipeline").progress).toBe(null);
  });
});

describe("a share done of a count the title reaches", () => {
  it("is the count's value where the title counts to the same number from nothing", () => {
    const doc = parseHandbook(
      [
        "- CEO: Grow.",
        "  - KR: Sign 10 new logos => 3 of 10",
        "  - KR: Hire 8 engineers => 6 of 8 hired",
        "  - KR: Close 10 deals => 7 of 12",
        "  - KR: 7 of 8 opportunity consults => 7 of 8",
      ].join("\n"),
    );
    const [logos, hires, deals, consults] = doc.items[0]?.children ?? [];
    expect(logos).toMatchObject({ value: 3, progress: 0.3, measure: { start: 0, target: 10 } });
    expect(hires).toMatchObject({ value: 6, progress: 0.75 });
    // Another number than the title's: the share is the progress, and no value is read.
    expect(deals?.value).toBeUndefined();
    expect(deals?.progress).toBeCloseTo(7 / 12, 9);
    expect(consults?.value).toBeUndefined();
  });
});
