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

const NEEDS_TIDY = /^\s|\s$|\s\s|[^\S ]/;

/** Trims a title to a readable handle for the explanation. */
function shortTitle(title: string): string {
  // Most titles are already tidy: skip the rewrite (and its new string) for them.
  const plain = NEEDS_TIDY.test(title) ? title.replace(/\s+/g, " ").trim() : title;
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

/** An aligned child objective as the tree holds it: the objective and its roll-up so far. */
export interface RolledUpChild {
  objective: Pick<Objective, "id" | "title" | "weight" | "status" | "archived">;
  rollUp: Pick<RollUp, "score">;
}

/** What one roll-up gathers while it looks at its candidates, in order. */
class Tally {
  /** Counted items, `counted` and `share` filled in at the end. */
  readonly contributions: Contribution[] = [];
  excluded = "";
  totalWeight = 0;

  add(
    id: string,
    type: Contribution["type"],
    title: string,
    weight: number,
    status: Objective["status"],
    archived: boolean,
    progress: number | null,
  ): void {
    let reason: string | undefined;
    if (archived) reason = "archived";
    else if (status === "cancelled") reason = "cancelled";
    else if (!(weight > 0)) reason = "weight 0";
    if (reason !== undefined) {
      this.excluded += `${this.excluded === "" ? "" : ", "}"${shortTitle(title)}" (${reason})`;
      return;
    }
    this.totalWeight += weight;
    this.contributions.push({
      id,
      type,
      title,
      weight,
      progress,
      counted: 0,
      share: 0,
    });
  }
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
  const tally = tallyKeyResults(objective, keyResults);
  if (settings.rollUp.includeChildObjectives) {
    for (const child of childObjectiveScores) {
      tally.add(
        child.id,
        "objective",
        child.title,
        child.weight,
        child.status ?? null,
        child.archived ?? false,
        child.score,
      );
    }
  }
  return finishRollUp(objective, tally, settings.rollUp.cap);
}

/** {@link rollUpObjective} for a node of the tree: its children as the tree holds them. */
export function rollUpObjectiveWithChildren(
  objective: Pick<Objective, "id" | "title">,
  keyResults: readonly KeyResult[],
  children: readonly RolledUpChild[],
  settings: Pick<Settings, "rollUp">,
): RollUp {
  const tally = tallyKeyResults(objective, keyResults);
  if (settings.rollUp.includeChildObjectives) {
    for (const child of children) {
      const o = child.objective;
      tally.add(
        o.id,
        "objective",
        o.title,
        o.weight,
        o.status ?? null,
        o.archived ?? false,
        child.rollUp.score,
      );
    }
  }
  return finishRollUp(objective, tally, settings.rollUp.cap);
}

function tallyKeyResults(
  objective: Pick<Objective, "id">,
  keyResults: readonly KeyResult[],
): Tally {
  const tally = new Tally();
  for (const kr of keyResults) {
    if (kr.objectiveId !== objective.id) continue;
    tally.add(
      kr.id,
      "key_result",
      kr.title,
      kr.weight,
      kr.status,
      kr.archived,
      progressForRollUp(kr),
    );
  }
  return tally;
}

function finishRollUp(objective: Pick<Objective, "title">, tally: Tally, cap: number): RollUp {
  const leftOut = tally.excluded === "" ? "" : ` Left out: ${tally.excluded}.`;
  const contributions = tally.contributions;
  if (contributions.length === 0) {
    return {
      score: null,
      contributions: [],
      capped: false,
      explanation: `No score yet: "${shortTitle(objective.title)}" has no key results that count.${leftOut}`,
    };
  }

  const totalWeight = tally.totalWeight;
  let score = 0;
  let capped = false;
  let notes = "";
  let terms = "";
  for (let i = 0; i < contributions.length; i++) {
    const c = contributions[i] as Contribution;
    const title = shortTitle(c.title);
    const raw = c.progress === null || !Number.isFinite(c.progress) ? 0 : Math.max(0, c.progress);
    const value = Math.min(raw, cap);
    if (raw > cap) {
      capped = true;
      notes += ` "${title}" is at ${formatNumber(raw)}, counted as ${formatNumber(cap)} (capped).`;
    }
    if (c.progress === null) notes += ` "${title}" has no progress yet and counts as 0.`;
    const share = c.weight / totalWeight;
    score += share * value;
    c.counted = value;
    c.share = share;
    terms += `${i === 0 ? "" : " + "}${formatNumber(share)}×${formatNumber(value)} ("${title}")`;
  }
  const explanation = `${formatNumber(score)} = ${terms}.${notes}${leftOut}`;
  return { score, contributions, capped, explanation };
}
