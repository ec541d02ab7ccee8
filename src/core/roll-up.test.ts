import { describe, expect, it } from "vitest";
import { rollUpObjective } from "./roll-up.js";
import { DEFAULT_SETTINGS } from "./settings.js";
import { makeKeyResult } from "./test-fixtures.js";
import type { KeyResult } from "./types.js";

const objective = { id: "O1", title: "Ship a faster CI" };

function kr(id: string, fields: Partial<KeyResult>): KeyResult {
  return makeKeyResult({ id, objectiveId: "O1", title: `KR ${id}`, kind: "percentage", ...fields });
}

describe("rollUpObjective", () => {
  it("is the weighted mean of key result progress, with a readable explanation", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { progress: 0.8 }), kr("2", { progress: 0.44 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBeCloseTo(0.62);
    expect(r.capped).toBe(false);
    expect(r.explanation).toBe('0.62 = 0.5×0.8 ("KR 1") + 0.5×0.44 ("KR 2").');
    expect(r.contributions.map((c) => c.share)).toEqual([0.5, 0.5]);
  });

  it("names items by a tidy, short handle of their title", () => {
    const r = rollUpObjective(
      objective,
      [
        kr("1", { progress: 0.5, title: "  Raise\tthe\u00a0MR   rate \n" }),
        kr("2", { progress: 0.5, title: "Hire five engineers for the platform team this quarter" }),
        kr("3", { progress: 0.5, title: "\u2003Already tidy" }),
      ],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.explanation).toBe(
      '0.5 = 0.33×0.5 ("Raise the MR rate") + 0.33×0.5 ("Hire five engineers for the platform te…") + 0.33×0.5 ("Already tidy").',
    );
    expect(r.contributions[0]?.title).toBe("  Raise\tthe\u00a0MR   rate \n");
  });

  it("weighs key results by their weight", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { progress: 1, weight: 3 }), kr("2", { progress: 0, weight: 1 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.75);
  });

  it("computes progress from the latest value when none is stored", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { kind: "metric", start: 70, target: 56, current: 63 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.5);
  });

  it("caps over-achievement inside the roll-up only and says so", () => {
    const a = kr("1", { progress: 2.27 });
    const r = rollUpObjective(objective, [a, kr("2", { progress: 0.5 })], [], DEFAULT_SETTINGS);
    expect(r.score).toBe(0.75);
    expect(r.capped).toBe(true);
    expect(r.contributions[0]).toMatchObject({ progress: 2.27, counted: 1 });
    expect(r.explanation).toContain('"KR 1" is at 2.27, counted as 1 (capped).');
    expect(a.progress).toBe(2.27);
    const loose = rollUpObjective(objective, [a], [], {
      rollUp: { cap: 3, includeChildObjectives: false },
    });
    expect(loose.score).toBe(2.27);
  });

  it("leaves out weight 0, archived and cancelled key results and names them", () => {
    const r = rollUpObjective(
      objective,
      [
        kr("1", { progress: 0.6 }),
        kr("2", { progress: 0, weight: 0 }),
        kr("3", { progress: 0, archived: true }),
        kr("4", { progress: 0, status: "cancelled" }),
      ],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.6);
    expect(r.contributions).toHaveLength(1);
    expect(r.explanation).toContain(
      'Left out: "KR 2" (weight 0), "KR 3" (archived), "KR 4" (cancelled).',
    );
  });

  it("counts missing progress as 0 and names it", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { progress: 1 }), kr("2", {})],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.5);
    expect(r.contributions[1]).toMatchObject({ progress: null, counted: 0 });
    expect(r.explanation).toContain('"KR 2" has no progress yet and counts as 0.');
  });

  it("has no score when nothing counts", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { weight: 0, progress: 1 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBeNull();
    expect(r.explanation).toMatch(/^No score yet/);
  });

  it("ignores key results of other objectives", () => {
    const other = makeKeyResult({ id: "x", objectiveId: "O2", kind: "percentage", progress: 0 });
    expect(
      rollUpObjective(objective, [kr("1", { progress: 1 }), other], [], DEFAULT_SETTINGS).score,
    ).toBe(1);
  });

  it("counts aligned child objectives only when the workspace says so", () => {
    const children = [{ id: "C1", title: "Child", weight: 1, score: 0.2 }];
    const krs = [kr("1", { progress: 1 })];
    expect(rollUpObjective(objective, krs, children, DEFAULT_SETTINGS).score).toBe(1);
    const r = rollUpObjective(objective, krs, children, {
      rollUp: { cap: 1, includeChildObjectives: true },
    });
    expect(r.score).toBeCloseTo(0.6);
    expect(r.contributions[1]).toMatchObject({ id: "C1", type: "objective", counted: 0.2 });
  });
});
