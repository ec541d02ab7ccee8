/**
 * A period's answers brought forward by check-ins (the period model, decisions/0029) are byte
 * for byte what a whole computation gives. Two handles on one database stand for two app
 * processes (each keeps its own answers); random check-ins through either, now and then from
 * a clock behind (not the newest: history only) or at the same millisecond, status-changing
 * ones (progress past 1 makes a key result done), an edit or a new key result (read whole
 * again), and after each step reads by an insider and a reader through either handle: tree
 * (with and without archived items, and the text the tree route sends), dashboard, an
 * objective's roll-up, My OKRs and a key result's history, each compared with the same read
 * through a new handle that keeps nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type AppFixture,
  actorOf,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id } from "../core/types.js";
import { createRandom } from "../synthetic/random.js";
import { checkIn, listCheckIns, listCheckInsFromTables } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import type { Actor, AppDeps } from "./deps.js";
import { getVisibleItem } from "./items.js";
import { createKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective } from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { periodModelAt } from "./period-model.js";
import { createPeriod } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";
import { getObjectiveRollUp, getPeriodTree } from "./tree.js";
import { periodTreeText } from "./tree-text.js";

const STEPS = 60;

/** Another handle on the same database: its own kept models and answers, like another process. */
function anotherProcess(deps: AppDeps, skewMs = 0): AppDeps {
  return {
    ...deps,
    db: deps.db.withoutPlugins(),
    now: () => new Date(deps.now().getTime() - skewMs),
  };
}

/** A read's answer, or the code of its refusal. */
function orRefusal(error: { code?: string }) {
  return { error: error.code };
}

/** Every answer `actor` can read from the period's model, as the JSON text the API sends. */
async function answersOf(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  objectiveId: Id,
  keyResultId: Id,
) {
  const rollUp = await getObjectiveRollUp(deps, actor, objectiveId).catch(orRefusal);
  const version = await readVersionOfPeriod(deps, periodId);
  return {
    tree: JSON.stringify(await getPeriodTree(deps, actor, periodId)),
    all: JSON.stringify(await getPeriodTree(deps, actor, periodId, { includeArchived: true })),
    // The text the tree route sends, brought forward along the changed paths.
    treeText: await periodTreeText(deps, actor, periodId, false, version),
    allText: await periodTreeText(deps, actor, periodId, true, version),
    dashboard: JSON.stringify(await getDashboard(deps, actor, periodId)),
    rollUp: JSON.stringify(rollUp),
    myOkrs: JSON.stringify(await getMyOkrs(deps, actor)),
    history: JSON.stringify(await listCheckIns(deps, actor, keyResultId).catch(orRefusal)),
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
      // Ann and her team own most of it: their My OKRs are read at every step.
      const sales = await createTeam(deps, EDITOR, { name: "Sales" });
      const ann = await createPerson(deps, EDITOR, { name: "Ann", teamId: sales.id });
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
      const readers = [
        actorOf("editor", { insider: true, personId: ann.id, name: "ann inside" }),
        actorOf("viewer", { personId: ann.id, name: "ann" }),
      ];
      const random = createRandom(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      let broughtForward = 0;
      let compared = 0;
      let owned = 0;
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
          const keyResultId = pick(keyResults);
          const kept = await answersOf(process, reader, period.id, objectiveId, keyResultId);
          const fresh = await answersOf(
            anotherProcess(process),
            reader,
            period.id,
            objectiveId,
            keyResultId,
          );
          expect(kept).toEqual(fresh);
          expect(kept.treeText).toBe(fresh.tree);
          expect(kept.allText).toBe(fresh.all);
          // The history from the model is the history the tables hold.
          expect(kept.history).toBe(
            JSON.stringify(
              await listCheckInsFromTables(process, reader, keyResultId).catch(orRefusal),
            ),
          );
          if ((JSON.parse(kept.myOkrs) as { objectives: unknown[] }).objectives.length > 0) owned++;
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
      // Ann's My OKRs had her objectives in them, not only an empty answer.
      expect(owned).toBeGreaterThan(0);
      // The answers above came from models brought forward by check-ins, not only from whole reads.
      expect(broughtForward).toBeGreaterThan(STEPS / 4);
    },
    // Many steps of real reads and writes: generous on a busy machine (no speed is asserted).
    120_000,
  );
});
