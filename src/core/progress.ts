/**
 * Progress of a key result: 0 at its start, 1 at its target (1 = 100%).
 * Over-achievement is kept above 1 on the item itself; roll-ups cap it (see roll-up.ts).
 */
import type { KeyResult, Status } from "./types.js";

/** The fields progress depends on. */
export type ProgressInput = Pick<
  KeyResult,
  "kind" | "start" | "target" | "direction" | "current" | "progress" | "status"
>;

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * Progress of `kr` at `value` (default: its latest value), or null when it cannot be known.
 *
 * - metric: where `value` lies between `start` and `target`, up or down. A value beyond the
 *   target gives more than 1 (kept: 100%+ tells that the target was set too low). A value
 *   behind the start gives 0, not a negative number: a KR that slid backwards has made no
 *   progress, and a negative share would silently eat the progress of its siblings in the
 *   objective's weighted roll-up.
 * - threshold: 1 while the line is held. Otherwise how close the value came, as a ratio:
 *   `value / target` for "stay above", `target / value` for "stay below" (both between 0 and
 *   1), so 90 against a floor of 100 scores 0.9 and 110 against a ceiling of 100 scores 0.91.
 * - milestone: 1 when done (`value` ≥ 1, progress ≥ 1 or status "done"), else 0.
 * - percentage: progress as entered; a `value` is a percentage (`94` = 94% = 0.94), one below
 *   0% no progress (0), as a metric behind its start.
 * @example progressOf({ kind: "metric", start: 70, target: 56, … }, 63) // 0.5
 */
export function progressOf(kr: ProgressInput, value?: number | null): number | null {
  const v = value === undefined ? kr.current : value;
  switch (kr.kind) {
    case "metric": {
      if (!isNumber(v) || !isNumber(kr.start) || !isNumber(kr.target)) return null;
      if (kr.target === kr.start) return null;
      return Math.max(0, (v - kr.start) / (kr.target - kr.start));
    }
    case "threshold": {
      if (!isNumber(v) || !isNumber(kr.target) || kr.direction === null) return null;
      return thresholdProgress(v, kr.target, kr.direction);
    }
    case "milestone": {
      if (kr.status === "done") return 1;
      if (isNumber(v)) return v >= 1 ? 1 : 0;
      if (isNumber(kr.progress)) return kr.progress >= 1 ? 1 : 0;
      return 0;
    }
    case "percentage": {
      if (value !== undefined) return isNumber(value) ? Math.max(0, value / 100) : null;
      return isNumber(kr.progress) ? kr.progress : null;
    }
    default:
      return null;
  }
}

function thresholdProgress(value: number, target: number, direction: "above" | "below"): number {
  const held = direction === "above" ? value >= target : value <= target;
  if (held) return 1;
  // Ratios only mean "how close" for positive numbers; a line at 0 or below that is not
  // held has nothing to be close to, so it scores 0.
  if (value <= 0 || target <= 0) return 0;
  return direction === "above" ? value / target : target / value;
}

/**
 * Progress (or a score) as people read it, a whole percentage: 0.6963 -> 0.7. Every face
 * shows it so (`formatProgress`, the CLI, the web app), so grading and the distribution
 * count it so too: a score shown as 70% is graded and counted as 70%.
 */
export function progressAsShown(progress: number): number {
  return Math.round(progress * 100) / 100;
}

/** Progress as a whole percentage for people: 0.94 -> "94%", null -> "–". */
export function formatProgress(progress: number | null): string {
  if (progress === null || !Number.isFinite(progress)) return "–";
  return `${Math.round(progress * 100)}%`;
}

/** The status a check-in leaves: done at 100%, otherwise in progress; final statuses stay. */
export function statusAfterCheckIn(kr: KeyResult, progress: number | null): Status | null {
  if (kr.status === "cancelled" || kr.status === "carried_over" || kr.status === "missed")
    return kr.status;
  if (progress === null)
    return kr.status === null || kr.status === "not_started" ? "in_progress" : kr.status;
  return progress >= 1 ? "done" : "in_progress";
}
