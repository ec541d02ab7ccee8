/** Reads a period's cascade and flattens the server's nodes into one node shape for the UI. */
import type { KeyResultNode, ObjectiveNode } from "../../../src/core/tree.js";
import { api } from "./client";
import type { Period, PeriodTree, RollUp, TreeNode } from "./types";

interface TreeAnswer {
  period: Period;
  score?: RollUp;
  roots: ObjectiveNode[];
}

function fromObjective(node: ObjectiveNode): TreeNode {
  return {
    ...node.objective,
    rollUp: node.rollUp,
    children: [...node.keyResults.map(fromKeyResult), ...node.children.map(fromObjective)],
  };
}

function fromKeyResult(node: KeyResultNode): TreeNode {
  return { ...node.keyResult, children: node.children.map(fromObjective) };
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
