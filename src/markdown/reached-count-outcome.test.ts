/** An outcome that says what was reached in words (`Closed 7`, `Signed 3 partners`). */
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";

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
