/** Reads a period's cascade and flattens the server's nodes into one node shape for the UI. */
import type {
  KeyResultNodeAnswer,
  ObjectiveNodeAnswer,
  PeriodTreeAnswer,
} from "../../../src/contract/answers.js";
import { api } from "./client";
import type { PeriodTree, TreeNode } from "./types";

// The answer was parsed for this call alone: its items become the nodes in place, without a
// copy of each (thousands of items at a time).
function fromObjective(node: ObjectiveNodeAnswer): TreeNode {
  const children: TreeNode[] = [];
  for (const kr of node.keyResults) children.push(fromKeyResult(kr));
  for (const child of node.children) children.push(fromObjective(child));
  return Object.assign(node.objective, { rollUp: node.rollUp, children });
}

function fromKeyResult(node: KeyResultNodeAnswer): TreeNode {
  return Object.assign(node.keyResult, { children: node.children.map(fromObjective) });
}

/**
 * The tree of a period: `{period, score, nodes}`, every node with `children`; with
 * `includeArchived`, archived items too (each says `archived`), in their places.
 */
export async function fetchPeriodTree(
  periodId: string,
  options: { includeArchived?: boolean } = {},
): Promise<PeriodTree> {
  const query = options.includeArchived ? "?includeArchived=true" : "";
  const answer = await api.get<PeriodTreeAnswer>(`/periods/${periodId}/tree${query}`);
  return { period: answer.period, score: answer.score, nodes: answer.roots.map(fromObjective) };
}
