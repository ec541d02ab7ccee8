import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";
import { measureOfTitle } from "./title-measure.js";

describe("an outcome that is a value of the measure its key result states", () => {
  it.each([
    // title, outcome, progress, value
    ["Raise SMAU from 1.2M to 1.5M", "1.38M", 0.6, 1_380_000],
    ["Reduce mean time to merge from 70 mins to 56 mins", "61 mins", 9 / 14, 61],
    ["Cut p95 latency from 800 ms to 400 ms", "0.5 s", 0.75, 500],
    ["Grow ARR from $2M to $3M", "$2.5M", 0.5, 2_500_000],
    ["Grow EU revenue from €2M to €3M", "€2.25M", 0.25, 2_250_000],
    ["Cut open bugs from 300 to 100", "350 bugs", 0, 350],
    ["Reach 5,000 paying teams from 3,000 to 5,000", "4,000", 0.5, 4000],
    ["Hire 25 engineers", "27", 1.08, 27],
    ["Generate $40M in SAO pipeline", "$31M", 0.775, 31_000_000],
    ["Marketing efficiency ratio > 3.4 (IACV / marketing spend)", "3.43", 1, 3.43],
    ["Keep churn under 50 accounts a month", "60", 50 / 60, 60],
    ["Get CI queue times (p95) under 1 min", "45 s", 1, 0.75],
  ])("%s => %s", (title, outcome, progress, value) => {
    const reading = readOutcome(outcome, title);
    expect(reading.progress).toBeCloseTo(progress, 9);
    expect(reading.measured?.value).toBeCloseTo(value, 9);
  });

  it("says the measure: kind, unit, ends in the title's own units", () => {
    expect(readOutcome("61 mins", "Cut build time from 70 mins to 56 mins").measured).toEqual({
      measure: {
        kind: "metric",
        unit: "duration",
        start: 70,
        target: 56,
        direction: null,
        durationUnit: "min",
      },
      value: 61,
    });
    expect(measureOfTitle("Keep uptime above 99.9%")).toMatchObject({
      kind: "threshold",
      unit: "percent",
      target: 99.9,
      direction: "above",
    });
  });

  it.each([
    // A percentage after => is the progress, as the handbook pages write it.
    ["Increase review app success rate from 29% to 70%", "100%", 1],
    ["Reduce regression run time from 70 mins to 56 mins", "40%", 0.4],
    // Another unit than the title's is no value of it.
    ["Grow ARR from $2M to $3M", "12 deals", null],
    ["Cut build time from 70 mins to 56 mins", "$5", null],
    ["Grow EU revenue from €2M to €3M", "$2.5M", null],
    ["Grow revenue from $2M to €3M", "$2.5M", null],
    // A measure in percent takes no value from a bare number either.
    ["Raise conversion from 2% to 4%", "3", null],
    // A line qualifying what is counted is not the measure: two numbers.
    ["Close 15 deals above $100k", "11", null],
    // Several lines, or none with one number: nothing to measure against.
    ["Reduce p95 with over 10 hits/day to < 1 s. Reduce p99 to < 3 s", "2 s", null],
    ["Keep queue time above 99% under 1 min", "50 s", null],
    ["Ship 3 integrations in 2 regions", "2", null],
    // No number opening the outcome.
    ["Hire 25 engineers", "Most of them", null],
  ])("%s => %s reads %s", (title, outcome, progress) => {
    const reading = readOutcome(outcome, title);
    expect(reading.progress).toBe(progress);
    if (progress === null) expect(reading.measured).toBeUndefined();
  });
});
