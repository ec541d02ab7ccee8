/**
 * A period's tree as the JSON bytes the API sends, kept per period, reader class and archived
 * choice with the model it came from, and brought forward along the path to the root: when
 * the model moved only by check-ins (`changedSince`), each changed key result the reader sees
 * is presented again in its node, its objective and their ancestors are rolled up again from
 * their key results and their children's scores, and only those nodes are encoded again;
 * every other node keeps its bytes, and the answer is every node's bytes joined in one copy.
 * The answer is exactly `JSON.stringify(periodTreeOf(…))` (`period-model.property.test.ts`
 * compares them after random check-ins).
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
  /** The node's answer: its own bytes, with each objective under it in its place. */
  parts: Part[];
}

type Part = Buffer | Placed;

interface KeptTree {
  model: PeriodModel;
  /** Archived items shown too: the company score is still the one without them. */
  includeArchived: boolean;
  tree: PeriodTree;
  objectives: Map<Id, Placed>;
  /** Each key result in the tree: its node and the objective it sits under. */
  keyResults: Map<Id, { node: TreeKeyResultNode; under: Placed }>;
  /** The answer, joined from every node's bytes. */
  bytes: Buffer;
}

const keptByDb = new WeakMap<object, Map<string, KeptTree>>();

/** Periods × reader classes × archived choices kept per process: a busy quarter or two. */
const MAX_KEPT = 8;

const json = JSON.stringify;
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]}");
const OBJECTIVE_CHILDREN = Buffer.from('],"children":[');

/** The objectives under a node, in their places, comma between (a missing one as `join` writes it: nothing). */
function pushObjectives(
  parts: Part[],
  nodes: readonly TreeObjectiveNode[],
  objectives: Map<Id, Placed>,
) {
  for (let i = 0; i < nodes.length; i++) {
    if (i > 0) parts.push(COMMA);
    const placed = objectives.get((nodes[i] as TreeObjectiveNode).objective.id);
    if (placed) parts.push(placed);
  }
}

/** One objective node's own bytes, its objectives in their places: `JSON.stringify`'s, key for key. */
function encodeObjective(placed: Placed, objectives: Map<Id, Placed>): void {
  const { node } = placed;
  const parts: Part[] = [
    Buffer.from(
      `{"type":"objective","objective":${json(node.objective)},"rollUp":${json(node.rollUp)},` +
        `"depth":${json(node.depth)},"keyResults":[`,
    ),
  ];
  for (let i = 0; i < node.keyResults.length; i++) {
    const kr = node.keyResults[i] as TreeKeyResultNode;
    parts.push(
      Buffer.from(
        `${i > 0 ? "," : ""}{"type":"key_result","keyResult":${json(kr.keyResult)},"children":[`,
      ),
    );
    pushObjectives(parts, kr.children, objectives);
    parts.push(CLOSE);
  }
  parts.push(OBJECTIVE_CHILDREN);
  pushObjectives(parts, node.children, objectives);
  parts.push(CLOSE);
  placed.parts = parts;
}

/** Every node's bytes in order, into `out`. */
function collect(parts: readonly Part[], out: Buffer[]): void {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) out.push(part);
    else collect(part.parts, out);
  }
}

/**
 * The tree's answer (`JSON.stringify` of it, as bytes), joined from every node's own bytes in
 * one copy. Made from one text instead, V8 would read the text's thousands of joined pieces
 * one character at a time: milliseconds for a quarter of a thousand items.
 */
function treeBytes(tree: PeriodTree, objectives: Map<Id, Placed>): Buffer {
  const parts: Part[] = [
    Buffer.from(`{"period":${json(tree.period)},"score":${json(tree.score)},"roots":[`),
  ];
  pushObjectives(parts, tree.roots, objectives);
  parts.push(Buffer.from(`],"count":${json(tree.count)}}`));
  const out: Buffer[] = [];
  collect(parts, out);
  return Buffer.concat(out);
}

/** The tree computed whole, its nodes placed, then each encoded. */
function keepWhole(model: PeriodModel, actor: Actor, includeArchived: boolean): KeptTree {
  const tree = periodTreeOf(model, actor, { includeArchived });
  const objectives = new Map<Id, Placed>();
  const keyResults = new Map<Id, { node: TreeKeyResultNode; under: Placed }>();
  const order: Placed[] = [];
  const stack: Placed[] = tree.roots.map((node) => ({ node, parent: null, parts: [] }));
  while (stack.length > 0) {
    const placed = stack.pop() as Placed;
    objectives.set(placed.node.objective.id, placed);
    order.push(placed);
    for (const child of placed.node.children)
      stack.push({ node: child, parent: placed, parts: [] });
    for (const krNode of placed.node.keyResults) {
      keyResults.set(krNode.keyResult.id, { node: krNode, under: placed });
      for (const child of krNode.children) stack.push({ node: child, parent: placed, parts: [] });
    }
  }
  // Once every node is placed: each refers to the objectives under it.
  for (const placed of order) encodeObjective(placed, objectives);
  return {
    model,
    includeArchived,
    tree,
    objectives,
    keyResults,
    bytes: treeBytes(tree, objectives),
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
  // Only these nodes' own bytes change: the objectives under them keep theirs.
  for (const placed of dirty) encodeObjective(placed, kept.objectives);
  if (dirty.size > 0) {
    const company = kept.includeArchived
      ? companyScoreOf(model, actor)
      : rollUpCompany(kept.tree.roots as unknown as ObjectiveNode[], settings);
    kept.tree.score = { score: company.score, capped: company.capped };
    kept.bytes = treeBytes(kept.tree, kept.objectives);
  }
  kept.model = model;
  return true;
}

/**
 * The period's tree as JSON bytes at read version `version` (read by the caller), as `actor`
 * may see it: brought forward from the kept one along the changed paths, or computed whole.
 */
export async function periodTreeBytes(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  includeArchived: boolean,
  version: string,
): Promise<Buffer> {
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
    return tree.bytes;
  }
  const whole = keepWhole(model, actor, includeArchived);
  keepNewest(kept, key, whole, MAX_KEPT);
  return whole.bytes;
}

/** `periodTreeBytes` as text. */
export async function periodTreeText(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  includeArchived: boolean,
  version: string,
): Promise<string> {
  return (await periodTreeBytes(deps, actor, periodId, includeArchived, version)).toString("utf8");
}
