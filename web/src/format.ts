/** Numbers and dates as people read them. */
import { gradeOf } from "../../src/core/grading.js";
import { progressAsShown } from "../../src/core/progress.js";
import { DEFAULT_GRADING } from "../../src/core/settings.js";
import type { GradingBand, KeyResult, Owner } from "../../src/core/types.js";

/** 0.94 → "94%"; null → "—". */
export function formatPercent(progress: number | null | undefined): string {
  if (progress === null || progress === undefined || Number.isNaN(progress)) return "—";
  return `${Math.round(progress * 100)}%`;
}

/**
 * A score on GitLab's 0–1 scale: 0.62. Rounded as every other face rounds it (0.695 is 70%
 * there and 0.70 here, graded green), not as `toFixed` rounds binary fractions (0.69).
 */
export function formatScore(score: number | null | undefined): string {
  // Nothing scored yet is not 0.00: say so.
  if (score === null || score === undefined || Number.isNaN(score)) return "not scored";
  return progressAsShown(score).toFixed(2);
}

/** A value in its unit: 1200 count → "1,200"; 0.5 percent → "50%"; 300 duration → "300 min". */
export function formatValue(value: number | null | undefined, unit: KeyResult["unit"]): string {
  if (value === null || value === undefined) return "—";
  const number = value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  switch (unit) {
    case "percent":
      return `${number}%`;
    case "currency":
      return `$${number}`;
    case "duration":
      return `${number} min`;
    case "ratio":
      return `${number}×`;
    default:
      return number;
  }
}

/** An owner as an object (`{kind, id, name}`) or as text. */
export function formatOwner(owner: Owner | string | null | undefined): string {
  if (typeof owner === "string") return owner || "No owner";
  return owner?.name ?? "No owner";
}

/** "2020-01-31T12:00:00Z" → "31 Jan 2020". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
}

/** The colour band of a score in the workspace's grading bands (by default 0.7 is green). */
export function bandOf(
  progress: number | null | undefined,
  grading: readonly GradingBand[] = DEFAULT_GRADING,
): "none" | "red" | "yellow" | "green" {
  if (progress === null || progress === undefined) return "none";
  return gradeOf(progress, grading)?.color ?? "red";
}

/** Whether the server withheld a key result's numbers from this reader (confidential target). */
export function isTargetHidden(kr: KeyResult): boolean {
  const extra = kr as KeyResult & { hidden?: boolean };
  return extra.hidden === true || (kr.targetConfidential && kr.target === null);
}

/** The placeholder the server gives for a hidden target, e.g. `$N₀`. */
export function placeholderOf(kr: KeyResult): string {
  return (kr as KeyResult & { placeholder?: string | null }).placeholder || "confidential";
}

/** A calendar day in the reader's own time zone, as a number that steps by one per day. */
function localDayNumber(date: Date): number {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/**
 * How long ago `value` was, as people say it: "just now", "5 minutes ago", "22 hours ago"
 * within a day; then by calendar day in the reader's time zone: "yesterday", "3 days ago".
 * null → "".
 */
export function formatTimeAgo(value: string | null | undefined, now: Date = new Date()): string {
  if (!value) return "";
  const then = new Date(value);
  const ms = now.getTime() - then.getTime();
  if (!Number.isFinite(ms)) return "";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  const days = Math.max(1, localDayNumber(now) - localDayNumber(then));
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/** A timestamp as the reader's own calendar day: "3 Feb 2026" (never a raw ISO string). */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

/** "1 objective", "2 objectives": a count with its noun. */
export function formatCount(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a distribution chart's bars show, for a screen reader: ": 0.6–0.7: 2, 0.7–0.8: 1"
 * (empty buckets left out; nothing when all are empty).
 */
export function formatBucketCounts(buckets: readonly { label: string; count: number }[]): string {
  const filled = buckets.filter((b) => b.count > 0);
  return filled.length ? `: ${filled.map((b) => `${b.label}: ${b.count}`).join(", ")}` : "";
}
