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

  it("caps the rolled-up score, not the items, and says so", () => {
    const a = kr("1", { progress: 2.27 });
    const r = rollUpObjective(objective, [a, kr("2", { progress: 0.5 })], [], DEFAULT_SETTINGS);
    // (2.27 + 0.5) / 2 = 1.385, above the cap of 1.
    expect(r.score).toBe(1);
    expect(r.capped).toBe(true);
    expect(r.contributions[0]).toMatchObject({ progress: 2.27, counted: 2.27 });
    expect(r.explanation).toBe(
      '1 = min(1, 0.5×2.27 ("KR 1") + 0.5×0.5 ("KR 2")). 1.39 is above the cap and counts as 1.',
    );
    expect(a.progress).toBe(2.27);
    const loose = rollUpObjective(objective, [a], [], {
      rollUp: { ...DEFAULT_SETTINGS.rollUp, cap: 3 },
    });
    expect(loose.score).toBe(2.27);
    expect(loose.capped).toBe(false);
  });

  it("lets one over-achieved key result make up for another only up to the cap", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { progress: 1.5 }), kr("2", { progress: 0.1 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBeCloseTo(0.8);
    expect(r.capped).toBe(false);
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

  it("leaves key results with no progress yet out of the score and names them", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { progress: 1 }), kr("2", {}), kr("3", { progress: 0.5 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.75);
    expect(r.contributions.map((c) => c.id)).toEqual(["1", "3"]);
    expect(r.explanation).toBe('0.75 = 0.5×1 ("KR 1") + 0.5×0.5 ("KR 3"). Not scored yet: "KR 2".');
  });

  it("counts missing progress as 0 when the workspace says so, and names it", () => {
    const r = rollUpObjective(objective, [kr("1", { progress: 1 }), kr("2", {})], [], {
      rollUp: { ...DEFAULT_SETTINGS.rollUp, unscored: "zero" },
    });
    expect(r.score).toBe(0.5);
    expect(r.contributions[1]).toMatchObject({ progress: null, counted: 0 });
    expect(r.explanation).toContain('"KR 2" has no progress yet and counts as 0.');
  });

  it("reads a graded key result with no number from its status: done 1, missed 0", () => {
    const r = rollUpObjective(
      objective,
      [
        kr("1", { status: "done" }),
        kr("2", { status: "missed" }),
        kr("3", { status: "in_progress" }),
      ],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBe(0.5);
    expect(r.explanation).toBe('0.5 = 0.5×1 ("KR 1") + 0.5×0 ("KR 2"). Not scored yet: "KR 3".');
  });

  it("is not scored, never 0, when nothing beneath has progress", () => {
    const r = rollUpObjective(objective, [kr("1", {}), kr("2", {})], [], DEFAULT_SETTINGS);
    expect(r.score).toBeNull();
    expect(r.explanation).toBe(
      'Not scored: nothing under "Ship a faster CI" has progress yet. Not scored yet: "KR 1", "KR 2".',
    );
  });

  it("takes an objective's own status when nothing beneath it is scored", () => {
    const done = rollUpObjective(
      { ...objective, status: "done" },
      [kr("1", {})],
      [],
      DEFAULT_SETTINGS,
    );
    expect(done.score).toBe(1);
    expect(done.explanation).toMatch(/^1: "Ship a faster CI" is marked done/);
    const open = rollUpObjective({ ...objective, status: "in_progress" }, [], [], DEFAULT_SETTINGS);
    expect(open.score).toBeNull();
  });

  it("has no score when nothing counts", () => {
    const r = rollUpObjective(
      objective,
      [kr("1", { weight: 0, progress: 1 })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(r.score).toBeNull();
    expect(r.explanation).toMatch(/^Not scored: /);
  });

  it("ignores key results of other objectives", () => {
    const other = makeKeyResult({ id: "x", objectiveId: "O2", kind: "percentage", progress: 0 });
    expect(
      rollUpObjective(objective, [kr("1", { progress: 1 }), other], [], DEFAULT_SETTINGS).score,
    ).toBe(1);
  });

  it("counts aligned child objectives by default, and not when the workspace says so", () => {
    const children = [
      { id: "C1", title: "Child", weight: 1, score: 0.2 },
      { id: "C2", title: "Quiet child", weight: 1, score: null },
    ];
    const krs = [kr("1", { progress: 1 })];
    const r = rollUpObjective(objective, krs, children, DEFAULT_SETTINGS);
    expect(r.score).toBeCloseTo(0.6);
    expect(r.contributions[1]).toMatchObject({ id: "C1", type: "objective", counted: 0.2 });
    expect(r.explanation).toBe(
      '0.6 = 0.5×1 ("KR 1") + 0.5×0.2 ("Child"). Not scored yet: "Quiet child".',
    );
    const off = rollUpObjective(objective, krs, children, {
      rollUp: { ...DEFAULT_SETTINGS.rollUp, includeChildObjectives: false },
    });
    expect(off.score).toBe(1);
  });

  it("scores an objective with no key results of its own from the objectives beneath it", () => {
    const children = [
      { id: "C1", title: "CEO: pipeline", weight: 1, score: 0.9 },
      { id: "C2", title: "CEO: hiring", weight: 1, score: 0.5 },
    ];
    const r = rollUpObjective({ id: "O", title: "Objective 1" }, [], children, DEFAULT_SETTINGS);
    expect(r.score).toBeCloseTo(0.7);
  });
});
