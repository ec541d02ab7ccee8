/**
 * A key result's history read from its period's model (decisions/0029) instead of the
 * database: the model holds every check-in of the period at its read version, so after one
 * query of the period's counters the history, and whether the reader may see it, come from
 * memory, byte for byte what `listCheckIns` reads from the tables. When the model cannot say
 * (the key result is not in it, or an ancestor lies outside the period) the caller reads the
 * tables as before.
 */
import type { Id, OkrItem } from "../core/types.js";
import type { Db } from "../store/db.js";
import { findPeriodIdOfKeyResult } from "../store/item-periods.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import { itemsOfModel, periodModelAt } from "./period-model.js";
import { isInsider } from "./permissions.js";
import { readVersionOfPeriod } from "./read-cache.js";
import {
  isConfidentialChain,
  parentIdOf,
  presentCheckIn,
  type VisibleCheckIn,
} from "./visibility.js";

/** Periods of key results seen lately (per database handle), so a read goes straight to the period's counters. */
const periodsByDb = new WeakMap<Db, Map<Id, Id>>();
const MAX_REMEMBERED = 100_000;

function periodsOf(db: Db): Map<Id, Id> {
  let periods = periodsByDb.get(db);
  if (!periods) {
    periods = new Map();
    periodsByDb.set(db, periods);
  }
  return periods;
}

/**
 * The item's ancestors in the model, nearest first; undefined when the chain leaves the
 * period (an objective aligned under another period's key result) or loops.
 */
function ancestorsIn(items: Map<Id, OkrItem>, item: OkrItem): OkrItem[] | undefined {
  const ancestors: OkrItem[] = [];
  const seen = new Set<Id>([item.id]);
  for (let parentId = parentIdOf(item); parentId; ) {
    const parent = items.get(parentId);
    if (!parent || seen.has(parentId)) return undefined;
    seen.add(parentId);
    ancestors.push(parent);
    parentId = parentIdOf(parent);
  }
  return ancestors;
}

/** Remembers where a key result is; forgets everything once too many are remembered. */
function remember(periods: Map<Id, Id>, keyResultId: Id, periodId: Id): void {
  if (periods.size >= MAX_REMEMBERED) periods.clear();
  periods.set(keyResultId, periodId);
}

/**
 * The history of key result `id` as `listCheckIns` answers it (oldest first, numbers hidden
 * from those who may not see the target), from its period's model; undefined when the model
 * cannot tell and the tables must be read (including when the key result is hidden or gone,
 * so that refusal is worded in one place).
 */
export async function historyFromModel(
  deps: AppDeps,
  actor: Actor,
  id: Id,
): Promise<VisibleCheckIn[] | undefined> {
  const periods = periodsOf(deps.db);
  const periodId = periods.get(id) ?? (await findPeriodIdOfKeyResult(deps.db, id));
  if (!periodId) return undefined;
  const model = await periodModelAt(deps, periodId, await readVersionOfPeriod(deps, periodId));
  const items = itemsOfModel(model);
  const item = items.get(id);
  if (item?.type !== "key_result") {
    periods.delete(id);
    return undefined;
  }
  remember(periods, id, periodId);
  const ancestors = ancestorsIn(items, item);
  if (!ancestors) return undefined;
  if (!isInsider(actor) && isConfidentialChain(item, ancestors)) return undefined;
  return (model.history.get(id) ?? []).map((c) => presentCheckIn(actor, item, c));
}
