/** Workspace settings and their defaults. */

import { OkrError } from "./errors.js";
import { DEFAULT_CALENDAR } from "./fiscal-calendar.js";
import type { GradingBand, Settings } from "./types.js";

/** GitLab's grading: 0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. */
export const DEFAULT_GRADING: GradingBand[] = [
  { min: 0, label: "red", color: "red" },
  { min: 0.4, label: "yellow", color: "yellow" },
  { min: 0.7, label: "green", color: "green" },
];

/** Days without a check-in after which a key result is stale. */
export const DEFAULT_STALE_DAYS = 14;

export const DEFAULT_SETTINGS: Settings = {
  calendar: DEFAULT_CALENDAR,
  grading: DEFAULT_GRADING,
  rollUp: { cap: 1, includeChildObjectives: true, unscored: "excluded" },
  sweetSpot: 0.7,
  staleDays: DEFAULT_STALE_DAYS,
  publicSite: { served: false, periods: [] },
};

/** Settings with every missing field taken from the defaults; refuses nonsense. */
export function resolveSettings(
  partial: {
    calendar?: Partial<Settings["calendar"]>;
    grading?: GradingBand[];
    rollUp?: Partial<Settings["rollUp"]>;
    sweetSpot?: number;
    staleDays?: number;
    publicSite?: Partial<Settings["publicSite"]>;
  } = {},
): Settings {
  const settings: Settings = {
    calendar: { ...DEFAULT_SETTINGS.calendar, ...partial.calendar },
    grading: [...(partial.grading ?? DEFAULT_SETTINGS.grading)].sort((a, b) => a.min - b.min),
    rollUp: { ...DEFAULT_SETTINGS.rollUp, ...partial.rollUp },
    sweetSpot: partial.sweetSpot ?? DEFAULT_SETTINGS.sweetSpot,
    staleDays: partial.staleDays ?? DEFAULT_SETTINGS.staleDays,
    publicSite: { ...DEFAULT_SETTINGS.publicSite, ...partial.publicSite },
  };
  const { startMonth, naming } = settings.calendar;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new OkrError(
      "invalid_config",
      `calendar.startMonth must be 1–12, got ${String(startMonth)}.`,
    );
  }
  if (naming !== "start" && naming !== "end") {
    throw new OkrError(
      "invalid_config",
      `calendar.naming must be "start" or "end", got ${String(naming)}.`,
    );
  }
  if (!(typeof settings.rollUp.cap === "number" && settings.rollUp.cap > 0)) {
    throw new OkrError(
      "invalid_config",
      `rollUp.cap must be a number above 0, got ${String(settings.rollUp.cap)}.`,
    );
  }
  if (typeof settings.rollUp.includeChildObjectives !== "boolean") {
    throw new OkrError(
      "invalid_config",
      `rollUp.includeChildObjectives must be true or false, got ${String(settings.rollUp.includeChildObjectives)}.`,
    );
  }
  if (settings.rollUp.unscored !== "excluded" && settings.rollUp.unscored !== "zero") {
    throw new OkrError(
      "invalid_config",
      `rollUp.unscored must be "excluded" or "zero", got ${String(settings.rollUp.unscored)}.`,
    );
  }
  if (
    !(typeof settings.sweetSpot === "number" && settings.sweetSpot >= 0 && settings.sweetSpot <= 1)
  ) {
    throw new OkrError(
      "invalid_config",
      `sweetSpot must be between 0 and 1, got ${String(settings.sweetSpot)}.`,
    );
  }
  const { staleDays } = settings;
  if (!(Number.isInteger(staleDays) && staleDays >= 1 && staleDays <= 365)) {
    throw new OkrError(
      "invalid_config",
      `staleDays must be a whole number of days from 1 to 365, got ${String(staleDays)}.`,
    );
  }
  if (settings.grading.length === 0) {
    throw new OkrError("invalid_config", "grading needs at least one band.");
  }
  const { served, periods } = settings.publicSite;
  if (typeof served !== "boolean") {
    throw new OkrError(
      "invalid_config",
      `publicSite.served must be true or false, got ${String(served)}.`,
    );
  }
  if (!Array.isArray(periods) || periods.some((id) => typeof id !== "string")) {
    throw new OkrError("invalid_config", "publicSite.periods must be a list of period ids.");
  }
  return settings;
}

const SETTLED = new Set(["done", "cancelled", "carried_over", "missed"]);

/**
 * Since when a key result has been silent: its last check-in, else its period's first day
 * (00:00 UTC). A key result of a period that has not begun has not been silent at all, and one
 * never checked in is silent only as long as its period has run.
 */
export function silentSince(lastCheckInAt: string | null, periodStart: string): number {
  return Date.parse(lastCheckInAt ?? periodBeginning(periodStart));
}

/** The instant a period begins: its first day, 00:00 UTC (the dashboard's SQL says the same). */
export function periodBeginning(periodStart: string): string {
  return `${periodStart}T00:00:00.000Z`;
}

/**
 * Whether a key result is stale at `now`: still open (not done, cancelled, carried over or
 * missed) and silent (`silentSince`) for `staleDays` days. The dashboard's stale list asks the
 * same in SQL; a closed period's key results are never stale (callers skip them).
 */
export function isStale(
  kr: { lastCheckInAt: string | null; status: string | null },
  now: Date,
  staleDays: number,
  periodStart: string,
): boolean {
  if (kr.status !== null && SETTLED.has(kr.status)) return false;
  return silentSince(kr.lastCheckInAt, periodStart) < now.getTime() - staleDays * 86_400_000;
}
