/**
 * A period's answers brought forward by check-ins (the period model, decisions/0029) are byte
 * for byte what a whole computation gives. Two handles on one database stand for two app
 * processes (each keeps its own answers); random check-ins through either, now and then from
 * a clock behind (not the newest: history only) or at the same millisecond, status-changing
 * ones (progress past 1 makes a key result done), an edit or a new key result (read whole
 * again), and after each step reads by an insider and a reader through either handle: tree
 * (with and without archived items), dashboard, an objective's roll-up, each compared with the
 * same read through a new handle that keeps nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id } from "../core/types.js";
import { createRandom } from "../synthetic/random.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import type { Actor, AppDeps } from "./deps.js";
import { getVisibleItem } from "./items.js";
import { createKeyResult, updateKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { periodModelAt } from "./period-model.js";
import { createPeriod } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";

const STEPS = 60;

/** Another handle on the same database: its own kept models and answers, like another process. */
function anotherProcess(deps: AppDeps, skewMs = 0): AppDeps {
  return {
    ...deps,
    db: deps.db.withoutPlugins(),
    now: () => new Date(deps.now().getTime() - skewMs),
  };
}

/** Every whole-period answer `actor` can read, as the JSON text the API sends. */
async function answersOf(deps: AppDeps, actor: Actor, periodId: Id, objectiveId: Id) {
  const rollUp = await getObjectiveRollUp(deps, actor, objectiveId).catch(
    (error: { code?: string }) => ({ error: error.code }),
  );
  return {
    tree: JSON.stringify(await getPeriodTree(deps, actor, periodId)),
    all: JSON.stringify(await getPeriodTree(deps, actor, periodId, { includeArchived: true })),
    dashboard: JSON.stringify(await getDashboard(deps, actor, periodId)),
    rollUp: JSON.stringify(rollUp),
  };
}

describe.each(DIALECTS)("period answers brought forward by check-ins (%s)", (dialect) => {
  let fx: AppFixture;
  afterEach(() => fx.close());

  it.each([1, 2, 3])(
    "equal a whole computation after every step of random check-ins, edits and reads (seed %i)",
    async (seed) => {
      fx = await openAppFixture(dialect, "2020-01-06T09:00:00.000Z");
      const deps = fx.deps;
      const period = await createPeriod(deps, EDITOR, { label: "2020-Q1" });
      const objectives: Id[] = [];
      const keyResults: Id[] = [];
      const milestones = new Set<Id>();
      const kinds = ["metric", "milestone", "percentage", "threshold"] as const;
      const addKeyResult = async (objectiveId: Id, n: number, extra: object = {}) => {
        const kind = kinds[n % kinds.length] ?? "metric";
        const numbers =
          kind === "metric"
            ? { start: 0, target: 10 + n }
            : kind === "threshold"
              ? { target: 5 + n, direction: "above" }
              : {};
        const kr = await createKeyResult(deps, INSIDER_EDITOR, {
          objectiveId,
          title: `KR ${n}`,
          kind,
          ...numbers,
          weight: 1 + (n % 3),
          ...extra,
        });
        keyResults.push(kr.id);
        if (kind === "milestone") milestones.add(kr.id);
        return kr;
      };
      for (let o = 0; o < 4; o++) {
        const parent = o === 3 ? { parentKeyResultId: keyResults[0] } : {};
        const objective = await createObjective(deps, INSIDER_EDITOR, {
          periodId: period.id,
          title: `Objective ${o}`,
          owner: o === 2 ? "Sales" : "Ann",
          confidential: o === 1,
          ...parent,
        });
        objectives.push(objective.id);
        for (let k = 0; k < 3; k++) {
          await addKeyResult(
            objective.id,
            o * 3 + k,
            o === 0 && k === 2 ? { targetConfidential: true } : {},
          );
        }
      }

      const processes = [deps, anotherProcess(deps), anotherProcess(deps, 2 * 86_400_000)];
      const readers = [INSIDER_EDITOR, VIEWER];
      const random = createRandom(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      let broughtForward = 0;
      let compared = 0;
      for (let step = 0; step < STEPS; step++) {
        const roll = random();
        if (roll < 0.65) {
          // A check-in; now and then at the same millisecond as the one before.
          if (random() < 0.8)
            fx.setNow(new Date(deps.now().getTime() + random() * 30 * 3_600_000).toISOString());
          const id = pick(keyResults);
          // A milestone is done or not: progress 1 after earlier check-ins makes it done.
          const milestone = milestones.has(id);
          const kindOfBody = random();
          const body =
            kindOfBody < 0.4
              ? {
                  progress: milestone ? Math.round(random()) : Math.round(random() * 120) / 100,
                  confidence: Math.floor(random() * 11),
                }
              : kindOfBody < 0.8
                ? {
                    value: milestone ? Math.round(random()) : Math.round(random() * 15),
                    health: pick(["on_track", "needs_attention", "at_risk"]),
                  }
                : // Only how it feels: no progress yet stays none, and the status moves on.
                  { health: pick(["on_track", "needs_attention", "at_risk"]) };
          await checkIn(pick(processes), INSIDER_EDITOR, id, body);
        } else if (roll < 0.72) {
          // Another kind of write: the period is read whole again.
          const process = pick(processes);
          if (random() < 0.5) await addKeyResult(pick(objectives), keyResults.length + 100);
          else {
            const id = pick(keyResults);
            const { item } = await getVisibleItem(process.db, INSIDER_EDITOR, id);
            await updateKeyResult(process, INSIDER_EDITOR, id, {
              version: item.version,
              weight: 1 + Math.floor(random() * 4),
            });
          }
        }
        // Reads through one process, compared with a process that keeps nothing.
        const process = pick(processes);
        for (const reader of readers) {
          const objectiveId = pick(objectives);
          const kept = await answersOf(process, reader, period.id, objectiveId);
          const fresh = await answersOf(anotherProcess(process), reader, period.id, objectiveId);
          expect(kept).toEqual(fresh);
          compared++;
        }
        const model = await periodModelAt(
          process,
          period.id,
          await readVersionOfPeriod(process, period.id),
        );
        if (model.broughtForward) broughtForward++;
      }
      expect(compared).toBe(STEPS * readers.length);
      // The answers above came from models brought forward by check-ins, not only from whole reads.
      expect(broughtForward).toBeGreaterThan(STEPS / 4);
    },
    // Many steps of real reads and writes: generous on a busy machine (no speed is asserted).
    120_000,
  );
});
