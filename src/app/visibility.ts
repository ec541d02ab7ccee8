/**
 * What a reader may see. Confidential objectives, and everything under them (their key
 * results, objectives aligned beneath them, recursively), are invisible to non-insiders. A key
 * result with a confidential target shows its progress but not its numbers: `start`, `target`,
 * `current` and check-in values become null and `hidden` is true. Admins are always insiders.
 * Every read use case passes its result through here.
 */
import { progressForRollUp } from "../core/roll-up.js";
import type { AuditEvent, CheckIn, Id, KeyResult, Objective, OkrItem } from "../core/types.js";
import { formatOutcome } from "../markdown/outcome.js";
import { outcomeNow } from "../markdown/source-export/outcome-update.js";
import type { Actor } from "./deps.js";
import { hideNumbers } from "./export-public.js";
import { isInsider } from "./permissions.js";

/** What readers see in place of a confidential number. */
export const HIDDEN_PLACEHOLDER = "confidential";

export type VisibleObjective = Objective;
export type VisibleKeyResult = KeyResult & {
  /** True when the numbers were withheld from this reader. */
  hidden: boolean;
  /** Text to show in place of the numbers, when hidden. */
  placeholder: string | null;
};
export type VisibleItem = VisibleObjective | VisibleKeyResult;
export type VisibleCheckIn = CheckIn & { hidden: boolean };

/** The id of the item an item hangs under (objective or key result), or null at top level. */
export function parentIdOf(item: OkrItem): Id | null {
  if (item.type === "key_result") return item.objectiveId;
  return item.parentKeyResultId ?? item.parentObjectiveId ?? null;
}

/**
 * Ids of items a non-insider may not see among `items` (one period's items): confidential
 * objectives and all their descendants. Items whose parent is missing from `items` are judged
 * on their own chain only.
 */
export function findConfidentialIds(items: Iterable<OkrItem>): Set<Id> {
  const byId = new Map<Id, OkrItem>();
  for (const item of items) byId.set(item.id, item);
  const verdict = new Map<Id, boolean>();
  const hidden = new Set<Id>();
  for (const item of byId.values()) {
    // Walk up until an answer is known, then write it down the path (no recursion: deep trees).
    const path: Id[] = [];
    const seen = new Set<Id>();
    let current: OkrItem | undefined = item;
    let answer = false;
    while (current) {
      const known = verdict.get(current.id);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (seen.has(current.id)) break; // a cycle in stored data: stop, judge what we saw
      seen.add(current.id);
      path.push(current.id);
      if (current.type === "objective" && current.confidential) {
        answer = true;
        break;
      }
      const parentId = parentIdOf(current);
      current = parentId ? byId.get(parentId) : undefined;
    }
    // Everything on the path below a confidential ancestor is hidden; if the path ended
    // without one, nothing on it is.
    for (const id of path) verdict.set(id, answer);
    if (answer) for (const id of path) hidden.add(id);
  }
  return hidden;
}

/** One of a parent's objectives, as a non-insider's view of their places needs it. */
export interface SiblingRow {
  id: Id;
  position: number;
  /** Whether a non-insider may not see it. */
  hidden: boolean;
}

/**
 * A non-insider's places among `siblings` (the objectives sharing one parent): each visible
 * one's place among those they see, ordered by (position, id), where it differs from its stored
 * position. With none hidden, nothing differs: the stored places stand, gaps and all.
 */
export function placesAmongSeen(siblings: readonly SiblingRow[]): Map<Id, number> {
  const shown = new Map<Id, number>();
  if (!siblings.some((s) => s.hidden)) return shown;
  const ordered = [...siblings].sort(
    (a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let place = 0;
  for (const sibling of ordered) {
    if (sibling.hidden) continue;
    if (sibling.position !== place) shown.set(sibling.id, place);
    place++;
  }
  return shown;
}

/**
 * The positions a non-insider reads of a period's objectives (`objectives`: all of them), where
 * they differ from the stored ones: each objective's place among the siblings they may see
 * (`placesAmongSeen`), so an objective in `hidden` leaves no gap beside it that gives it away.
 */
export function shownPositions(
  objectives: Iterable<Objective>,
  hidden: ReadonlySet<Id>,
): Map<Id, number> {
  const groups = new Map<Id | null, SiblingRow[]>();
  for (const objective of objectives) {
    const parentId = parentIdOf(objective);
    const row = {
      id: objective.id,
      position: objective.position,
      hidden: hidden.has(objective.id),
    };
    const group = groups.get(parentId);
    if (group) group.push(row);
    else groups.set(parentId, [row]);
  }
  const shown = new Map<Id, number>();
  for (const group of groups.values()) {
    for (const [id, place] of placesAmongSeen(group)) shown.set(id, place);
  }
  return shown;
}

/**
 * An objective as `actor` reads it among `siblings` (the places of those sharing its parent,
 * itself among them or not): to a non-insider its siblings are hidden when confidential, and its
 * place is the one `placesAmongSeen` gives it, as in the tree.
 */
export function presentObjectivePlace(
  actor: Actor,
  objective: Objective,
  siblings: readonly { id: Id; position: number; confidential: boolean }[],
): Objective {
  if (isInsider(actor)) return objective;
  const rows: SiblingRow[] = [
    { id: objective.id, position: objective.position, hidden: false },
    ...siblings
      .filter((s) => s.id !== objective.id)
      .map((s) => ({ id: s.id, position: s.position, hidden: s.confidential })),
  ];
  const position = placesAmongSeen(rows).get(objective.id);
  return position === undefined ? objective : { ...objective, position };
}

/**
 * Where a place among the siblings `actor` sees puts an item among all of `others` (its
 * siblings in position order, itself left out): before the seen sibling now at that place, or
 * after the last one seen.
 */
export function storedIndexOf(actor: Actor, others: readonly OkrItem[], index: number): number {
  if (isInsider(actor)) return index;
  const seen = others.filter((o) => !(o.type === "objective" && o.confidential));
  if (seen.length === others.length) return index;
  const next = seen[index];
  if (next) return others.indexOf(next);
  const lastSeen = seen[seen.length - 1];
  return lastSeen ? others.indexOf(lastSeen) + 1 : 0;
}

/** Whether an item, given its ancestors (nearest first), is hidden from a non-insider. */
export function isConfidentialChain(item: OkrItem, ancestors: readonly OkrItem[]): boolean {
  return [item, ...ancestors].some((it) => it.type === "objective" && it.confidential);
}

/**
 * The title and outcome of a key result with a confidential target, as non-insiders read
 * them: numbers that spell its start, target or current value become a placeholder, and the
 * written outcome gives way to the progress (as the public export writes it).
 */
export function hiddenTextOf(kr: {
  title: string;
  outcome: string | null;
  start: number | null;
  target: number | null;
  current: number | null;
  progress: number | null;
  status: KeyResult["status"];
}): { title: string; outcome: string | null } {
  return {
    title: hideNumbers(kr.title, [kr.start, kr.target, kr.current], "N0"),
    outcome: kr.outcome === null ? null : formatOutcome(kr.progress, kr.status),
  };
}

/**
 * Hides, in place, the text of the key results whose targets `actor` may not see (items
 * loaded for this reader alone): search, dashboard and tree then read only what they may show.
 */
export function hideTextInPlace(actor: Actor, keyResults: readonly KeyResult[]): void {
  if (isInsider(actor)) return;
  for (const kr of keyResults) {
    if (!kr.targetConfidential) continue;
    const text = hiddenTextOf(kr);
    kr.title = text.title;
    kr.outcome = text.outcome;
  }
}

/**
 * The outcome a key result shows: its written words while they give its progress, else those
 * words saying the progress it has now (a check-in moves the progress, not the words); the
 * rule every export writes by too (`outcomeNow`).
 */
function outcomeShown(kr: KeyResult): string | null {
  if (kr.outcome === null) return null;
  return outcomeNow(kr.outcome, kr.progress, kr.status, kr.title, kr.current);
}

/**
 * A key result as `actor` may see it. Its `progress` is the one its objective counts
 * (`progressForRollUp`: done with no number is 1, missed 0), so every face that shows it shows
 * the score the roll-up counts (decisions/0064).
 */
export function presentKeyResult(actor: Actor, kr: KeyResult): VisibleKeyResult {
  if (!kr.targetConfidential || isInsider(actor)) return shownKeyResult(kr);
  return {
    ...kr,
    ...hiddenTextOf(kr),
    start: null,
    target: null,
    current: null,
    progress: progressForRollUp(kr),
    hidden: true,
    placeholder: HIDDEN_PLACEHOLDER,
  };
}

/**
 * {@link presentKeyResult} without the copy, for a caller that owns `kr` and reads it no more
 * unpresented (a period's tree: thousands of key results, one copy each is measurable).
 */
export function presentKeyResultInPlace(actor: Actor, kr: KeyResult): VisibleKeyResult {
  const visible = kr as VisibleKeyResult;
  // Read before anything of `kr` changes: the progress counted from its own figures.
  const progress = progressForRollUp(kr);
  if (!kr.targetConfidential || isInsider(actor)) {
    visible.outcome = outcomeShown(kr);
    visible.progress = progress;
    visible.hidden = false;
    visible.placeholder = null;
    return visible;
  }
  const text = hiddenTextOf(kr);
  visible.title = text.title;
  visible.outcome = text.outcome;
  visible.start = null;
  visible.target = null;
  visible.current = null;
  visible.progress = progress;
  visible.hidden = true;
  visible.placeholder = HIDDEN_PLACEHOLDER;
  return visible;
}

/** An item as `actor` may see it (objectives pass unchanged; visibility of the whole item is decided by the caller). */
export function presentItem(actor: Actor, item: OkrItem): VisibleItem {
  return item.type === "key_result" ? presentKeyResult(actor, item) : item;
}

/**
 * A key result shown whole, every field written out: on Node 20 a spread copy with fields
 * added takes microseconds (V8 builds a new shape for each field it adds; decisions/0049),
 * and every answer with key results makes these.
 */
function shownKeyResult(kr: KeyResult): VisibleKeyResult {
  return {
    type: kr.type,
    id: kr.id,
    periodId: kr.periodId,
    title: kr.title,
    owner: kr.owner,
    weight: kr.weight,
    status: kr.status,
    outcome: outcomeShown(kr),
    position: kr.position,
    archived: kr.archived,
    carriedFromId: kr.carriedFromId,
    carriedToId: kr.carriedToId,
    links: kr.links,
    version: kr.version,
    createdAt: kr.createdAt,
    updatedAt: kr.updatedAt,
    objectiveId: kr.objectiveId,
    kind: kr.kind,
    unit: kr.unit,
    start: kr.start,
    target: kr.target,
    direction: kr.direction,
    targetConfidential: kr.targetConfidential,
    current: kr.current,
    progress: progressForRollUp(kr),
    health: kr.health,
    confidence: kr.confidence,
    lastCheckInAt: kr.lastCheckInAt,
    hidden: false,
    placeholder: null,
  };
}

/** A check-in as `actor` may see it: the value is withheld when the key result's target is. */
export function presentCheckIn(actor: Actor, kr: KeyResult, checkIn: CheckIn): VisibleCheckIn {
  const hidden = kr.targetConfidential && !isInsider(actor);
  // Written out, not spread (see `shownKeyResult`).
  return {
    id: checkIn.id,
    keyResultId: checkIn.keyResultId,
    value: hidden ? null : checkIn.value,
    progress: checkIn.progress,
    health: checkIn.health,
    confidence: checkIn.confidence,
    note: checkIn.note,
    authorId: checkIn.authorId,
    authorName: checkIn.authorName,
    createdAt: checkIn.createdAt,
    hidden,
  };
}

const NUMBER_FIELDS = ["start", "target", "current", "value"] as const;

const numberOrNull = (value: unknown): number | null => (typeof value === "number" ? value : null);

function redactSnapshot(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== "object") return snapshot;
  const copy: Record<string, unknown> = { ...(snapshot as Record<string, unknown>) };
  if (typeof copy.title === "string") {
    const text = hiddenTextOf({
      title: copy.title,
      outcome: typeof copy.outcome === "string" ? copy.outcome : null,
      start: numberOrNull(copy.start),
      target: numberOrNull(copy.target),
      current: numberOrNull(copy.current),
      progress: numberOrNull(copy.progress),
      status: (copy.status ?? null) as KeyResult["status"],
    });
    copy.title = text.title;
    if ("outcome" in copy) copy.outcome = text.outcome;
  }
  for (const field of NUMBER_FIELDS) if (field in copy) copy[field] = null;
  copy.hidden = true;
  return copy;
}

/**
 * An audit event as `actor` may see it, or undefined when its entity is invisible.
 * `confidential`: the entity is (or hangs under) a confidential objective;
 * `targetConfidential`: the entity is, or belongs to, a key result with a confidential target.
 */
export function presentAuditEvent(
  actor: Actor,
  event: AuditEvent,
  flags: { confidential: boolean; targetConfidential: boolean },
): AuditEvent | undefined {
  if (isInsider(actor)) return event;
  if (flags.confidential) return undefined;
  if (!flags.targetConfidential) return event;
  return { ...event, before: redactSnapshot(event.before), after: redactSnapshot(event.after) };
}
