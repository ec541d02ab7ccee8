/**
 * What writes to objectives and key results share: loading an item with the rules that guard
 * it (visible, period open, the actor may write it), cycle checks for moves, presenting version
 * conflicts through visibility, positions among siblings.
 */
import { isOkrError, OkrError } from "../core/errors.js";
import type { Id, KeyResult, Link, Objective, OkrItem, Period } from "../core/types.js";
import { assertNoCycle } from "../core/validate.js";
import type { Db } from "../store/db.js";
import {
  listChildObjectives,
  listObjectivesByPeriod,
  listSiblingPlaces,
} from "../store/objectives.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { shownCarried } from "./carried-links.js";
import {
  assertPeriodOpen,
  assertVisible,
  findAncestors,
  findItem,
  loadMembership,
  ownersOf,
} from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { assertCanWriteItem, canEdit, isInsider, type Membership } from "./permissions.js";
import type { LinkInput } from "./schemas.js";
import {
  parentIdOf,
  presentItem,
  presentKeyResult,
  presentObjectivePlace,
  type VisibleItem,
  type VisibleKeyResult,
} from "./visibility.js";

export interface WritableItem<T extends OkrItem> {
  item: T;
  period: Period;
  ancestors: OkrItem[];
}

/** An item about to be written, with its period and, when the caller has them, the items above it. */
export interface WriteTarget<T extends OkrItem> {
  item: T;
  period: Period;
  ancestors?: OkrItem[];
}

const NO_MEMBERSHIP: Membership = { personId: null, teamIds: [], roleTitle: null };

/** The actor's membership, for the write rules: editors may write anything, so none is loaded. */
export function membershipForWrite(db: Db, actor: Actor): Promise<Membership> {
  return canEdit(actor) ? Promise.resolve(NO_MEMBERSHIP) : loadMembership(db, actor);
}

/**
 * Refuses a write to `target` unless the actor may write it (editors and admins; viewers when
 * it is theirs, see `assertCanWriteItem`) and its period is open. What a viewer's ownership
 * needs (the items above, the actor's membership) is loaded only for viewers.
 */
export async function assertMayWrite(
  db: Db,
  actor: Actor,
  target: WriteTarget<OkrItem>,
  what: string,
): Promise<void> {
  const viewer = !canEdit(actor);
  const ancestors = viewer ? (target.ancestors ?? (await findAncestors(db, target.item))) : [];
  const membership = await membershipForWrite(db, actor);
  assertCanWriteItem(actor, ownersOf(target.item, ancestors), membership, what);
  assertPeriodOpen(target.period);
}

/** The item by id, as the actor may see it; `not_found` when missing or hidden. */
export async function getVisibleItem(db: Db, actor: Actor, id: Id): Promise<WritableItem<OkrItem>> {
  const item = await findItem(db, id);
  if (!item) throw new OkrError("not_found", `Item ${id} not found`);
  const ancestors = await assertVisible(db, actor, item);
  const period = await getPeriod(db, item.periodId);
  return { item, period, ancestors };
}

/**
 * Loads an item for a write: it must be visible to the actor, its period open, and the actor
 * an editor or one of its owners. `what` says what is being done, for the refusal.
 */
export async function loadForWrite(
  db: Db,
  actor: Actor,
  id: Id,
  what: string,
): Promise<WritableItem<OkrItem>> {
  const found = await getVisibleItem(db, actor, id);
  await assertMayWrite(db, actor, found, what);
  return found;
}

/** Narrows to an objective, or `not_found` saying what was expected. */
export function expectObjective(item: OkrItem): Extract<OkrItem, { type: "objective" }> {
  if (item.type !== "objective") throw new OkrError("not_found", `Objective ${item.id} not found`);
  return item;
}

/** Narrows to a key result, or `not_found` saying what was expected. */
export function expectKeyResult(item: OkrItem): Extract<OkrItem, { type: "key_result" }> {
  if (item.type !== "key_result")
    throw new OkrError("not_found", `Key result ${item.id} not found`);
  return item;
}

/**
 * Refuses when aligning `itemId` under `newParentId` would make it its own ancestor
 * (`tree_cycle`). Walks up from the new parent through the store, then lets core decide.
 */
export async function assertNoCycleInStore(
  db: Db,
  itemId: Id,
  newParentId: Id | null,
): Promise<void> {
  const parents = new Map<Id, Id | null>();
  let current = newParentId;
  while (current && !parents.has(current) && current !== itemId) {
    const item = await findItem(db, current);
    const parentId = item ? parentIdOf(item) : null;
    parents.set(current, parentId);
    current = parentId;
  }
  assertNoCycle(itemId, newParentId, (id) => parents.get(id));
}

/** The objectives sharing a parent (`ref`), in position order; both null: the period's top level. */
export async function listObjectiveSiblings(
  db: Db,
  periodId: Id,
  ref: { parentObjectiveId: Id | null; parentKeyResultId: Id | null },
): Promise<Objective[]> {
  if (ref.parentObjectiveId) return listChildObjectives(db, { objectiveId: ref.parentObjectiveId });
  if (ref.parentKeyResultId) return listChildObjectives(db, { keyResultId: ref.parentKeyResultId });
  const all = await listObjectivesByPeriod(db, periodId);
  return all.filter((o) => o.parentObjectiveId === null && o.parentKeyResultId === null);
}

/** An objective as `actor` reads it: its place among the siblings they see (visibility.ts). */
export async function presentObjective(
  db: Db,
  actor: Actor,
  objective: Objective,
): Promise<Objective> {
  if (isInsider(actor)) return objective;
  const placed = presentObjectivePlace(actor, objective, await listSiblingPlaces(db, objective));
  return shownCarried(db, actor, placed);
}

/**
 * A key result as `actor` reads it (`presentKeyResult`), its carry-over links naming nothing
 * the actor may not see: one read where it names another period's item (decisions/0066).
 */
export async function presentKeyResultFor(
  db: Db,
  actor: Actor,
  kr: KeyResult,
): Promise<VisibleKeyResult> {
  return presentKeyResult(actor, await shownCarried(db, actor, kr));
}

/**
 * Runs a versioned write; a `version_conflict` carries the item as it is now, passed through
 * visibility so a conflict never shows a hidden number, nor (read in `db`) an objective's
 * place that counts a hidden sibling.
 */
export async function withPresentedConflict<T>(
  actor: Actor,
  work: () => Promise<T>,
  db?: Db,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isOkrError(error) && error.code === "version_conflict" && !isInsider(actor)) {
      const details = error.details as { current?: OkrItem } | undefined;
      const current = details?.current;
      if (current && typeof current === "object" && "type" in current) {
        const shown = !db
          ? presentItem(actor, current)
          : current.type === "objective"
            ? await presentObjective(db, actor, current)
            : await presentKeyResultFor(db, actor, current);
        throw new OkrError(error.code, error.message, { current: shown });
      }
    }
    throw error;
  }
}

/** New links with fresh ids. */
export function newLinks(deps: AppDeps, links: readonly Required<LinkInput>[] | undefined): Link[] {
  return (links ?? []).map((link) => ({
    id: deps.newId(),
    kind: link.kind,
    text: link.text,
    url: link.url,
  }));
}

/**
 * Moves `id` to `index` among `siblings` (all in position order) and returns the new
 * position of each sibling whose position changes, the moved one included.
 */
export function positionsAfterMove(
  siblings: readonly { id: Id; position: number }[],
  id: Id,
  index: number,
): Map<Id, number> {
  const order = siblings.filter((s) => s.id !== id).map((s) => s.id);
  order.splice(Math.min(index, order.length), 0, id);
  const before = new Map(siblings.map((s) => [s.id, s.position]));
  const changes = new Map<Id, number>();
  order.forEach((siblingId, position) => {
    if (before.get(siblingId) !== position) changes.set(siblingId, position);
  });
  return changes;
}

export type { VisibleItem };
