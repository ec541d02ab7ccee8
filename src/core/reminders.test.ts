import { describe, expect, it } from "vitest";
import {
  cadenceDays,
  describeReminder,
  isCheckInDue,
  isTimeZone,
  type ReminderPreference,
  reminderSlotAt,
} from "./reminders.js";
import type { KeyResult } from "./types.js";

const weekly: ReminderPreference = {
  cadence: "weekly",
  weekday: 1,
  hour: 9,
  timeZone: "Europe/Berlin",
};

describe("reminderSlotAt", () => {
  it("finds Monday 9:00 in Berlin in winter (UTC+1) and summer (UTC+2)", () => {
    expect(reminderSlotAt(weekly, new Date("2026-03-02T08:30:00Z"))).toBe(
      "2026-03-02T08:00:00.000Z",
    );
    expect(reminderSlotAt(weekly, new Date("2026-06-01T07:59:59Z"))).toBe(
      "2026-06-01T07:00:00.000Z",
    );
    expect(reminderSlotAt(weekly, new Date("2026-03-02T09:00:00Z"))).toBeNull();
    expect(reminderSlotAt(weekly, new Date("2026-03-03T08:00:00Z"))).toBeNull();
  });

  it("counts the weekday in the person's zone, not in UTC", () => {
    const tokyo: ReminderPreference = { ...weekly, hour: 8, timeZone: "Asia/Tokyo" };
    // Monday 08:00 in Tokyo is Sunday 23:00 UTC.
    expect(reminderSlotAt(tokyo, new Date("2026-03-01T23:10:00Z"))).toBe(
      "2026-03-01T23:00:00.000Z",
    );
  });

  it("twice-monthly takes the first and third weekday, monthly only the first", () => {
    const mondays9 = ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"].map(
      (day) => new Date(`${day}T09:00:00Z`),
    );
    const utc = { ...weekly, timeZone: "UTC" };
    const hits = (pref: ReminderPreference) =>
      mondays9.filter((at) => reminderSlotAt(pref, at) !== null).length;
    expect(hits(utc)).toBe(5);
    expect(hits({ ...utc, cadence: "twice-monthly" })).toBe(2);
    expect(hits({ ...utc, cadence: "monthly" })).toBe(1);
    expect(hits({ ...utc, cadence: "off" })).toBe(0);
  });
});

describe("isCheckInDue", () => {
  const now = new Date("2026-03-16T09:00:00Z");
  const Q1 = "2026-01-01";
  const kr = (lastCheckInAt: string | null, status: string | null = null) =>
    ({ lastCheckInAt, status, archived: false }) as KeyResult;

  it("is due with no check-in within the cadence, and never for finished ones", () => {
    expect(isCheckInDue(kr(null), "weekly", now, Q1)).toBe(true);
    expect(isCheckInDue(kr("2026-03-11T09:00:00Z"), "weekly", now, Q1)).toBe(false);
    // Last Monday afternoon's check-in does not excuse this Monday morning's.
    expect(isCheckInDue(kr("2026-03-09T16:00:00Z"), "weekly", now, Q1)).toBe(true);
    expect(isCheckInDue(kr("2026-03-09T16:00:00Z"), "twice-monthly", now, Q1)).toBe(false);
    expect(isCheckInDue(kr(null, "done"), "weekly", now, Q1)).toBe(false);
    expect(cadenceDays("monthly")).toBe(28);
  });

  it("is not due before its period begins, and due from its first day when never checked in", () => {
    expect(isCheckInDue(kr(null), "weekly", now, "2026-04-01")).toBe(false);
    expect(isCheckInDue(kr(null), "weekly", now, "2026-03-16")).toBe(true);
  });
});

describe("time zones and words", () => {
  it("knows real zones and refuses made-up ones", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(describeReminder({ ...weekly, cadence: "monthly" })).toBe(
      "monthly, the first Monday of the month at 09:00 (Europe/Berlin)",
    );
  });
});
