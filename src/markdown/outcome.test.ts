import { describe, expect, it } from "vitest";
import { formatOutcome, readOutcome, splitOutcomeList } from "./outcome.js";

describe("readOutcome", () => {
  it.each([
    ["94%", 0.94, "in_progress"],
    ["100%", 1, "done"],
    ["0%", 0, "not_started"],
    ["1500%", 15, "done"],
    ["-1.2%", -0.012, "missed"],
    ["(57%)", 0.57, "in_progress"],
    ["30%.", 0.3, "in_progress"],
    ["DONE", 1, "done"],
    ["Done. Storage limits deprioritized.", 1, "done"],
    ["ACHIEVED", 1, "done"],
    ["50% ACHIEVED", 0.5, "in_progress"],
    ["50% ACHIEVED - 20% OF METRICS", 0.5, "in_progress"],
    ["MISSED", null, "missed"],
    ["[Miss](https://example.com/1458)", null, "missed"],
    ["Not Hit. SLAs were breached.", null, "missed"],
    ["NOT STARTED", null, "not_started"],
    ["Not Started.", null, "not_started"],
    ["In Progress: Not yet fully automatic.", null, "in_progress"],
    [
      "7 of 8 [opportunity consults](https://example.com/5743) (8th decided to push to Q1)",
      0.875,
      "in_progress",
    ],
    ["5/5 shipped. 10 in total now.", 1, "done"],
    ["45% done", 0.45, "in_progress"],
    ["0% done - now targeting end of July.", 0, "not_started"],
    ["95% Done Not automated.", 0.95, "in_progress"],
    ["We did not make progress on this KR, and will carry over into Q1FY21", null, "carried_over"],
    ["Not complete, pushed to FY21Q1", null, "carried_over"],
    ["10% done, moved to Q4 with GitLab QA", 0.1, "carried_over"],
    ["miss and moving to Q1", null, "carried_over"],
    ["Partner program pushed to FY21.", null, "carried_over"],
    ["Storage limits deprioritized.", null, "cancelled"],
    // The writer's own score in parentheses after the measured value.
    ["3 incidents (75%)", 0.75, "in_progress"],
    ["12% (60%)", 0.6, "in_progress"],
    ["$31M (78%)", 0.78, "in_progress"],
    ["61 mins (~64%)", 0.64, "in_progress"],
    ["50% (up from 30%)", 0.5, "in_progress"],
    ["✅", 1, "done"],
    ["❌ missed (2 incidents)", null, "missed"],
    ["70 %", 0.7, "in_progress"],
    ["7/10", 0.7, "in_progress"],
    ["3.43", null, null],
    ["Significant progress, but not all p99 < 200 ms.", null, null],
  ])("%s", (outcome, progress, status) => {
    expect(readOutcome(outcome)).toEqual({ progress, status });
  });

  it("reads `Hired 1 so far` against the KR's target", () => {
    expect(readOutcome("Hired 1 so far", "Hire 2 Designers.")).toEqual({
      progress: 0.5,
      status: "in_progress",
    });
  });

  it("reads nothing from nothing", () => {
    expect(readOutcome(null)).toEqual({ progress: null, status: null });
    expect(readOutcome("")).toEqual({ progress: null, status: null });
  });
});

describe("splitOutcomeList", () => {
  it("splits bare percentages, one per KR", () => {
    expect(splitOutcomeList("27%, 0%, 227%")).toEqual(["27%", "0%", "227%"]);
    expect(splitOutcomeList("100%, 33%, 0%.")).toEqual(["100%", "33%", "0%"]);
  });

  it("keeps prose as one outcome", () => {
    expect(splitOutcomeList("50% done, see https://example.com/754")).toBeNull();
    expect(splitOutcomeList("80%, endpoint is shipped")).toBeNull();
    expect(splitOutcomeList("94%")).toBeNull();
  });
});

describe("formatOutcome", () => {
  it("writes an outcome that reads back the same", () => {
    for (const [progress, status] of [
      [0.5, "in_progress"],
      [0.5, "missed"],
      [0.5, "carried_over"],
      [1, "done"],
      [0.2, "cancelled"],
      [0, "not_started"],
      [1.5, "in_progress"],
      [null, "missed"],
      [null, "not_started"],
      [0.875, null],
    ] as const) {
      const text = formatOutcome(progress, status);
      const read = readOutcome(text);
      expect(read.progress).toBe(progress);
      if (status !== null) expect(read.status).toBe(status);
    }
  });
});
