import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./settings.js";
import { makeKeyResult, makeObjective } from "./test-fixtures.js";
import { buildTree, forEachObjectiveNode, type ObjectiveNode } from "./tree.js";
import type { KeyResult, Objective } from "./types.js";

function ids(nodes: ObjectiveNode[]): string[] {
  return nodes.map((n) => n.objective.id);
}

describe("buildTree", () => {
  // CEO ▸ KR-A ▸ VP ▸ KR-C ▸ Director; CEO ▸ KR-B; Side aligned directly under CEO.
  const objectives: Objective[] = [
    makeObjective({ id: "Director", parentKeyResultId: "KR-C" }),
    makeObjective({ id: "CEO", position: 1 }),
    makeObjective({ id: "VP", parentKeyResultId: "KR-A" }),
    makeObjective({ id: "Side", parentObjectiveId: "CEO" }),
    makeObjective({ id: "First", position: 0 }),
  ];
  const keyResults: KeyResult[] = [
    makeKeyResult({
      id: "KR-B",
      objectiveId: "CEO",
      position: 2,
      kind: "percentage",
      progress: 0.4,
    }),
    makeKeyResult({
      id: "KR-A",
      objectiveId: "CEO",
      position: 1,
      kind: "percentage",
      progress: 0.8,
    }),
    makeKeyResult({
      id: "KR-C",
      objectiveId: "VP",
      kind: "metric",
      start: 70,
      target: 56,
      current: 63,
    }),
    makeKeyResult({ id: "KR-D", objectiveId: "Side", kind: "milestone", status: "done" }),
  ];

  it("nests objectives under the key results and objectives they align to, in position order", () => {
    const roots = buildTree(objectives, keyResults, DEFAULT_SETTINGS);
    expect(ids(roots)).toEqual(["First", "CEO"]);
    const ceo = roots[1] as ObjectiveNode;
    expect(ceo.keyResults.map((k) => k.keyResult.id)).toEqual(["KR-A", "KR-B"]);
    expect(ids(ceo.keyResults[0]?.children ?? [])).toEqual(["VP"]);
    expect(ids(ceo.children)).toEqual(["Side"]);
    const vp = ceo.keyResults[0]?.children[0] as ObjectiveNode;
    expect(vp.depth).toBe(1);
    expect(ids(vp.keyResults[0]?.children ?? [])).toEqual(["Director"]);
    expect(vp.keyResults[0]?.children[0]?.depth).toBe(2);
  });

  it("rolls every objective up, counting objectives aligned under it or under its key results", () => {
    const roots = buildTree(objectives, keyResults, DEFAULT_SETTINGS);
    const scores: Record<string, number | null> = {};
    forEachObjectiveNode(roots, (n) => {
      scores[n.objective.id] = n.rollUp.score;
    });
    // VP: KR-C is half-way from 70 to 56 (0.5); Director has nothing scored (left out).
    // Side: its milestone is done (1). CEO: KR-A 0.8, KR-B 0.4, Side 1, VP 0.5 -> 2.7 / 4.
    expect(scores).toEqual({ First: null, CEO: 0.675, VP: 0.5, Side: 1, Director: null });
    const ceo = roots[1] as ObjectiveNode;
    expect(ceo.rollUp.contributions.map((c) => c.id)).toEqual(["KR-A", "KR-B", "Side", "VP"]);
    expect(roots[0]?.rollUp.explanation).toBe(
      'Not scored: nothing under "Objective First" has progress yet.',
    );
  });

  it("counts key results only when the workspace turns aligned objectives off", () => {
    const roots = buildTree(objectives, keyResults, {
      rollUp: { cap: 1, includeChildObjectives: false, unscored: "excluded" },
    });
    const ceo = roots[1] as ObjectiveNode;
    expect(ceo.rollUp.score).toBeCloseTo((0.8 + 0.4) / 2);
    expect(ceo.rollUp.contributions.map((c) => c.id)).toEqual(["KR-A", "KR-B"]);
  });

  it("puts objectives whose parent is missing at the top", () => {
    const roots = buildTree(
      [makeObjective({ id: "Lost", parentKeyResultId: "gone" })],
      [],
      DEFAULT_SETTINGS,
    );
    expect(ids(roots)).toEqual(["Lost"]);
  });

  it("does not lose objectives caught in a cycle of stored data", () => {
    const cyclic = [
      makeObjective({ id: "A", parentObjectiveId: "B" }),
      makeObjective({ id: "B", parentObjectiveId: "A" }),
    ];
    const roots = buildTree(cyclic, [], DEFAULT_SETTINGS);
    let count = 0;
    forEachObjectiveNode(roots, () => count++);
    expect(count).toBe(2);
    expect(ids(roots)).toEqual(["A"]);
    expect(ids(roots[0]?.children ?? [])).toEqual(["B"]);
  });

  it("builds 50,000 items and survives a 10,000-deep chain", () => {
    const many: Objective[] = [];
    const krs: KeyResult[] = [];
    for (let i = 0; i < 10_000; i++) {
      many.push(
        makeObjective({
          id: `O${i}`,
          parentKeyResultId: i === 0 ? null : `K${i - 1}-0`,
          position: i,
        }),
      );
      for (let k = 0; k < 4; k++) {
        krs.push(
          makeKeyResult({
            id: `K${i}-${k}`,
            objectiveId: `O${i}`,
            position: k,
            kind: "percentage",
            progress: 0.5,
          }),
        );
      }
    }
    const roots = buildTree(many, krs, DEFAULT_SETTINGS);
    expect(roots).toHaveLength(1);
    let deepest = 0;
    forEachObjectiveNode(roots, (n) => {
      deepest = Math.max(deepest, n.depth);
    });
    expect(deepest).toBe(9_999);
    expect(roots[0]?.rollUp.score).toBe(0.5);
  });
});
