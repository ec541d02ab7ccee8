/**
 * A period's items rolled up as one reader class sees them (the dashboard's scores, My OKRs'
 * roll-ups), kept per process with the model they came from and brought forward along the
 * paths of the key results check-ins changed: only the objectives on those paths are rolled up
 * again. The scores are those `buildTree` gives over the same items
 * (`period-model.property.test.ts` compares the dashboards and My OKRs).
 */
import { keepNewest } from "../core/collections.js";
import {
  buildTree,
  indexTree,
  type ObjectiveNode,
  rollUpAgain,
  type TreeIndex,
} from "../core/tree.js";
import type { Id, KeyResult } from "../core/types.js";
import type { Actor, AppDeps } from "./deps.js";
import { changedSince, type PeriodModel } from "./period-model.js";
import { visibilityClassOf } from "./read-cache.js";
import type { VisiblePeriodItems } from "./tree.js";

interface KeptRollUp {
  model: PeriodModel;
  roots: ObjectiveNode[];
  index: TreeIndex;
}

const keptByDb = new WeakMap<object, Map<string, KeptRollUp>>();

/** Periods × reader classes kept per process: a few busy quarters. */
const MAX_KEPT = 16;

/**
 * The tree of `items`, `actor`'s view of `model` (`visibleItemsOf`), rolled up: brought forward
 * from the one kept for the period and the actor's class where check-ins allow. Read it at once:
 * a later call brings the same nodes forward (each node's `rollUp` is replaced, never changed).
 */
export function visibleRolledUpTree(
  deps: Pick<AppDeps, "db">,
  model: PeriodModel,
  actor: Actor,
  items: VisiblePeriodItems,
): ObjectiveNode[] {
  let kept = keptByDb.get(deps.db);
  if (!kept) {
    kept = new Map();
    keptByDb.set(deps.db, kept);
  }
  const key = `${model.period.id}:${visibilityClassOf(actor)}`;
  const tree = rolledUpTree(model, items, kept.get(key));
  keepNewest(kept, key, tree, MAX_KEPT);
  return tree.roots;
}

/** The tree of `items` (the reader's view of `model`), from `kept` where check-ins allow. */
function rolledUpTree(
  model: PeriodModel,
  items: VisiblePeriodItems,
  kept: KeptRollUp | undefined,
): KeptRollUp {
  if (kept && bringForward(kept, model, items)) return kept;
  const roots = buildTree(items.objectives, items.keyResults, model.settings);
  return { model, roots, index: indexTree(roots) };
}

function bringForward(kept: KeptRollUp, model: PeriodModel, items: VisiblePeriodItems): boolean {
  if (kept.model.settings !== model.settings) return false;
  const changed = changedSince(kept.model, model);
  if (!changed) return false;
  const fresh = new Map<Id, KeyResult>();
  for (const kr of items.keyResults) if (changed.has(kr.id)) fresh.set(kr.id, kr);
  const dirty = new Set<ObjectiveNode>();
  for (const id of changed.keys()) {
    const place = kept.index.keyResults.get(id);
    const keyResult = fresh.get(id);
    // Not in the reader's view (confidential, archived) before or after: nothing shows it.
    if (!place && !keyResult) continue;
    if (!place || !keyResult) return false;
    place.node.keyResult = keyResult;
    for (let n: ObjectiveNode | null | undefined = place.under; n && !dirty.has(n); ) {
      dirty.add(n);
      n = kept.index.parents.get(n);
    }
  }
  rollUpAgain(
    dirty,
    model.settings,
    (node) => node.keyResults.map((k) => k.keyResult),
    (node, rollUp) => {
      node.rollUp = rollUp;
    },
  );
  kept.model = model;
  return true;
}
