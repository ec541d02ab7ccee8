/** How scores spread against the sweet spot (GitLab aimed for about 70%). */
import { progressAsShown } from "./progress.js";

export interface DistributionBucket {
  /** "0.0–0.1" … "0.9–1.0", ">1.0". */
  label: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound (1.0 is inclusive for the last bucket; null for ">1.0"). */
  max: number | null;
  count: number;
}

export interface ScoreDistribution {
  buckets: DistributionBucket[];
  /** Scores counted (nulls excluded). */
  count: number;
  /** Scores that were null: not yet scored. */
  unscored: number;
  mean: number | null;
  sweetSpot: number;
  /** Share (0–1) of scores at or above the sweet spot; null when there are none. */
  atOrAboveSweetSpot: number | null;
  /** Scores at 100% or more: targets probably set too low. */
  atOrAboveFull: number;
}

const EPSILON = 1e-9;

/**
 * Counts scores in buckets of 0.1 (0.0–0.1 … 0.9–1.0, then ">1.0"), each score as it is shown
 * (`progressAsShown`: 0.6963, shown as 70%, is at a 0.7 sweet spot and in 0.7–0.8). Exactly 1.0
 * falls in 0.9–1.0; negative scores fall in 0.0–0.1. The mean is of the scores themselves.
 */
export function scoreDistribution(
  scores: readonly (number | null)[],
  sweetSpot: number,
): ScoreDistribution {
  const buckets: DistributionBucket[] = [];
  for (let i = 0; i < 10; i++) {
    buckets.push({
      label: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`,
      min: i / 10,
      max: (i + 1) / 10,
      count: 0,
    });
  }
  const over: DistributionBucket = { label: ">1.0", min: 1, max: null, count: 0 };
  buckets.push(over);
  let count = 0;
  let unscored = 0;
  let sum = 0;
  let atSweet = 0;
  let atFull = 0;
  for (const score of scores) {
    if (score === null || !Number.isFinite(score)) {
      unscored++;
      continue;
    }
    count++;
    sum += score;
    const shown = progressAsShown(score);
    if (shown + EPSILON >= sweetSpot) atSweet++;
    if (shown + EPSILON >= 1) atFull++;
    let index: number;
    if (shown > 1 + EPSILON) index = 10;
    // Add a hair before flooring: 0.3 * 10 is 3.0000000000000004 but 0.7 * 10 may not be 7.
    else index = Math.min(9, Math.max(0, Math.floor(shown * 10 + EPSILON)));
    const bucket = buckets[index];
    if (bucket) bucket.count++;
  }
  return {
    buckets,
    count,
    unscored,
    mean: count === 0 ? null : sum / count,
    sweetSpot,
    atOrAboveSweetSpot: count === 0 ? null : atSweet / count,
    atOrAboveFull: atFull,
  };
}
