/** A key result's progress is what its objective counts for it, below zero included. */
import { describe, expect, it } from "vitest";
import { progressOf } from "./progress.js";
import { progressForRollUp, rollUpObjective } from "./roll-up.js";
import { DEFAULT_SETTINGS } from "./settings.js";
import { makeKeyResult as keyResult } from "./test-fixtures.js";

describe("progress below nothing", () => {
  it("gives a percentage checked in below 0% no progress, as a metric behind its start, and as the roll-up counts it", () => {
    const share = keyResult({ id: "kr-share", objectiveId: "o", kind: "percentage" });
    const progress = progressOf(share, -5);
    expect(progress).toBe(0);
    const metric = keyResult({ id: "kr-m", objectiveId: "o", start: 10, target: 20 });
    expect(progressOf(metric, 5)).toBe(0);
    const after = { ...share, current: -5, progress };
    const rollUp = rollUpObjective({ id: "o", title: "O" }, [after], [], DEFAULT_SETTINGS);
    expect(rollUp.contributions[0]?.progress).toBe(progressForRollUp(after));
    expect(rollUp.score).toBe(progress);
  });
});
