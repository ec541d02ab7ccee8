/** Grading: which band a score falls in. */
import { progressAsShown } from "./progress.js";
import type { GradingBand } from "./types.js";

/**
 * The band whose `min` is the highest one at or below `score` as it is shown, a whole
 * percentage (bands are inclusive lower bounds, so with the defaults 0.35 is still red, 0.6963
 * — shown as 70% — is green and 1.4 is green). Below every band: the lowest one. null score:
 * null.
 */
export function gradeOf(score: number | null, bands: readonly GradingBand[]): GradingBand | null {
  if (score === null || !Number.isFinite(score) || bands.length === 0) return null;
  const shown = progressAsShown(score);
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let band = sorted[0] ?? null;
  for (const candidate of sorted) {
    // A tiny tolerance, so 0.7 computed as 0.69999999 is still green.
    if (shown + 1e-9 >= candidate.min) band = candidate;
  }
  return band;
}
