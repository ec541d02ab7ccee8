/**
 * "My OKRs": what my person, my teams or my role title own in open periods, each objective with
 * its roll-up, and the key results waiting for my check-in. "Mine" is decided by `isOwnedBy`,
 * the same rule that lets owners edit and check in.
 */
import { byCodeUnits } from "../core/collections.js";
import { silentSince } from "../core/settings.js";
import { forEachObjectiveNode } from "../core/tree.js";
import type { Id, KeyResult, Objective, OkrItem, Period, RollUp } from "../core/types.js";
import { listPeriods } from "../store/periods.repository.js";
import { visibleRolledUpTree } from "./dashboard-tree.js";
import type { Actor, AppDeps } from "./deps.js";
import { type PeriodModel, periodModelAt } from "./period-model.js";
import { isOwnedBy, type Membership } from "./permissions.js";
import { cachedReadAt, readVersionOfPeriod, visibilityClassOf } from "./read-cache.js";
import { loadSettings } from "./settings.js";
import { visibleItemsOf } from "./tree.js";
import { presentKeyResult, type VisibleKeyResult, type VisibleObjective } from "./visibility.js";

/** A key result waits for a check-in when it has had none for this many days. */
export const CHECK_IN_DUE_DAYS = 7;
const DAY_MS = 86_400_000;
const FINAL = new Set(["done", "cancelled", "carried_over", "missed"]);

/** One of my objectives with its score, as the period tree computes it. */
export type MyObjective = VisibleObjective & { rollUp: RollUp };

export interface MyOkrs {
  objectives: MyObjective[];
  keyResults: VisibleKeyResult[];
  /** Key results I own (or that hang, ownerless, under my objectives) with no check-in in the last 7 days. */
  waitingForCheckIn: VisibleKeyResult[];
  /** The workspace's stale threshold: a key result with no check-in for this many days is stale. */
  staleDays: number;
}

function byPeriodAndPosition(periods: Map<Id, Period>) {
  return (a: OkrItem, b: OkrItem) =>
    byCodeUnits(periods.get(a.periodId)?.start ?? "", periods.get(b.periodId)?.start ?? "") ||
    a.position - b.position;
}

/** A period's items as every reader of one visibility class sees them in My OKRs. */
interface MyOkrsBasis {
  /** Visible, not archived; key results with their text hidden where the target is. */
  objectives: readonly Objective[];
  keyResults: readonly KeyResult[];
  /** Each objective's roll-up over those items, as the period tree computes it. */
  rollUps: ReadonlyMap<Id, RollUp>;
}

/** The basis of My OKRs in one period for `actor`'s visibility class, from the period's model. */
function basisOf(deps: AppDeps, model: PeriodModel, actor: Actor): MyOkrsBasis {
  const items = visibleItemsOf(model, actor);
  const { objectives } = items;
  // A key result whose objective is archived (or hidden) is in no tree: not mine to show.
  const shownObjectives = new Set(objectives.map((o) => o.id));
  const keyResults = items.keyResults.filter((kr) => shownObjectives.has(kr.objectiveId));
  const rollUps = new Map<Id, RollUp>();
  forEachObjectiveNode(visibleRolledUpTree(deps, model, actor, items), (node) =>
    rollUps.set(node.objective.id, node.rollUp),
  );
  return { objectives, keyResults, rollUps };
}

/**
 * What the actor owns in periods still open, and what waits for their check-in. Each open
 * period's visible items and roll-ups come from its model and are kept per visibility class
 * until the period is written (decisions/0009, 0029); only picking what is the actor's is done
 * per request.
 */
export async function getMyOkrs(deps: AppDeps, actor: Actor): Promise<MyOkrs> {
  const openPeriods = actor.personId
    ? (await listPeriods(deps.db)).filter((p) => p.closedAt === null)
    : [];
  if (openPeriods.length === 0) {
    // Nobody to own anything, or nothing open: nothing is mine.
    const { staleDays } = await loadSettings(deps.db);
    return { objectives: [], keyResults: [], waitingForCheckIn: [], staleDays };
  }
  const models = await Promise.all(
    openPeriods.map(async (p) => periodModelAt(deps, p.id, await readVersionOfPeriod(deps, p.id))),
  );
  const first = models[0] as PeriodModel;
  const person = first.people.find((p) => p.id === actor.personId);
  const membership: Membership = {
    personId: actor.personId,
    teamIds: person?.teamId ? [person.teamId] : [],
    roleTitle: person?.title?.trim() || null,
  };
  const settings = first.settings;
  const visibility = visibilityClassOf(actor);

  const objectives: MyObjective[] = [];
  const keyResults: KeyResult[] = [];
  const dueCandidates: KeyResult[] = [];
  for (const model of models) {
    const basis = await cachedReadAt(
      deps,
      model.version,
      `my-okrs:${model.period.id}:${visibility}`,
      async () => basisOf(deps, model, actor),
      (b) => 200 + (b.objectives.length + b.keyResults.length) * 50 + b.rollUps.size * 600,
    );
    const mine = new Set<Id>();
    for (const o of basis.objectives) {
      if (!isOwnedBy(o.owner, membership)) continue;
      mine.add(o.id);
      const rollUp = basis.rollUps.get(o.id);
      if (rollUp) objectives.push({ ...o, rollUp });
    }
    for (const kr of basis.keyResults) {
      if (isOwnedBy(kr.owner, membership)) {
        keyResults.push(kr);
        dueCandidates.push(kr);
      } else if (kr.owner === null && mine.has(kr.objectiveId)) {
        // Ownerless key results under my objectives are mine to check in on too.
        dueCandidates.push(kr);
      }
    }
  }

  const periodsById = new Map(openPeriods.map((p) => [p.id, p]));
  const order = byPeriodAndPosition(periodsById);
  const now = deps.now().getTime();
  const dueBefore = new Date(now - CHECK_IN_DUE_DAYS * DAY_MS).toISOString();
  // Never checked in, a key result waits once its period has begun (`silentSince`): next
  // quarter's plan waits for nobody yet.
  const waiting = dueCandidates
    .filter((kr) => !FINAL.has(kr.status ?? ""))
    .filter((kr) =>
      kr.lastCheckInAt === null
        ? silentSince(null, periodsById.get(kr.periodId)?.start ?? "") <= now
        : kr.lastCheckInAt < dueBefore,
    )
    .sort(order);
  return {
    objectives: objectives.sort(order),
    keyResults: keyResults.sort(order).map((kr) => presentKeyResult(actor, kr)),
    waitingForCheckIn: waiting.map((kr) => presentKeyResult(actor, kr)),
    staleDays: settings.staleDays,
  };
}
