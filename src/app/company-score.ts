/**
 * The company score alone, without trees or explanations: what progress-over-time needs once
 * per week. Follows the roll-up rules of core `buildTree`/`rollUpObjective` exactly (weights,
 * cap, archived/cancelled/weight-0 left out, no progress counts 0, aligned objectives counted
 * only with `includeChildObjectives`, objectives under a key result never); a test holds the
 * two to the same answer.
 */
import { progressForRollUp } from "../core/roll-up.js";
import type { Id, KeyResult, Objective, Settings } from "../core/types.js";

interface Term {
  weight: number;
  progress: number | null;
  archived: boolean;
  status: string | null;
}

function weightedScore(terms: readonly Term[], cap: number): number | null {
  let total = 0;
  let sum = 0;
  for (const t of terms) {
    if (t.archived || t.status === "cancelled" || !(t.weight > 0)) continue;
    const raw = t.progress === null || !Number.isFinite(t.progress) ? 0 : Math.max(0, t.progress);
    total += t.weight;
    sum += t.weight * Math.min(raw, cap);
  }
  return total === 0 ? null : sum / total;
}

/** The company score of a period's items: the roll-up of its top-level objectives. */
export function computeCompanyScore(
  objectives: readonly Objective[],
  keyResults: readonly KeyResult[],
  settings: Pick<Settings, "rollUp">,
): number | null {
  const { cap, includeChildObjectives } = settings.rollUp;
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const terms = new Map<Id, Term[]>();
  const krIds = new Set<Id>();
  for (const kr of keyResults) {
    if (!byId.has(kr.objectiveId)) continue;
    krIds.add(kr.id);
    const list = terms.get(kr.objectiveId) ?? [];
    list.push({
      weight: kr.weight,
      progress: progressForRollUp(kr),
      archived: kr.archived,
      status: kr.status,
    });
    terms.set(kr.objectiveId, list);
  }
  const childrenOf = new Map<Id, Objective[]>();
  const roots: Objective[] = [];
  for (const o of objectives) {
    const underKr = o.parentKeyResultId !== null && krIds.has(o.parentKeyResultId);
    if (underKr) continue;
    if (
      o.parentObjectiveId !== null &&
      o.parentObjectiveId !== o.id &&
      byId.has(o.parentObjectiveId)
    ) {
      const list = childrenOf.get(o.parentObjectiveId) ?? [];
      list.push(o);
      childrenOf.set(o.parentObjectiveId, list);
    } else {
      roots.push(o);
    }
  }

  const scores = new Map<Id, number | null>();
  // Post-order without recursion; `seen` cuts loops in stored data.
  const scoreOf = (root: Objective): number | null => {
    const stack: { o: Objective; exit: boolean }[] = [{ o: root, exit: false }];
    const seen = new Set<Id>();
    while (stack.length > 0) {
      const { o, exit } = stack.pop() as { o: Objective; exit: boolean };
      if (exit) {
        const own = terms.get(o.id) ?? [];
        const children = includeChildObjectives
          ? (childrenOf.get(o.id) ?? []).map((c) => ({
              weight: c.weight,
              progress: scores.get(c.id) ?? null,
              archived: c.archived,
              status: c.status,
            }))
          : [];
        scores.set(o.id, weightedScore([...own, ...children], cap));
        continue;
      }
      if (seen.has(o.id) || scores.has(o.id)) continue;
      seen.add(o.id);
      stack.push({ o, exit: true });
      if (includeChildObjectives)
        for (const c of childrenOf.get(o.id) ?? []) stack.push({ o: c, exit: false });
    }
    return scores.get(root.id) ?? null;
  };

  return weightedScore(
    roots.map((o) => ({
      weight: o.weight,
      progress: scoreOf(o),
      archived: o.archived,
      status: o.status,
    })),
    cap,
  );
}
