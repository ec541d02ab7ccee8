import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../core/settings.js";
import { buildTree } from "../core/tree.js";
import type { KeyResult, Objective, Settings } from "../core/types.js";
import { computeCompanyScore } from "./company-score.js";
import { rollUpCompany } from "./dashboard-data.js";

const base = {
  periodId: "p",
  owner: null,
  outcome: null,
  position: 0,
  carriedFromId: null,
  carriedToId: null,
  links: [],
  version: 1,
  createdAt: "2020-01-01T00:00:00.000Z",
  updatedAt: "2020-01-01T00:00:00.000Z",
};

const statusArb = fc.constantFrom(null, "cancelled", "done", "missed", "in_progress" as const);

/** A random period: objectives aligned under earlier objectives or key results, key results of every kind. */
const periodArb = fc
  .record({
    objectives: fc.array(
      fc.record({
        parent: fc.option(fc.nat(40)),
        underKr: fc.boolean(),
        weight: fc.constantFrom(0, 1, 2, 0.5),
        archived: fc.boolean(),
        status: statusArb,
      }),
      { minLength: 1, maxLength: 25 },
    ),
    keyResults: fc.array(
      fc.record({
        objective: fc.nat(40),
        weight: fc.constantFrom(0, 1, 3),
        progress: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
        archived: fc.boolean(),
        status: statusArb,
        kind: fc.constantFrom("metric", "milestone", "percentage" as const),
      }),
      { maxLength: 60 },
    ),
    includeChildObjectives: fc.boolean(),
    cap: fc.constantFrom(1, 1.2),
    unscored: fc.constantFrom("excluded", "zero" as const),
  })
  .map(({ objectives: os, keyResults: ks, includeChildObjectives, cap, unscored }) => {
    const keyResults: KeyResult[] = ks.map((k, i) => ({
      ...base,
      type: "key_result",
      id: `k${i}`,
      title: `k${i}`,
      objectiveId: `o${k.objective % os.length}`,
      weight: k.weight,
      status: k.status,
      archived: k.archived,
      kind: k.kind,
      unit: null,
      start: 0,
      target: 10,
      direction: null,
      targetConfidential: false,
      current: null,
      progress: k.progress,
      health: null,
      confidence: null,
      lastCheckInAt: null,
    }));
    const objectives: Objective[] = os.map((o, i) => {
      const parentIndex = o.parent === null || i === 0 ? null : o.parent % i;
      const parentKr = o.underKr
        ? keyResults.find((k) => k.objectiveId === `o${parentIndex}`)
        : undefined;
      return {
        ...base,
        type: "objective",
        id: `o${i}`,
        title: `o${i}`,
        weight: o.weight,
        status: o.status,
        archived: o.archived,
        confidential: false,
        parentObjectiveId: parentIndex === null || parentKr ? null : `o${parentIndex}`,
        parentKeyResultId: parentKr ? parentKr.id : null,
      };
    });
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      rollUp: { cap, includeChildObjectives, unscored },
    };
    return { objectives, keyResults, settings };
  });

describe("the company score for progress over time", () => {
  it("equals the roll-up of the core tree on any period", () => {
    fc.assert(
      fc.property(periodArb, ({ objectives, keyResults, settings }) => {
        const expected = rollUpCompany(buildTree(objectives, keyResults, settings), settings).score;
        const actual = computeCompanyScore(objectives, keyResults, settings);
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 9);
      }),
      { numRuns: 300 },
    );
  });
});
