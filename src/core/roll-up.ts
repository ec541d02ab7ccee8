/**
 * An objective's score: the weighted mean of its key results' progress (and, when the
 * workspace says so, of the objectives aligned under it), with a sentence that explains it.
 */
import { progressOf } from "./progress.js";
import type { Contribution, KeyResult, Objective, RollUp, Settings } from "./types.js";

/** An aligned child objective as the roll-up sees it: its own score, already rolled up. */
export interface ChildObjectiveScore {
  id: Objective["id"];
  title: string;
  weight: number;
  score: number | null;
  status?: Objective["status"];
  archived?: boolean;
}

/** Trims a title to a readable handle for the explanation. */
function shortTitle(title: string): string {
  const plain = title.replace(/\s+/g, " ").trim();
  return plain.length <= 40 ? plain : `${plain.slice(0, 39).trimEnd()}…`;
}

/** 0.5, 0.44, 1, 1.27: at most two decimals, no trailing zeros. */
function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The progress a key result contributes: as stored, or computed from its latest value. */
export function progressForRollUp(kr: KeyResult): number | null {
  if (kr.progress !== null && Number.isFinite(kr.progress)) return kr.progress;
  return progressOf(kr);
}

interface Candidate {
  id: string;
  type: Contribution["type"];
  title: string;
  weight: number;
  progress: number | null;
  status: Objective["status"];
  archived: boolean;
}

/**
 * Rolls up one objective.
 * - each key result (and, with `settings.rollUp.includeChildObjectives`, each objective
 *   aligned under this one) counts by its weight; weight 0, archived and cancelled ones are
 *   left out;
 * - progress above `settings.rollUp.cap` counts as the cap (the item keeps its own 127%);
 * - no progress yet counts as 0, and the explanation names it;
 * - nothing to count: score null.
 * @example 0.62 = 0.5×0.8 ("Raise MR rate") + 0.5×0.44 ("Hire 5 engineers")
 */
export function rollUpObjective(
  objective: Pick<Objective, "id" | "title">,
  keyResults: readonly KeyResult[],
  childObjectiveScores: readonly ChildObjectiveScore[],
  settings: Pick<Settings, "rollUp">,
): RollUp {
  const cap = settings.rollUp.cap;
  const candidates: Candidate[] = [];
  for (const kr of keyResults) {
    if (kr.objectiveId !== objective.id) continue;
    candidates.push({
      id: kr.id,
      type: "key_result",
      title: kr.title,
      weight: kr.weight,
      progress: progressForRollUp(kr),
      status: kr.status,
      archived: kr.archived,
    });
  }
  if (settings.rollUp.includeChildObjectives) {
    for (const child of childObjectiveScores) {
      candidates.push({
        id: child.id,
        type: "objective",
        title: child.title,
        weight: child.weight,
        progress: child.score,
        status: child.status ?? null,
        archived: child.archived ?? false,
      });
    }
  }

  const excluded: string[] = [];
  const counted: Candidate[] = [];
  for (const c of candidates) {
    if (c.archived) excluded.push(`"${shortTitle(c.title)}" (archived)`);
    else if (c.status === "cancelled") excluded.push(`"${shortTitle(c.title)}" (cancelled)`);
    else if (!(c.weight > 0)) excluded.push(`"${shortTitle(c.title)}" (weight 0)`);
    else counted.push(c);
  }
  const leftOut = excluded.length > 0 ? ` Left out: ${excluded.join(", ")}.` : "";

  if (counted.length === 0) {
    return {
      score: null,
      contributions: [],
      capped: false,
      explanation: `No score yet: "${shortTitle(objective.title)}" has no key results that count.${leftOut}`,
    };
  }

  const totalWeight = counted.reduce((sum, c) => sum + c.weight, 0);
  let score = 0;
  let capped = false;
  const notes: string[] = [];
  const contributions: Contribution[] = counted.map((c) => {
    const raw = c.progress === null || !Number.isFinite(c.progress) ? 0 : Math.max(0, c.progress);
    const value = Math.min(raw, cap);
    if (raw > cap) {
      capped = true;
      notes.push(
        `"${shortTitle(c.title)}" is at ${formatNumber(raw)}, counted as ${formatNumber(cap)} (capped).`,
      );
    }
    if (c.progress === null)
      notes.push(`"${shortTitle(c.title)}" has no progress yet and counts as 0.`);
    const share = c.weight / totalWeight;
    score += share * value;
    return {
      id: c.id,
      type: c.type,
      title: c.title,
      weight: c.weight,
      progress: c.progress,
      counted: value,
      share,
    };
  });

  const terms = contributions
    .map((c) => `${formatNumber(c.share)}×${formatNumber(c.counted)} ("${shortTitle(c.title)}")`)
    .join(" + ");
  const explanation = [`${formatNumber(score)} = ${terms}.`, ...notes].join(" ") + leftOut;
  return { score, contributions, capped, explanation };
}
