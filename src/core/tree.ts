/**
 * The cascade as a tree: objective ▸ its key results ▸ objectives aligned under each key
 * result; objectives aligned directly under an objective are its `children`. Every objective
 * carries its roll-up, computed bottom-up. Linear in the number of items (maps, one pass each
 * way, no recursion), so 50,000 items build in milliseconds and a deep chain cannot overflow
 * the stack.
 */
import { type RolledUpChild, rollUpObjectiveWithChildren } from "./roll-up.js";
import type { Id, KeyResult, Objective, RollUp, Settings } from "./types.js";

export interface KeyResultNode {
  type: "key_result";
  keyResult: KeyResult;
  /** Objectives aligned under this key result, in `position` order. */
  children: ObjectiveNode[];
}

export interface ObjectiveNode {
  type: "objective";
  objective: Objective;
  rollUp: RollUp;
  /** 0 for top-level objectives. */
  depth: number;
  keyResults: KeyResultNode[];
  /** Objectives aligned directly under this objective, in `position` order. */
  children: ObjectiveNode[];
}

const EMPTY_ROLL_UP: RollUp = { score: null, contributions: [], capped: false, explanation: "" };

function byPosition<T extends { position: number }>(items: T[]): T[] {
  // Array.prototype.sort is stable: equal positions keep their input order.
  return items.sort((a, b) => a.position - b.position);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the tree of `objectives` and `keyResults` and rolls every objective up.
 * An objective whose parent is not among the items (another period, filtered out) becomes a
 * top-level node; so does one caught in a cycle of stored data, rather than vanishing.
 */
export function buildTree(
  objectives: readonly Objective[],
  keyResults: readonly KeyResult[],
  settings: Pick<Settings, "rollUp">,
): ObjectiveNode[] {
  const nodes = new Map<Id, ObjectiveNode>();
  for (const objective of objectives) {
    nodes.set(objective.id, {
      type: "objective",
      objective,
      rollUp: EMPTY_ROLL_UP,
      depth: 0,
      keyResults: [],
      children: [],
    });
  }

  // Key results go straight into their objective's node (in input order, then sorted);
  // objectives are visited in the order their first key result appears.
  const withKeyResults: ObjectiveNode[] = [];
  for (const kr of keyResults) {
    const node = nodes.get(kr.objectiveId);
    if (!node) continue;
    if (node.keyResults.length === 0) withKeyResults.push(node);
    node.keyResults.push({ type: "key_result", keyResult: kr, children: [] });
  }
  const krNodes = new Map<Id, KeyResultNode>();
  for (const node of withKeyResults) {
    // Stable: equal positions keep their input order.
    node.keyResults.sort((a, b) => a.keyResult.position - b.keyResult.position);
    for (const krNode of node.keyResults) krNodes.set(krNode.keyResult.id, krNode);
  }

  const underObjective = new Map<Id, Objective[]>();
  const underKeyResult = new Map<Id, Objective[]>();
  /** Which list each objective was put in, so a cycle can be cut. */
  const parentList = new Map<Id, ObjectiveNode[]>();
  const roots: Objective[] = [];
  for (const objective of objectives) {
    const { parentKeyResultId: krId, parentObjectiveId: objId } = objective;
    if (krId !== null && krNodes.has(krId)) push(underKeyResult, krId, objective);
    else if (objId !== null && objId !== objective.id && nodes.has(objId))
      push(underObjective, objId, objective);
    else roots.push(objective);
  }
  for (const [krId, list] of underKeyResult) {
    const krNode = krNodes.get(krId);
    if (!krNode) continue;
    for (const o of byPosition(list)) {
      const child = nodes.get(o.id);
      if (child) {
        krNode.children.push(child);
        parentList.set(o.id, krNode.children);
      }
    }
  }
  for (const [objId, list] of underObjective) {
    const parent = nodes.get(objId);
    if (!parent) continue;
    for (const o of byPosition(list)) {
      const child = nodes.get(o.id);
      if (child) {
        parent.children.push(child);
        parentList.set(o.id, parent.children);
      }
    }
  }

  const rootNodes: ObjectiveNode[] = [];
  for (const o of byPosition(roots)) {
    const node = nodes.get(o.id);
    if (node) rootNodes.push(node);
  }

  // Depth-first with an explicit stack: record the post-order so children roll up first.
  // Children are pushed last to first (those under key results, then direct ones) so they
  // are visited first to last; an entry marked `exit` is popped after all its descendants.
  const visited = new Set<Id>();
  const postOrder: ObjectiveNode[] = [];
  const stack: ObjectiveNode[] = [];
  const exits: boolean[] = [];
  const enter = (child: ObjectiveNode, depth: number): void => {
    if (visited.has(child.objective.id)) return;
    visited.add(child.objective.id);
    child.depth = depth;
    stack.push(child);
    exits.push(false);
  };
  const walk = (root: ObjectiveNode): void => {
    stack.push(root);
    exits.push(false);
    visited.add(root.objective.id);
    while (stack.length > 0) {
      const node = stack.pop() as ObjectiveNode;
      if (exits.pop()) {
        postOrder.push(node);
        continue;
      }
      stack.push(node);
      exits.push(true);
      const depth = node.depth + 1;
      const krs = node.keyResults;
      for (let k = krs.length - 1; k >= 0; k--) {
        const under = (krs[k] as KeyResultNode).children;
        for (let i = under.length - 1; i >= 0; i--) enter(under[i] as ObjectiveNode, depth);
      }
      const direct = node.children;
      for (let i = direct.length - 1; i >= 0; i--) enter(direct[i] as ObjectiveNode, depth);
    }
  };
  for (const root of rootNodes) walk(root);

  // Objectives only reachable through a cycle: cut each loose and show it at the top.
  if (visited.size < nodes.size) {
    for (const objective of objectives) {
      if (visited.has(objective.id)) continue;
      const node = nodes.get(objective.id) as ObjectiveNode;
      const list = parentList.get(objective.id);
      if (list) list.splice(list.indexOf(node), 1);
      node.depth = 0;
      rootNodes.push(node);
      walk(node);
    }
  }

  for (const node of postOrder) node.rollUp = rollUpNode(node, keyResultsOfNode(node), settings);
  return rootNodes;
}

/** An objective node as its roll-up reads it (the tree's, and the API's presented tree's). */
export interface RollUpNodeShape {
  objective: Objective;
  depth: number;
  keyResults: readonly { keyResult: KeyResult; children: readonly RolledUpChild[] }[];
  children: readonly RolledUpChild[];
}

function keyResultsOfNode(node: RollUpNodeShape): KeyResult[] {
  const krs = node.keyResults;
  const out: KeyResult[] = new Array(krs.length);
  for (let k = 0; k < krs.length; k++) out[k] = (krs[k] as KeyResultNode).keyResult;
  return out;
}

/**
 * One node's roll-up from `keyResults` (its key results as the roll-up sees them) and its
 * children's scores: objectives aligned under one of its key results count too, after those
 * aligned directly under it — except under an archived key result, which leaves the roll-up
 * with what hangs under it (as in a tree without archived items, where it is not there).
 */
export function rollUpNode(
  node: RollUpNodeShape,
  keyResults: readonly KeyResult[],
  settings: Pick<Settings, "rollUp">,
): RollUp {
  let children: readonly RolledUpChild[] = node.children;
  for (const krNode of node.keyResults) {
    if (krNode.children.length > 0 && !krNode.keyResult.archived)
      children = [...children, ...krNode.children];
  }
  return rollUpObjectiveWithChildren(node.objective, keyResults, children, settings);
}

/**
 * Rolls `nodes` up again, deepest first so each reads its children's new scores: after some
 * of their key results changed, the nodes on the paths from those key results to the top.
 * Every other node keeps its roll-up; the scores are those `buildTree` would give.
 */
export function rollUpAgain<N extends RollUpNodeShape>(
  nodes: Iterable<N>,
  settings: Pick<Settings, "rollUp">,
  keyResultsOf: (node: N) => readonly KeyResult[],
  store: (node: N, rollUp: RollUp) => void,
): void {
  const deepestFirst = [...nodes].sort((a, b) => b.depth - a.depth);
  for (const node of deepestFirst) store(node, rollUpNode(node, keyResultsOf(node), settings));
}

/** Where each key result sits in a built tree, and each objective node's parent. */
export interface TreeIndex {
  keyResults: Map<Id, { node: KeyResultNode; under: ObjectiveNode }>;
  parents: Map<ObjectiveNode, ObjectiveNode | null>;
}

export function indexTree(roots: readonly ObjectiveNode[]): TreeIndex {
  const keyResults: TreeIndex["keyResults"] = new Map();
  const parents: TreeIndex["parents"] = new Map();
  const stack: [ObjectiveNode, ObjectiveNode | null][] = roots.map((r) => [r, null]);
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [ObjectiveNode, ObjectiveNode | null];
    parents.set(node, parent);
    for (const child of node.children) stack.push([child, node]);
    for (const krNode of node.keyResults) {
      keyResults.set(krNode.keyResult.id, { node: krNode, under: node });
      for (const child of krNode.children) stack.push([child, node]);
    }
  }
  return { keyResults, parents };
}

/** Visits every objective node, parents before children, in tree order. */
export function forEachObjectiveNode(
  roots: readonly ObjectiveNode[],
  visit: (node: ObjectiveNode) => void,
): void {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as ObjectiveNode;
    visit(node);
    const children = [...node.children, ...node.keyResults.flatMap((kr) => kr.children)];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ObjectiveNode);
  }
}
