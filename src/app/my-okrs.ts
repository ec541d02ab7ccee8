/**
 * "My OKRs": what my person, my teams or my role title own in open periods, each objective with
 * its roll-up, and the key results waiting for my check-in. "Mine" is decided by `isOwnedBy`,
 * the same rule that lets owners edit and check in.
 */
import { buildTree, forEachObjectiveNode } from "../core/tree.js";
import type { Id, KeyResult, Objective, OkrItem, Period, RollUp } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listPeriods } from "../store/periods.repository.js";
import { loadMembership } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { isInsider, isOwnedBy } from "./permissions.js";
import { loadSettings } from "./settings.js";
import {
  findConfidentialIds,
  hideTextInPlace,
  presentKeyResult,
  type VisibleKeyResult,
  type VisibleObjective,
} from "./visibility.js";

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

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPeriodAndPosition(periods: Map<Id, Period>) {
  return (a: OkrItem, b: OkrItem) =>
    compareText(periods.get(a.periodId)?.start ?? "", periods.get(b.periodId)?.start ?? "") ||
    a.position - b.position;
}

/** What the actor owns in periods still open, and what waits for their check-in. */
export async function getMyOkrs(deps: AppDeps, actor: Actor): Promise<MyOkrs> {
  const membership = await loadMembership(deps.db, actor);
  if (!membership.personId && membership.teamIds.length === 0 && !membership.roleTitle) {
    const { staleDays } = await loadSettings(deps.db);
    return { objectives: [], keyResults: [], waitingForCheckIn: [], staleDays };
  }
  const openPeriods = new Map(
    (await listPeriods(deps.db)).filter((p) => p.closedAt === null).map((p) => [p.id, p]),
  );
  const settings = await loadSettings(deps.db);

  const objectives: MyObjective[] = [];
  const keyResults: KeyResult[] = [];
  const dueCandidates: KeyResult[] = [];
  for (const period of openPeriods.values()) {
    const items = await listPeriodItems(deps.db, period.id);
    // Read for this answer alone: roll-ups below name key results by their hidden titles.
    hideTextInPlace(actor, items.keyResults);
    const hidden = isInsider(actor)
      ? new Set<Id>()
      : findConfidentialIds([...items.objectives, ...items.keyResults]);
    const keep = (item: OkrItem) => !item.archived && !hidden.has(item.id);
    const periodObjectives = items.objectives.filter(keep);
    const periodKeyResults = items.keyResults.filter(keep);

    const mine = new Map<Id, Objective>();
    for (const o of periodObjectives) if (isOwnedBy(o.owner, membership)) mine.set(o.id, o);
    if (mine.size > 0) {
      // The same roll-up the period tree shows, over what the actor may see.
      const rollUps = new Map<Id, RollUp>();
      forEachObjectiveNode(buildTree(periodObjectives, periodKeyResults, settings), (node) => {
        if (mine.has(node.objective.id)) rollUps.set(node.objective.id, node.rollUp);
      });
      for (const o of mine.values()) {
        const rollUp = rollUps.get(o.id);
        if (rollUp) objectives.push({ ...o, rollUp });
      }
    }
    for (const kr of periodKeyResults) {
      if (isOwnedBy(kr.owner, membership)) {
        keyResults.push(kr);
        dueCandidates.push(kr);
      } else if (kr.owner === null && mine.has(kr.objectiveId)) {
        // Ownerless key results under my objectives are mine to check in on too.
        dueCandidates.push(kr);
      }
    }
  }

  const order = byPeriodAndPosition(openPeriods);
  const dueBefore = new Date(deps.now().getTime() - CHECK_IN_DUE_DAYS * DAY_MS).toISOString();
  const waiting = dueCandidates
    .filter((kr) => !FINAL.has(kr.status ?? ""))
    .filter((kr) => kr.lastCheckInAt === null || kr.lastCheckInAt < dueBefore)
    .sort(order);
  return {
    objectives: objectives.sort(order),
    keyResults: keyResults.sort(order).map((kr) => presentKeyResult(actor, kr)),
    waitingForCheckIn: waiting.map((kr) => presentKeyResult(actor, kr)),
    staleDays: settings.staleDays,
  };
}
