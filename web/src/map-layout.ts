/**
 * The alignment map's layout: each objective a card (its key results inside), the objectives
 * aligned under it (directly or under one of its key results) placed beneath it. Two shapes: a
 * tree (parents centred over their children) on wide screens, a single indented column at phone
 * width. Plain data in and out: the canvas draws what this returns.
 */
import type { KeyResult, Objective, TreeNode } from "./api/types";

export type ObjectiveNode = Extract<TreeNode, { type: "objective" }>;
export type KeyResultNode = KeyResult & { children: TreeNode[] };

export interface MapCard {
  node: ObjectiveNode;
  keyResults: KeyResultNode[];
  x: number;
  y: number;
  w: number;
  h: number;
  depth: number;
  parentId: string | null;
  /** The key result of the parent this objective is aligned under, if any. */
  viaKeyResultId: string | null;
  /** Objectives aligned directly beneath (hidden when collapsed). */
  alignedCount: number;
  collapsed: boolean;
  /** Place in reading order (depth first): the order Tab follows. */
  order: number;
}

export interface MapEdge {
  id: string;
  path: string;
  viaKeyResult: boolean;
  /** Bounding box, for culling. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface MapLayout {
  cards: MapCard[];
  edges: MapEdge[];
  width: number;
  height: number;
}

/** Card geometry in map units (CSS pixels at zoom 1); the stylesheet draws to the same sizes. */
export const CARD = { width: 264, head: 76, row: 26, padding: 10, gapX: 28, gapY: 64 } as const;
const COLUMN = { indent: 14, maxIndent: 5, gap: 14 } as const;

export function cardHeight(keyResults: number): number {
  return CARD.head + keyResults * CARD.row + CARD.padding;
}

function isObjective(node: TreeNode): node is ObjectiveNode {
  return node.type === "objective";
}

function keyResultsOf(node: ObjectiveNode): KeyResultNode[] {
  return node.children.filter((c): c is KeyResultNode => c.type === "key_result");
}

/** The objectives aligned beneath a card, with the key result each hangs under. */
function alignedOf(node: ObjectiveNode): { child: ObjectiveNode; via: string | null }[] {
  const out: { child: ObjectiveNode; via: string | null }[] = [];
  for (const child of node.children) {
    if (isObjective(child)) out.push({ child, via: null });
    else
      for (const grand of child.children)
        if (isObjective(grand)) out.push({ child: grand, via: child.id });
  }
  return out;
}

/** Every objective with aligned objectives beneath, for "collapse all". */
export function branchIdsIn(nodes: TreeNode[]): string[] {
  const ids: string[] = [];
  const visit = (node: ObjectiveNode) => {
    const aligned = alignedOf(node);
    if (aligned.length > 0) ids.push(node.id);
    for (const { child } of aligned) visit(child);
  };
  for (const node of nodes) if (isObjective(node)) visit(node);
  return ids;
}

/**
 * Lays the map out. `mode: "tree"` places each card's aligned objectives side by side beneath
 * it; `"column"` stacks every card in reading order, indented by depth, `columnWidth` wide.
 */
export function layoutMap(
  nodes: TreeNode[],
  collapsed: ReadonlySet<string>,
  mode: "tree" | "column",
  columnWidth = 360,
): MapLayout {
  const cards: MapCard[] = [];
  const byId = new Map<string, MapCard>();
  let cursor = 0;
  let order = 0;

  function make(
    node: ObjectiveNode,
    depth: number,
    parentId: string | null,
    via: string | null,
  ): MapCard {
    const keyResults = keyResultsOf(node);
    const aligned = alignedOf(node);
    const indent = Math.min(depth, COLUMN.maxIndent) * COLUMN.indent;
    const card: MapCard = {
      node,
      keyResults,
      x: mode === "column" ? indent : 0,
      y: 0,
      w: mode === "column" ? Math.max(200, columnWidth - indent) : CARD.width,
      h: cardHeight(keyResults.length),
      depth,
      parentId,
      viaKeyResultId: via,
      alignedCount: aligned.length,
      collapsed: collapsed.has(node.id),
      order: order++,
    };
    cards.push(card);
    byId.set(node.id, card);
    return card;
  }

  // Tree: leaves take the next free slot left to right; a parent sits over its children's span.
  function placeTree(
    node: ObjectiveNode,
    depth: number,
    y: number,
    parent: MapCard | null,
    via: string | null,
  ): MapCard {
    const card = make(node, depth, parent?.node.id ?? null, via);
    card.y = y;
    const aligned = card.collapsed ? [] : alignedOf(node);
    if (aligned.length === 0) {
      card.x = cursor;
      cursor += CARD.width + CARD.gapX;
      return card;
    }
    const childY = y + card.h + CARD.gapY;
    const placed = aligned.map(({ child, via: k }) => placeTree(child, depth + 1, childY, card, k));
    const first = placed[0] as MapCard;
    const last = placed[placed.length - 1] as MapCard;
    card.x = (first.x + last.x) / 2;
    return card;
  }

  function placeColumn(
    node: ObjectiveNode,
    depth: number,
    parent: MapCard | null,
    via: string | null,
  ): void {
    const card = make(node, depth, parent?.node.id ?? null, via);
    card.y = cursor;
    cursor += card.h + COLUMN.gap;
    if (card.collapsed) return;
    for (const { child, via: k } of alignedOf(node)) placeColumn(child, depth + 1, card, k);
  }

  for (const node of nodes) {
    if (!isObjective(node)) continue;
    if (mode === "tree") placeTree(node, 0, 0, null, null);
    else placeColumn(node, 0, null, null);
  }

  const edges: MapEdge[] = [];
  let width = 0;
  let height = 0;
  for (const card of cards) {
    width = Math.max(width, card.x + card.w);
    height = Math.max(height, card.y + card.h);
    const parent = card.parentId ? byId.get(card.parentId) : undefined;
    if (!parent) continue;
    edges.push(edgeBetween(parent, card, mode));
  }
  return { cards, edges, width, height };
}

function edgeBetween(parent: MapCard, child: MapCard, mode: "tree" | "column"): MapEdge {
  const rowIndex = child.viaKeyResultId
    ? parent.keyResults.findIndex((kr) => kr.id === child.viaKeyResultId)
    : -1;
  if (mode === "column") {
    // An elbow down the left margin, from the parent (or its key result's row) to the child.
    const x1 = parent.x + 6;
    const y1 =
      rowIndex >= 0 ? parent.y + CARD.head + (rowIndex + 0.5) * CARD.row : parent.y + parent.h;
    const x2 = child.x;
    const y2 = child.y + 24;
    return {
      id: `${parent.node.id}>${child.node.id}`,
      path: `M${x1},${y1} V${y2} H${x2}`,
      viaKeyResult: rowIndex >= 0,
      left: Math.min(x1, x2),
      top: y1,
      right: Math.max(x1, x2),
      bottom: y2,
    };
  }
  const x1 = parent.x + parent.w / 2;
  const y1 = parent.y + parent.h;
  const x2 = child.x + child.w / 2;
  const y2 = child.y;
  const mid = (y1 + y2) / 2;
  return {
    id: `${parent.node.id}>${child.node.id}`,
    path: `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`,
    viaKeyResult: rowIndex >= 0,
    left: Math.min(x1, x2),
    top: y1,
    right: Math.max(x1, x2),
    bottom: y2,
  };
}

/** The objective a card's node was aligned under, and its place there, as the move API takes it. */
export interface Placement {
  parentObjectiveId: string | null;
  parentKeyResultId: string | null;
  position: number;
}

/** Where an objective sits now: its parent and its index among the objectives sharing it. */
export function placementOf(nodes: TreeNode[], objective: Objective): Placement {
  const parentObjectiveId = objective.parentObjectiveId;
  const parentKeyResultId = objective.parentKeyResultId;
  let siblings: TreeNode[] = nodes;
  const parentId = parentKeyResultId ?? parentObjectiveId;
  if (parentId) {
    const parent = findNode(nodes, parentId);
    siblings = parent ? parent.children : [];
  }
  const objectives = siblings.filter(isObjective);
  const position = Math.max(
    0,
    objectives.findIndex((o) => o.id === objective.id),
  );
  return { parentObjectiveId, parentKeyResultId, position };
}

export function findNode(nodes: TreeNode[], id: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}
