/** Grading: which band a score falls in. */
import type { GradingBand } from "./types.js";

/**
 * The band whose `min` is the highest one at or below `score` (bands are inclusive lower
 * bounds, so with the defaults 0.35 is still red and 1.4 is green). Below every band: the
 * lowest one. null score: null.
 */
export function gradeOf(score: number | null, bands: readonly GradingBand[]): GradingBand | null {
  if (score === null || !Number.isFinite(score) || bands.length === 0) return null;
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let band = sorted[0] ?? null;
  for (const candidate of sorted) {
    // A tiny tolerance, so 0.7 computed as 0.69999999 is still green.
    if (score + 1e-9 >= candidate.min) band = candidate;
  }
  return band;
}
