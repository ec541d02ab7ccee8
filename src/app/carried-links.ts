/**
 * The carry-over links an item shows (`carriedFromId`, `carriedToId`) name an item of another
 * period, which may be confidential there, or lie under a confidential objective, or have become
 * so since. A reader who may not see it reads `null`, as for an item never carried
 * (decisions/0066): which of the ids named are hidden is read once per answer (a period's, or
 * an item's), never per item.
 */
import type { Id, OkrItem } from "../core/types.js";
import { listHiddenAmong } from "../store/confidential-walk.js";
import type { Db } from "../store/db.js";
import type { Actor } from "./deps.js";
import { isInsider } from "./permissions.js";

/** No id hidden: what insiders, and items that name nothing, need. */
export const NONE_HIDDEN: ReadonlySet<Id> = new Set<Id>();

/** The ids the carry-over links of `items` name. */
function namedIds(items: Iterable<OkrItem>): Set<Id> {
  const named = new Set<Id>();
  for (const item of items) {
    if (item.carriedFromId !== null) named.add(item.carriedFromId);
    if (item.carriedToId !== null) named.add(item.carriedToId);
  }
  return named;
}

/**
 * The ids named by the carry-over links of `items` that a non-insider may not see: one read
 * of the confidential walks above them, none when nothing is named.
 */
export async function hiddenCarriedIds(db: Db, items: Iterable<OkrItem>): Promise<ReadonlySet<Id>> {
  const named = namedIds(items);
  return named.size === 0 ? NONE_HIDDEN : listHiddenAmong(db, named);
}

/** {@link hiddenCarriedIds} for `actor`: insiders see every item, so none is hidden. */
export function hiddenCarriedIdsFor(
  db: Db,
  actor: Actor,
  items: Iterable<OkrItem>,
): Promise<ReadonlySet<Id>> {
  return isInsider(actor) ? Promise.resolve(NONE_HIDDEN) : hiddenCarriedIds(db, items);
}

/** Whether `item` names an id of `hidden` in its carry-over links. */
export function namesHidden(item: OkrItem, hidden: ReadonlySet<Id>): boolean {
  if (hidden.size === 0) return false;
  return (
    (item.carriedFromId !== null && hidden.has(item.carriedFromId)) ||
    (item.carriedToId !== null && hidden.has(item.carriedToId))
  );
}

/** `item` with the links that name an id of `hidden` read as `null` (a copy where one does). */
export function withCarriedShown<T extends OkrItem>(item: T, hidden: ReadonlySet<Id>): T {
  if (!namesHidden(item, hidden)) return item;
  const copy = { ...item };
  hideCarriedInPlace(copy, hidden);
  return copy;
}

/** {@link withCarriedShown} in place, for an item read for one answer alone. */
export function hideCarriedInPlace(item: OkrItem, hidden: ReadonlySet<Id>): void {
  if (hidden.size === 0) return;
  if (item.carriedFromId !== null && hidden.has(item.carriedFromId)) item.carriedFromId = null;
  if (item.carriedToId !== null && hidden.has(item.carriedToId)) item.carriedToId = null;
}

/** One item as `actor` may read its carry-over links: one read where it names any. */
export async function shownCarried<T extends OkrItem>(db: Db, actor: Actor, item: T): Promise<T> {
  if (isInsider(actor) || (item.carriedFromId === null && item.carriedToId === null)) return item;
  return withCarriedShown(item, await hiddenCarriedIds(db, [item]));
}
