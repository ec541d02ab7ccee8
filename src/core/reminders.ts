/**
 * Check-in reminders: when a person's reminder is due (cadence, weekday and hour in their time
 * zone) and which key results it lists (no check-in within the cadence). Pure: the instant and
 * the time zone's rules (Intl) come in, slots come out.
 */

import { silentSince } from "./settings.js";
import type { IsoDateTime, KeyResult } from "./types.js";

export const CADENCES = ["weekly", "twice-monthly", "monthly", "off"] as const;
export type Cadence = (typeof CADENCES)[number];

/** A person's reminder: how often, on which weekday (0 = Sunday) and hour, in which time zone. */
export interface ReminderPreference {
  cadence: Cadence;
  weekday: number;
  hour: number;
  timeZone: string;
}

/** The company default until an admin changes it: Mondays at 9 in UTC, weekly. */
export const DEFAULT_REMINDER: ReminderPreference = {
  cadence: "weekly",
  weekday: 1,
  hour: 9,
  timeZone: "UTC",
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const FINAL = new Set(["done", "cancelled", "carried_over", "missed"]);
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone.trim() !== "";
  } catch {
    return false;
  }
}

/** The wall-clock day of month, weekday and hour of an instant in a time zone. */
export function localTimeOf(
  instant: Date,
  timeZone: string,
): { day: number; weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: Number(part("day")),
    weekday: WEEKDAYS.indexOf(part("weekday")),
    hour: Number(part("hour")) % 24,
  };
}

/**
 * The reminder slot the hour of `instant` is for this preference, as the UTC start of that
 * hour, or null when no reminder falls in it. Weekly: every chosen weekday; twice-monthly:
 * the first and third such weekday of the month; monthly: the first.
 * @example reminderSlotAt({ cadence: "weekly", weekday: 1, hour: 9, timeZone: "Europe/Berlin" },
 *   new Date("2026-03-02T08:30:00Z")) // "2026-03-02T08:00:00.000Z" (9:00 in Berlin, a Monday)
 */
export function reminderSlotAt(pref: ReminderPreference, instant: Date): IsoDateTime | null {
  if (pref.cadence === "off") return null;
  const hourStart = new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
  const local = localTimeOf(hourStart, pref.timeZone);
  if (local.weekday !== pref.weekday || local.hour !== pref.hour) return null;
  const week = Math.floor((local.day - 1) / 7); // 0 = first such weekday of the month
  if (pref.cadence === "twice-monthly" && week !== 0 && week !== 2) return null;
  if (pref.cadence === "monthly" && week !== 0) return null;
  return hourStart.toISOString();
}

/** How many days without a check-in make a key result due, per cadence. */
export function cadenceDays(cadence: Cadence): number {
  return cadence === "monthly" ? 28 : cadence === "twice-monthly" ? 14 : 7;
}

/**
 * Whether a key result waits for a check-in: still open, and none in this cadence's window —
 * the days since the previous reminder day (6 for weekly), so last Monday afternoon's
 * check-in does not excuse this Monday's. Never checked in, it waits once its period has
 * begun (`silentSince`): next quarter's plan is nobody's to check in on yet.
 */
export function isCheckInDue(
  kr: KeyResult,
  cadence: Cadence,
  now: Date,
  periodStart: string,
): boolean {
  if (cadence === "off" || kr.archived || FINAL.has(kr.status ?? "")) return false;
  if (kr.lastCheckInAt === null) return silentSince(null, periodStart) <= now.getTime();
  return Date.parse(kr.lastCheckInAt) <= now.getTime() - (cadenceDays(cadence) - 1) * DAY_MS;
}

/** One line a person reads: "weekly on Monday at 09:00 (Europe/Berlin)". */
export function describeReminder(pref: ReminderPreference): string {
  if (pref.cadence === "off") return "off";
  const day = WEEKDAY_NAMES[pref.weekday] ?? "?";
  const when =
    pref.cadence === "weekly"
      ? `every ${day}`
      : pref.cadence === "twice-monthly"
        ? `the first and third ${day} of the month`
        : `the first ${day} of the month`;
  return `${pref.cadence}, ${when} at ${String(pref.hour).padStart(2, "0")}:00 (${pref.timeZone})`;
}
