/** "My OKRs": what my person or my teams own in open periods, and the key results waiting for my check-in. */
import type { Id, KeyResult, Objective, OkrItem, Period } from "../core/types.js";
import {
  listKeyResultsByObjective,
  listKeyResultsByOwner,
} from "../store/key-results.repository.js";
import { listObjectivesByOwner } from "../store/objectives.repository.js";
import { listPeriods } from "../store/periods.repository.js";
import { findAncestors, loadMembership } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { isInsider } from "./permissions.js";
import {
  isConfidentialChain,
  presentKeyResult,
  type VisibleKeyResult,
  type VisibleObjective,
} from "./visibility.js";

/** A key result waits for a check-in when it has had none for this many days. */
export const CHECK_IN_DUE_DAYS = 7;
const DAY_MS = 86_400_000;
const FINAL = new Set(["done", "cancelled", "carried_over", "missed"]);

export interface MyOkrs {
  objectives: VisibleObjective[];
  keyResults: VisibleKeyResult[];
  /** Key results I own (or that hang, ownerless, under my objectives) with no check-in in the last 7 days. */
  waitingForCheckIn: VisibleKeyResult[];
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
  const ownerIds = [membership.personId, ...membership.teamIds].filter(
    (id): id is Id => id !== null,
  );
  if (ownerIds.length === 0) return { objectives: [], keyResults: [], waitingForCheckIn: [] };
  const openPeriods = new Map(
    (await listPeriods(deps.db)).filter((p) => p.closedAt === null).map((p) => [p.id, p]),
  );
  const live = (item: OkrItem) => openPeriods.has(item.periodId) && !item.archived;

  const objectives = new Map<Id, Objective>();
  const keyResults = new Map<Id, KeyResult>();
  for (const ownerId of ownerIds) {
    for (const o of await listObjectivesByOwner(deps.db, ownerId))
      if (live(o)) objectives.set(o.id, o);
    for (const kr of await listKeyResultsByOwner(deps.db, ownerId))
      if (live(kr)) keyResults.set(kr.id, kr);
  }
  // Ownerless key results under my objectives are mine to check in on too.
  const dueCandidates = new Map(keyResults);
  for (const o of objectives.values()) {
    for (const kr of await listKeyResultsByObjective(deps.db, o.id)) {
      if (kr.owner === null && live(kr)) dueCandidates.set(kr.id, kr);
    }
  }

  const visible = async (item: OkrItem) =>
    isInsider(actor) || !isConfidentialChain(item, await findAncestors(deps.db, item));
  const order = byPeriodAndPosition(openPeriods);
  const dueBefore = new Date(deps.now().getTime() - CHECK_IN_DUE_DAYS * DAY_MS).toISOString();

  const outObjectives: VisibleObjective[] = [];
  for (const o of [...objectives.values()].sort(order)) if (await visible(o)) outObjectives.push(o);
  const outKeyResults: VisibleKeyResult[] = [];
  for (const kr of [...keyResults.values()].sort(order)) {
    if (await visible(kr)) outKeyResults.push(presentKeyResult(actor, kr));
  }
  const waiting: VisibleKeyResult[] = [];
  for (const kr of [...dueCandidates.values()].sort(order)) {
    if (FINAL.has(kr.status ?? "")) continue;
    if (kr.lastCheckInAt !== null && kr.lastCheckInAt >= dueBefore) continue;
    if (await visible(kr)) waiting.push(presentKeyResult(actor, kr));
  }
  return { objectives: outObjectives, keyResults: outKeyResults, waitingForCheckIn: waiting };
}
