/** Reads a period's cascade and flattens the server's nodes into one node shape for the UI. */
import { api } from "./client";
import type { KeyResult, Objective, Period, PeriodTree, TreeNode, TreeRollUp } from "./types";

/** The answer of `GET /periods/{id}/tree`: each item once, objectives with their score. */
interface ObjectiveNode {
  objective: Objective;
  rollUp: TreeRollUp;
  keyResults: KeyResultNode[];
  children: ObjectiveNode[];
}

interface KeyResultNode {
  keyResult: KeyResult;
  children: ObjectiveNode[];
}

interface TreeAnswer {
  period: Period;
  score?: TreeRollUp;
  roots: ObjectiveNode[];
}

// The answer was parsed for this call alone: its items become the nodes in place, without a
// copy of each (thousands of items at a time).
function fromObjective(node: ObjectiveNode): TreeNode {
  const children: TreeNode[] = [];
  for (const kr of node.keyResults) children.push(fromKeyResult(kr));
  for (const child of node.children) children.push(fromObjective(child));
  return Object.assign(node.objective, { rollUp: node.rollUp, children });
}

function fromKeyResult(node: KeyResultNode): TreeNode {
  return Object.assign(node.keyResult, { children: node.children.map(fromObjective) });
}

/** The tree of a period: `{period, score, nodes}`, every node with `children`. */
export async function fetchPeriodTree(periodId: string): Promise<PeriodTree> {
  const answer = await api.get<TreeAnswer>(`/periods/${periodId}/tree`);
  return {
    period: answer.period,
    score: answer.score ?? null,
    nodes: (answer.roots ?? []).map(fromObjective),
  };
}
