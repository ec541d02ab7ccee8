import { describe, expect, it } from "vitest";
import { outcomeNow, updateOutcome } from "./outcome-update.js";

describe("an outcome written again after its progress moved", () => {
  it.each([
    // written, progress, title, expected
    ["94%", 0.42, "Raise MR rate", "42%"],
    ["7 of 8 consults", 0.75, "Hold 8 consults", "6 of 8 consults"],
    // A value of the title's metric stays a value, in the page's own way of writing it.
    ["61 mins", 12 / 14, "Reduce time to merge from 70 mins to 56 mins", "58 mins"],
    ["1.38M", 0.8, "Raise SMAU from 1.2M to 1.5M", "1.44M"],
    ["$31M", 0.9, "Generate $40M in SAO pipeline", "$36M"],
    ["4,000 teams", 0.75, "Grow from 3,000 to 5,000 teams", "4,500 teams"],
    // No one value to write: a line held, a progress of 0, a figure past two decimals.
    ["3.43", 0.9, "Marketing efficiency ratio > 3.4", "90%"],
    ["350 bugs", 0, "Cut open bugs from 300 to 100", "0%"],
    ["61 mins", 1 / 3, "Reduce time to merge from 70 mins to 56 mins", "33.33%"],
  ])("%s at %d (%s) -> %s", (written, progress, title, expected) => {
    expect(updateOutcome(written, progress, null, title)).toBe(expected);
  });

  it("writes the key result's current value where it has one, a line held included", () => {
    const ratio = "Marketing efficiency ratio > 3.4";
    expect(updateOutcome("3.43", 1, "done", ratio, 3.5)).toBe("3.5");
    expect(updateOutcome("3.43", 3.1 / 3.4, null, ratio, 3.1)).toBe("3.1");
    const merge = "Reduce time to merge from 70 mins to 56 mins";
    expect(updateOutcome("61 mins", 1 / 3, null, merge, 65.33)).toBe("33.33%");
    expect(updateOutcome("61 mins", 0, null, "Cut open bugs from 300 to 100", 350)).toBe("0%");
    expect(updateOutcome("350 bugs", 0, null, "Cut open bugs from 300 to 100", 350)).toBe(
      "350 bugs",
    );
    // A value that does not give the progress the key result has is not written.
    expect(updateOutcome("61 mins", 0.5, null, merge, 58)).toBe("50%");
  });
});

describe("the outcome a key result says now", () => {
  it("keeps the words written while they give its progress, and updates them once they do not", () => {
    expect(outcomeNow("3 of 10 deals", 0.3, "in_progress", "Close 10 deals")).toBe("3 of 10 deals");
    expect(outcomeNow("3 of 10 deals", 0.5, "in_progress", "Close 10 deals")).toBe("5 of 10 deals");
    const merge = "Reduce time to merge from 70 mins to 56 mins";
    expect(outcomeNow("61 mins", 12 / 14, "in_progress", merge, 58)).toBe("58 mins");
    expect(outcomeNow("In progress", null, "in_progress", "Ship it")).toBe("In progress");
    // A Current cell's figure read alone says no progress: the progress is written instead.
    expect(outcomeNow("150", 0.375, "in_progress", "Qualified leads per month", 150)).toBe("37.5%");
    expect(outcomeNow(null, 0.8, "in_progress", "Book 40 demos")).toBe("80%");
  });
});
