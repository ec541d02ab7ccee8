/**
 * Every face shows one score for one objective: random workspaces (every key result kind,
 * weights 0–3, nested and aligned objectives, archived and dropped items, confidential targets
 * and objectives, statuses, check-ins at one instant) read as an insider, an editor and a
 * viewer through the tree, each objective's roll-up, My OKRs, the dashboard and the review.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  actorOf,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { forEachObjectiveNode, type ObjectiveNode } from "../core/tree.js";
import type { Id } from "../core/types.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import type { Actor } from "./deps.js";
import { archiveKeyResult, createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { archiveObjective, createObjective, getObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { getReview } from "./review.js";
import { getObjectiveRollUp, getPeriodTree, type TreeObjectiveNode } from "./tree.js";

/** A small seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each([1, 2, 3])("one score per objective on every face (seed %i)", (seed) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-01-02T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("agrees across the tree, roll-ups, My OKRs, the dashboard and the review", async () => {
    const rnd = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
    const d = fx.deps;
    const period = await createPeriod(d, EDITOR, { label: "2020-Q1" });
    const person = await createPerson(d, EDITOR, { name: "Ola Owner" });
    const owner = actorOf("viewer", { personId: person.id, name: "ola" });
    const objectives: Id[] = [];
    const keyResults: Id[] = [];
    /** Key results never checked in on, which are later marked done or missed. */
    const unmeasured = new Set<Id>();
    for (let i = 0; i < 12; i++) {
      const under = objectives.length > 0 && rnd() < 0.6;
      const alignedToKr = under && keyResults.length > 0 && rnd() < 0.4;
      const o = await createObjective(d, INSIDER_EDITOR, {
        periodId: period.id,
        title: `Objective ${i}`,
        owner: rnd() < 0.5 ? "Ola Owner" : undefined,
        weight: pick([0, 1, 1, 2, 3]),
        confidential: rnd() < 0.1,
        status: pick([null, null, null, "done", "missed", "cancelled"]),
        parentKeyResultId: alignedToKr ? pick(keyResults) : undefined,
        parentObjectiveId: under && !alignedToKr ? pick(objectives) : undefined,
      });
      objectives.push(o.id);
      const count = Math.floor(rnd() * 4);
      for (let k = 0; k < count; k++) {
        // A confidential target is a metric whose title spells its figures.
        const secret = rnd() < 0.2;
        const kind = secret
          ? "metric"
          : pick(["metric", "metric", "threshold", "milestone", "percentage"] as const);
        const up = rnd() < 0.5;
        const kr = await createKeyResult(d, INSIDER_EDITOR, {
          objectiveId: o.id,
          title: secret
            ? `Secret ${i}.${k} from ${up ? 20 : 80} to ${up ? 80 : 20}`
            : `Key result ${i}.${k} from 20 to 80`,
          owner: rnd() < 0.5 ? "Ola Owner" : undefined,
          kind,
          start: kind === "metric" ? (up ? 20 : 80) : undefined,
          target: kind === "metric" ? (up ? 80 : 20) : kind === "threshold" ? 50 : undefined,
          direction: kind === "threshold" ? pick(["above", "below"] as const) : undefined,
          weight: pick([0, 1, 1, 2]),
          targetConfidential: secret,
        });
        keyResults.push(kr.id);
        if (keyResults.length % 5 === 0) unmeasured.add(kr.id);
      }
    }
    // Check-ins over four weeks, some at one instant.
    for (let week = 0; week < 4; week++) {
      fx.setNow(`2020-01-${String(3 + week * 7).padStart(2, "0")}T10:00:00.000Z`);
      for (const id of keyResults) {
        if (rnd() < 0.5 || unmeasured.has(id)) continue;
        const kr = await getKeyResult(d, INSIDER_EDITOR, id);
        const value = kr.kind === "milestone" ? pick([0, 1]) : Math.round(rnd() * 120 * 100) / 100;
        await checkIn(d, INSIDER_EDITOR, id, {
          value,
          health: pick([null, "on_track", "needs_attention", "at_risk"] as const),
        });
      }
    }
    // Some dropped, some archived, a target moved.
    for (const id of keyResults) {
      const roll = rnd();
      const kr = await getKeyResult(d, INSIDER_EDITOR, id);
      if (roll < 0.08) await archiveKeyResult(d, INSIDER_EDITOR, id, { version: kr.version });
      else if (roll < 0.16)
        await updateKeyResult(d, INSIDER_EDITOR, id, { version: kr.version, status: "cancelled" });
      else if (roll < 0.24 && kr.kind === "metric" && !kr.targetConfidential)
        await updateKeyResult(d, INSIDER_EDITOR, id, { version: kr.version, target: 200 });
      else if (unmeasured.has(id)) {
        // Marked done or missed with no number: counted 1 or 0, and shown so.
        const status = pick(["done", "missed"] as const);
        await updateKeyResult(d, INSIDER_EDITOR, id, { version: kr.version, status });
      }
    }
    for (const id of objectives) {
      if (rnd() >= 0.1) continue;
      const o = await getObjective(d, INSIDER_EDITOR, id);
      await archiveObjective(d, INSIDER_EDITOR, id, { version: o.version });
    }
    fx.setNow("2020-02-03T12:00:00.000Z");

    const readers: Actor[] = [INSIDER_EDITOR, EDITOR, owner];
    for (const reader of readers) {
      const tree = await getPeriodTree(d, reader, period.id);
      const scores = new Map<Id, number | null>();
      let keyResultsShown = 0;
      forEachObjectiveNode(tree.roots as unknown as ObjectiveNode[], (node) => {
        scores.set(node.objective.id, node.rollUp.score);
        keyResultsShown += node.keyResults.filter((k) => k.keyResult.status !== "cancelled").length;
      });
      // Each key result's progress as the tree shows it, which its objective counts.
      const shownProgress = new Map<Id, number | null>();
      forEachObjectiveNode(tree.roots as unknown as ObjectiveNode[], (node) => {
        for (const k of node.keyResults) shownProgress.set(k.keyResult.id, k.keyResult.progress);
      });
      for (const [id, score] of scores) {
        const rollUp = await getObjectiveRollUp(d, reader, id);
        expect(rollUp.score, `roll-up of ${id}`).toBe(score);
        for (const c of rollUp.contributions) {
          if (c.type === "key_result") expect(shownProgress.get(c.id), c.title).toBe(c.progress);
        }
      }
      const mine = await getMyOkrs(d, reader);
      for (const o of mine.objectives) expect(o.rollUp.score).toBe(scores.get(o.id));
      const shownKeyResults = new Set<Id>();
      forEachObjectiveNode(tree.roots as unknown as ObjectiveNode[], (node) => {
        for (const k of node.keyResults) shownKeyResults.add(k.keyResult.id);
      });
      for (const kr of mine.keyResults) {
        expect(shownKeyResults.has(kr.id)).toBe(true);
        expect(kr.progress, kr.title).toBe(shownProgress.get(kr.id));
      }

      const dashboard = await getDashboard(d, reader, period.id, { limit: 200 });
      expect(dashboard.company.score).toBe(tree.score.score);
      expect(dashboard.progressOverTime.at(-1)?.score).toBe(tree.score.score);
      expect(dashboard.distribution.count + dashboard.distribution.unscored).toBe(keyResultsShown);
      for (const kr of [...dashboard.atRisk.items, ...dashboard.stale.items]) {
        expect(shownKeyResults.has(kr.id)).toBe(true);
        expect(kr.progress, kr.title).toBe(shownProgress.get(kr.id));
      }

      const review = await getReview(d, reader, period.id);
      expect(review.company.score).toBe(tree.score.score);
      const roots = tree.roots as TreeObjectiveNode[];
      expect(review.objectives.map((o) => [o.id, o.score])).toEqual(
        roots.map((r) => [r.objective.id, r.rollUp.score]),
      );
      for (const o of review.objectives) {
        expect(o.trend.at(-1)?.score).toBe(o.score);
        for (const kr of [...o.keyResults, ...o.atRisk])
          expect(kr.progress, kr.title).toBe(shownProgress.get(kr.id));
      }

      // A hidden target's figures are in no answer a non-insider reads.
      if (reader !== INSIDER_EDITOR) {
        for (const answer of [tree, mine, dashboard, review])
          expect(JSON.stringify(answer)).not.toMatch(/Secret [\d.]+ from (20|80)/);
      }
    }
  });
});
