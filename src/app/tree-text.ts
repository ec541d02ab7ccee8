/**
 * A period's tree as the JSON text the API sends, kept per period, reader class and archived
 * choice with the model it came from, and brought forward along the path to the root: when
 * the model moved only by check-ins (`changedSince`), each changed key result the reader sees
 * is presented again in its node, its objective and their ancestors are rolled up again from
 * their key results and their children's scores, and only those nodes are encoded again;
 * every other node keeps its text. The text is exactly `JSON.stringify(periodTreeOf(…))`
 * (`period-model.property.test.ts` compares them after random check-ins).
 */
import { keepNewest } from "../core/collections.js";
import { type ObjectiveNode, rollUpAgain } from "../core/tree.js";
import type { Id, KeyResult } from "../core/types.js";
import { hideCarriedInPlace, NONE_HIDDEN } from "./carried-links.js";
import { rollUpCompany } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { changedSince, type PeriodModel } from "./period-model.js";
import { isInsider } from "./permissions.js";
import { visibilityClassOf } from "./read-cache.js";
import {
  companyScoreOf,
  modelOf,
  type PeriodTree,
  periodTreeOf,
  type TreeKeyResultNode,
  type TreeObjectiveNode,
} from "./tree.js";
import { hideTextInPlace, presentKeyResultInPlace } from "./visibility.js";

interface Placed {
  node: TreeObjectiveNode;
  parent: Placed | null;
  text: string;
}

interface KeptTree {
  model: PeriodModel;
  /** Archived items shown too: the company score is still the one without them. */
  includeArchived: boolean;
  tree: PeriodTree;
  objectives: Map<Id, Placed>;
  /** Each key result in the tree: its node and the objective it sits under. */
  keyResults: Map<Id, { node: TreeKeyResultNode; under: Placed }>;
  text: string;
}

const keptByDb = new WeakMap<object, Map<string, KeptTree>>();

/** Periods × reader classes × archived choices kept per process: a busy quarter or two. */
const MAX_KEPT = 8;

const json = JSON.stringify;

/**
 * Texts joined with commas by `+`, which V8 keeps as a rope (no copy), where `join` would copy
 * every child's text into its parent's at every level: the text is copied once, when it is sent.
 */
function commaJoined<T>(items: readonly T[], textOf: (item: T) => string | undefined): string {
  let text = "";
  for (let i = 0; i < items.length; i++) {
    // As `join` writes a missing text: nothing.
    const part = textOf(items[i] as T) ?? "";
    text = i === 0 ? part : `${text},${part}`;
  }
  return text;
}

function keyResultText(node: TreeKeyResultNode, objectives: Map<Id, Placed>): string {
  const children = commaJoined(node.children, (c) => objectives.get(c.objective.id)?.text);
  return `{"type":"key_result","keyResult":${json(node.keyResult)},"children":[${children}]}`;
}

/** One objective node's text from its children's texts: `JSON.stringify`'s, key for key. */
function objectiveText(node: TreeObjectiveNode, objectives: Map<Id, Placed>): string {
  const krs = commaJoined(node.keyResults, (kr) => keyResultText(kr, objectives));
  const children = commaJoined(node.children, (c) => objectives.get(c.objective.id)?.text);
  return (
    `{"type":"objective","objective":${json(node.objective)},"rollUp":${json(node.rollUp)},` +
    `"depth":${json(node.depth)},"keyResults":[${krs}],"children":[${children}]}`
  );
}

function treeText(tree: PeriodTree, objectives: Map<Id, Placed>): string {
  const roots = commaJoined(tree.roots, (r) => objectives.get(r.objective.id)?.text);
  return `{"period":${json(tree.period)},"score":${json(tree.score)},"roots":[${roots}],"count":${json(tree.count)}}`;
}

/** The tree computed whole, its nodes placed and encoded children first. */
function keepWhole(model: PeriodModel, actor: Actor, includeArchived: boolean): KeptTree {
  const tree = periodTreeOf(model, actor, { includeArchived });
  const objectives = new Map<Id, Placed>();
  const keyResults = new Map<Id, { node: TreeKeyResultNode; under: Placed }>();
  const order: Placed[] = [];
  const stack: Placed[] = tree.roots.map((node) => ({ node, parent: null, text: "" }));
  while (stack.length > 0) {
    const placed = stack.pop() as Placed;
    objectives.set(placed.node.objective.id, placed);
    order.push(placed);
    for (const child of placed.node.children) stack.push({ node: child, parent: placed, text: "" });
    for (const krNode of placed.node.keyResults) {
      keyResults.set(krNode.keyResult.id, { node: krNode, under: placed });
      for (const child of krNode.children) stack.push({ node: child, parent: placed, text: "" });
    }
  }
  // Parents were placed before their children: encode from the end.
  for (let i = order.length - 1; i >= 0; i--) {
    const placed = order[i] as Placed;
    placed.text = objectiveText(placed.node, objectives);
  }
  return {
    model,
    includeArchived,
    tree,
    objectives,
    keyResults,
    text: treeText(tree, objectives),
  };
}

/** `kept` brought to `model` along the changed key results' paths; false when it cannot be. */
function bringForward(kept: KeptTree, model: PeriodModel, actor: Actor): boolean {
  const changed = changedSince(kept.model, model);
  if (!changed) return false;
  const byId = new Map<Id, KeyResult>();
  for (const kr of model.keyResults) byId.set(kr.id, kr);
  const hiddenCarried = isInsider(actor) ? NONE_HIDDEN : model.hiddenCarried;
  /** As the roll-up saw them in `periodTreeOf`: text and hidden links hidden, numbers not yet withheld. */
  const forRollUp = (id: Id): KeyResult => {
    const copy = { ...(byId.get(id) as KeyResult) };
    hideTextInPlace(actor, [copy]);
    hideCarriedInPlace(copy, hiddenCarried);
    return copy;
  };
  const dirty = new Set<Placed>();
  for (const id of changed.keys()) {
    const found = kept.keyResults.get(id);
    // Not in this reader's tree (confidential, or archived and not asked for): nothing shows it.
    if (!found) continue;
    found.node.keyResult = presentKeyResultInPlace(actor, forRollUp(id));
    for (let p: Placed | null = found.under; p && !dirty.has(p); p = p.parent) dirty.add(p);
  }
  const { settings } = model;
  rollUpAgain(
    [...dirty].map((placed) => placed.node),
    settings,
    (node) => node.keyResults.map((kr) => forRollUp(kr.keyResult.id)),
    (node, rollUp) => {
      node.rollUp = { score: rollUp.score, capped: rollUp.capped };
    },
  );
  // Deepest first, so each objective's text is made from its children's new texts.
  const path = [...dirty].sort((a, b) => b.node.depth - a.node.depth);
  for (const placed of path) placed.text = objectiveText(placed.node, kept.objectives);
  if (path.length > 0) {
    const company = kept.includeArchived
      ? companyScoreOf(model, actor)
      : rollUpCompany(kept.tree.roots as unknown as ObjectiveNode[], settings);
    kept.tree.score = { score: company.score, capped: company.capped };
    kept.text = treeText(kept.tree, kept.objectives);
  }
  kept.model = model;
  return true;
}

/**
 * The period's tree as JSON text at read version `version` (read by the caller), as `actor`
 * may see it: brought forward from the kept one along the changed paths, or computed whole.
 */
export async function periodTreeText(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  includeArchived: boolean,
  version: string,
): Promise<string> {
  const model = await modelOf(deps, periodId, version);
  let kept = keptByDb.get(deps.db);
  if (!kept) {
    kept = new Map();
    keptByDb.set(deps.db, kept);
  }
  const key = `${periodId}:${visibilityClassOf(actor)}:${includeArchived ? "all" : "live"}`;
  const tree = kept.get(key);
  kept.delete(key);
  if (tree && bringForward(tree, model, actor)) {
    kept.set(key, tree);
    return tree.text;
  }
  const whole = keepWhole(model, actor, includeArchived);
  keepNewest(kept, key, whole, MAX_KEPT);
  return whole.text;
}
