/**
 * An objective's score: the weighted mean of what is scored beneath it — its key results and,
 * by default, the objectives aligned under it or under one of its key results — capped, with a
 * sentence that names every contribution. See docs/decisions/0010-honest-roll-up.md.
 */
import { type ProgressInput, progressOf } from "./progress.js";
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

/**
 * The progress a key result contributes: as stored, else computed from its latest value, else
 * what its status says (done = 1, missed = 0); null when nothing says how far it got. It is
 * also the progress every face shows for the key result (`app/visibility.ts` presents it so,
 * decisions/0064): a key result marked done with no number reads 100% where it counts 100%.
 */
export function progressForRollUp(kr: ProgressInput): number | null {
  if (kr.progress !== null && Number.isFinite(kr.progress)) return kr.progress;
  const computed = progressOf(kr);
  if (computed !== null) return computed;
  return progressOfStatus(kr.status);
}

/**
 * Whether the roll-up counts two states of one key result alike: the same weight, left out
 * (archived, cancelled) or not alike, and the same progress. Nothing else of a key result
 * moves a score (its title is only named in the explanation).
 */
export function countsAlike(a: KeyResult, b: KeyResult): boolean {
  return (
    a.weight === b.weight &&
    a.archived === b.archived &&
    (a.status === "cancelled") === (b.status === "cancelled") &&
    progressForRollUp(a) === progressForRollUp(b)
  );
}

/** done = 1, missed = 0: a graded item with no number still says how it ended. */
export function progressOfStatus(status: Objective["status"]): number | null {
  if (status === "done") return 1;
  if (status === "missed") return 0;
  return null;
}

/** An aligned child objective as the tree holds it: the objective and its roll-up so far. */
export interface RolledUpChild {
  objective: Pick<Objective, "id" | "title" | "weight" | "status" | "archived">;
  rollUp: Pick<RollUp, "score">;
}

type RollUpSettings = Pick<Settings, "rollUp">;

/** What one roll-up gathers while it looks at its candidates, in order. */
class Tally {
  /** Counted items, `counted` and `share` filled in at the end. */
  readonly contributions: Contribution[] = [];
  /** Left out, with why: named in the explanation. */
  readonly excluded: { title: string; reason: string }[] = [];
  /** Not scored yet (and not counted as 0): named in the explanation. */
  readonly unscored: string[] = [];
  totalWeight = 0;

  constructor(private readonly unscoredAsZero: boolean) {}

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
      this.excluded.push({ title, reason });
      return;
    }
    const known = progress !== null && Number.isFinite(progress);
    if (!known && !this.unscoredAsZero) {
      this.unscored.push(title);
      return;
    }
    this.totalWeight += weight;
    this.contributions.push({
      id,
      type,
      title,
      weight,
      progress: known ? progress : null,
      counted: 0,
      share: 0,
    });
  }

  /** " Not scored yet: …. Left out: …." as the explanation ends, or "". */
  tail(): string {
    const names = this.unscored.map((title) => `"${shortTitle(title)}"`).join(", ");
    const left = this.excluded.map((e) => `"${shortTitle(e.title)}" (${e.reason})`).join(", ");
    return (
      (names === "" ? "" : ` Not scored yet: ${names}.`) +
      (left === "" ? "" : ` Left out: ${left}.`)
    );
  }
}

/**
 * A roll-up whose explanation is written when first read: most readers (the tree's scores,
 * the dashboard) never read it, and writing it is most of a roll-up's work.
 */
function withExplanation(rollUp: Omit<RollUp, "explanation">, explain: () => string): RollUp {
  let text: string | undefined;
  return {
    score: rollUp.score,
    contributions: rollUp.contributions,
    capped: rollUp.capped,
    get explanation() {
      text ??= explain();
      return text;
    },
  };
}

/**
 * Rolls up one objective.
 * - each key result and (unless `settings.rollUp.includeChildObjectives` is false) each
 *   objective aligned under this one or under one of its key results counts by its weight;
 *   weight 0, archived and cancelled ones are left out;
 * - an item with no progress yet is not scored (`unscored: "excluded"`, the default) or
 *   counts as 0 (`unscored: "zero"`); the explanation names it either way;
 * - the weighted mean above `settings.rollUp.cap` counts as the cap (items keep their own
 *   127%), so one over-achieved key result can make up for another, up to the cap;
 * - nothing scored: the objective's own status (done 1, missed 0), else score null.
 * @example 0.62 = 0.5×0.8 ("Raise MR rate") + 0.5×0.44 ("Hire 5 engineers")
 */
export function rollUpObjective(
  objective: Pick<Objective, "id" | "title"> & Partial<Pick<Objective, "status">>,
  keyResults: readonly KeyResult[],
  childObjectiveScores: readonly ChildObjectiveScore[],
  settings: RollUpSettings,
): RollUp {
  const tally = tallyKeyResults(objective, keyResults, settings);
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

/** {@link rollUpObjective} for a node of the tree: its aligned objectives as the tree holds them. */
export function rollUpObjectiveWithChildren(
  objective: Pick<Objective, "id" | "title"> & Partial<Pick<Objective, "status">>,
  keyResults: readonly KeyResult[],
  children: readonly RolledUpChild[],
  settings: RollUpSettings,
): RollUp {
  const tally = tallyKeyResults(objective, keyResults, settings);
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
  settings: RollUpSettings,
): Tally {
  const tally = new Tally(settings.rollUp.unscored === "zero");
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

function finishRollUp(
  objective: Pick<Objective, "title"> & Partial<Pick<Objective, "status">>,
  tally: Tally,
  cap: number,
): RollUp {
  const contributions = tally.contributions;
  if (contributions.length === 0) {
    const own = progressOfStatus(objective.status ?? null);
    const name = () => shortTitle(objective.title);
    if (own !== null) {
      return withExplanation(
        { score: Math.min(own, cap), contributions: [], capped: false },
        () =>
          `${formatNumber(own)}: "${name()}" is marked ${objective.status} and nothing beneath it is scored.${tally.tail()}`,
      );
    }
    return withExplanation(
      { score: null, contributions: [], capped: false },
      () => `Not scored: nothing under "${name()}" has progress yet.${tally.tail()}`,
    );
  }

  const totalWeight = tally.totalWeight;
  let sum = 0;
  for (const c of contributions) {
    const value = c.progress === null ? 0 : Math.max(0, c.progress);
    const share = c.weight / totalWeight;
    sum += share * value;
    c.counted = value;
    c.share = share;
  }
  const capped = sum > cap;
  const score = capped ? cap : sum;
  return withExplanation({ score, contributions, capped }, () => {
    let notes = "";
    let terms = "";
    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i] as Contribution;
      const title = shortTitle(c.title);
      if (c.progress === null) notes += ` "${title}" has no progress yet and counts as 0.`;
      terms += `${i === 0 ? "" : " + "}${formatNumber(c.share)}×${formatNumber(c.counted)} ("${title}")`;
    }
    if (capped)
      notes += ` ${formatNumber(sum)} is above the cap and counts as ${formatNumber(cap)}.`;
    const formula = capped ? `min(${formatNumber(cap)}, ${terms})` : terms;
    return `${formatNumber(score)} = ${formula}.${notes}${tally.tail()}`;
  });
}
