/** The cascade flattened for the virtual list: filters, search, expand and collapse. */

import { type OwnerDirectory, ownerDirectory } from "../../src/core/owners.js";
import type { Health, KeyResult, Person, Status, Team, TreeNode } from "./api/types";
import { plainTextOf } from "./components/inline-markdown";

export interface TreeFilters {
  search: string;
  owner: string;
  team: string;
  status: Status | "";
  health: Health | "";
}

export const NO_FILTERS: TreeFilters = { search: "", owner: "", team: "", status: "", health: "" };

export interface FlatRow {
  node: TreeNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  parentId: string | null;
}

export function isKeyResult(node: TreeNode): node is KeyResult & { children: TreeNode[] } {
  return node.type === "key_result";
}

/** The score a row shows: an objective's roll-up, a key result's progress. */
export function scoreOf(node: TreeNode): number | null {
  if (isKeyResult(node)) return node.progress;
  return node.rollUp?.score ?? null;
}

export function isFiltering(filters: TreeFilters): boolean {
  return Object.values(filters).some((value) => value !== "");
}

/**
 * Names of the teams an owner stands for — the team itself, a person's team, the teams of the
 * people holding a role title — and their parents, by the one owner model (core owners.ts).
 */
function teamsOfOwner(
  node: TreeNode,
  directory: OwnerDirectory,
  teams: Map<string, Team>,
): string[] {
  return directory
    .teamsWithParents(node.owner)
    .map((id) => teams.get(id)?.name)
    .filter((name): name is string => name !== undefined);
}

function matches(
  node: TreeNode,
  filters: TreeFilters,
  directory: OwnerDirectory,
  teams: Map<string, Team>,
  ownerPersonId: string | undefined,
): boolean {
  // An owner is the name itself or, for a person, every line that resolves to them (a role
  // title they hold).
  if (
    filters.owner &&
    node.owner?.name !== filters.owner &&
    !(ownerPersonId !== undefined && directory.ownedByPerson(node.owner, ownerPersonId))
  )
    return false;
  if (filters.status && node.status !== filters.status) return false;
  if (filters.health && (!isKeyResult(node) || node.health !== filters.health)) return false;
  if (filters.team && !teamsOfOwner(node, directory, teams).includes(filters.team)) return false;
  if (filters.search) {
    const needle = filters.search.toLowerCase();
    const haystack =
      `${plainTextOf(node.title)} ${node.owner?.name ?? ""} ${node.outcome ?? ""}`.toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

/**
 * The visible rows in order. Without filters, collapsed nodes hide their children. With
 * filters, a node shows when it or a descendant matches, and the path to a match is open.
 */
export function flattenTree(
  nodes: TreeNode[],
  collapsed: ReadonlySet<string>,
  filters: TreeFilters,
  people: Person[] = [],
  teams: Team[] = [],
): FlatRow[] {
  const rows: FlatRow[] = [];
  const filtering = isFiltering(filters);
  const directory = ownerDirectory(people, teams);
  const teamsById = new Map(teams.map((t) => [t.id, t]));
  const ownerPersonId = filters.owner
    ? people.find((p) => p.name === filters.owner)?.id
    : undefined;
  const keep = new Map<string, boolean>();
  function mark(node: TreeNode): boolean {
    let any = matches(node, filters, directory, teamsById, ownerPersonId);
    for (const child of node.children) if (mark(child)) any = true;
    keep.set(node.id, any);
    return any;
  }
  if (filtering) for (const node of nodes) mark(node);
  function walk(list: TreeNode[], depth: number, parentId: string | null): void {
    for (const node of list) {
      if (filtering && !keep.get(node.id)) continue;
      const children = filtering ? node.children.filter((c) => keep.get(c.id)) : node.children;
      const expanded = filtering || !collapsed.has(node.id);
      rows.push({ node, depth, hasChildren: children.length > 0, expanded, parentId });
      if (expanded && children.length > 0) walk(children, depth + 1, node.id);
    }
  }
  walk(nodes, 0, null);
  return rows;
}

/** Every owner named in the tree, sorted, for the owner filter. */
export function ownersIn(nodes: TreeNode[]): string[] {
  const names = new Set<string>();
  const visit = (list: TreeNode[]) => {
    for (const node of list) {
      if (node.owner) names.add(node.owner.name);
      visit(node.children);
    }
  };
  visit(nodes);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Ids of every node with children, for "collapse all". */
export function parentIdsIn(nodes: TreeNode[]): string[] {
  const ids: string[] = [];
  const visit = (list: TreeNode[]) => {
    for (const node of list) {
      if (node.children.length > 0) ids.push(node.id);
      visit(node.children);
    }
  };
  visit(nodes);
  return ids;
}

export function countNodes(nodes: TreeNode[]): { objectives: number; keyResults: number } {
  let objectives = 0;
  let keyResults = 0;
  const visit = (list: TreeNode[]) => {
    for (const node of list) {
      if (isKeyResult(node)) keyResults++;
      else objectives++;
      visit(node.children);
    }
  };
  visit(nodes);
  return { objectives, keyResults };
}

/**
 * A test of one node against the filters, by the same rules as the tree's (the owner model for
 * owner and team): the alignment map dims the cards that fail it.
 */
export function nodeMatcher(
  filters: TreeFilters,
  people: Person[] = [],
  teams: Team[] = [],
): (node: TreeNode) => boolean {
  const directory = ownerDirectory(people, teams);
  const teamsById = new Map(teams.map((t) => [t.id, t]));
  const ownerPersonId = filters.owner
    ? people.find((p) => p.name === filters.owner)?.id
    : undefined;
  return (node) => matches(node, filters, directory, teamsById, ownerPersonId);
}
