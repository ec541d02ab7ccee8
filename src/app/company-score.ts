/**
 * The company score alone, without trees or explanations: what progress-over-time needs once
 * per week. Follows the roll-up rules of core `buildTree`/`rollUpObjective` exactly (weights,
 * cap on the weighted sum, archived/cancelled/weight-0 left out, no progress left out or 0 as
 * `unscored` says, aligned objectives — under the objective or one of its key results —
 * counted with `includeChildObjectives`, status of an objective with nothing scored); a test
 * holds the two to the same answer.
 */
import { progressForRollUp, progressOfStatus } from "../core/roll-up.js";
import type { Id, KeyResult, Objective, Settings } from "../core/types.js";

interface Term {
  weight: number;
  progress: number | null;
  archived: boolean;
  status: string | null;
}

function weightedScore(
  terms: readonly Term[],
  settings: Settings["rollUp"],
  own: number | null,
): number | null {
  let total = 0;
  let sum = 0;
  const zero = settings.unscored === "zero";
  for (const t of terms) {
    if (t.archived || t.status === "cancelled" || !(t.weight > 0)) continue;
    const known = t.progress !== null && Number.isFinite(t.progress);
    if (!known && !zero) continue;
    total += t.weight;
    sum += t.weight * (known ? Math.max(0, t.progress as number) : 0);
  }
  if (total === 0) return own === null ? null : Math.min(own, settings.cap);
  return Math.min(sum / total, settings.cap);
}

/** The company score of a period's items: the roll-up of its top-level objectives. */
export function computeCompanyScore(
  objectives: readonly Objective[],
  keyResults: readonly KeyResult[],
  settings: Pick<Settings, "rollUp">,
): number | null {
  const rollUp = settings.rollUp;
  const { includeChildObjectives } = rollUp;
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const terms = new Map<Id, Term[]>();
  /** Key result id -> its objective's id. */
  const krObjective = new Map<Id, Id>();
  for (const kr of keyResults) {
    if (!byId.has(kr.objectiveId)) continue;
    krObjective.set(kr.id, kr.objectiveId);
    const list = terms.get(kr.objectiveId) ?? [];
    list.push({
      weight: kr.weight,
      progress: progressForRollUp(kr),
      archived: kr.archived,
      status: kr.status,
    });
    terms.set(kr.objectiveId, list);
  }
  // Children directly under an objective come before those under its key results, as in the tree.
  const direct = new Map<Id, Objective[]>();
  const viaKeyResult = new Map<Id, Objective[]>();
  const roots: Objective[] = [];
  for (const o of objectives) {
    const krParent =
      o.parentKeyResultId !== null ? krObjective.get(o.parentKeyResultId) : undefined;
    const into =
      krParent !== undefined
        ? { map: viaKeyResult, key: krParent }
        : o.parentObjectiveId !== null &&
            o.parentObjectiveId !== o.id &&
            byId.has(o.parentObjectiveId)
          ? { map: direct, key: o.parentObjectiveId }
          : undefined;
    if (into === undefined) {
      roots.push(o);
      continue;
    }
    const list = into.map.get(into.key) ?? [];
    list.push(o);
    into.map.set(into.key, list);
  }
  const childrenOf = (id: Id): Objective[] => [
    ...(direct.get(id) ?? []),
    ...(viaKeyResult.get(id) ?? []),
  ];

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
          ? childrenOf(o.id).map((c) => ({
              weight: c.weight,
              progress: scores.get(c.id) ?? null,
              archived: c.archived,
              status: c.status,
            }))
          : [];
        scores.set(o.id, weightedScore([...own, ...children], rollUp, progressOfStatus(o.status)));
        continue;
      }
      if (seen.has(o.id) || scores.has(o.id)) continue;
      seen.add(o.id);
      stack.push({ o, exit: true });
      if (includeChildObjectives)
        for (const c of childrenOf(o.id)) stack.push({ o: c, exit: false });
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
    rollUp,
    null,
  );
}
