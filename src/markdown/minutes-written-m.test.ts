/** `30m` beside a time (`from 2h to 30m`, `=> 45m`) is thirty minutes, not thirty million. */
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";
import { updateOutcome } from "./source-export/outcome-update.js";
import { measureOfTitle } from "./title-measure.js";

describe("minutes written as m", () => {
  it("reads an m beside a time as minutes, in the title and in the outcome", () => {
    expect(measureOfTitle("Cut build time from 2h to 30m")).toMatchObject({
      kind: "metric",
      unit: "duration",
      start: 120,
      target: 30,
      durationUnit: "min",
    });
    expect(readOutcome("1h", "Cut build time from 2h to 30m").progress).toBeCloseTo(2 / 3);
    expect(readOutcome("45m", "Cut build time from 2 hours to 30 mins").progress).toBeCloseTo(
      0.8333,
    );
    expect(readOutcome("45m", "Keep deploys under 1 hour").progress).toBe(1);
  });

  it("keeps an m of money or of a count as millions", () => {
    expect(measureOfTitle("Grow ARR from $2m to $3m")).toMatchObject({ start: 2e6, target: 3e6 });
    expect(readOutcome("2.5m", "Grow users from 2m to 3m").progress).toBe(0.5);
  });

  it("writes a new value in minutes as the page wrote the old one", () => {
    const title = "Cut build time from 2h to 30m";
    expect(updateOutcome("45m", 80 / 90, "in_progress", title, 40)).toBe("40m");
    expect(updateOutcome("$2.5m", 0.6, "in_progress", "Grow ARR from $2m to $3m", 2.6e6)).toBe(
      "$2.6m",
    );
  });
});
