import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, isStale, resolveSettings } from "./settings.js";

describe("settings", () => {
  it("defaults to calendar quarters, aligned objectives counted, unscored left out, cap 1", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      calendar: { startMonth: 1, naming: "start" },
      rollUp: { cap: 1, includeChildObjectives: true, unscored: "excluded" },
      sweetSpot: 0.7,
    });
    expect(DEFAULT_SETTINGS.grading.map((b) => b.min)).toEqual([0, 0.4, 0.7]);
  });

  it("fills what is missing and refuses nonsense", () => {
    const s = resolveSettings({ calendar: { startMonth: 2, naming: "end" }, rollUp: { cap: 1.5 } });
    expect(s.calendar).toEqual({ startMonth: 2, naming: "end" });
    expect(s.rollUp).toEqual({ cap: 1.5, includeChildObjectives: true, unscored: "excluded" });
    expect(() => resolveSettings({ calendar: { startMonth: 0 } })).toThrow(
      /startMonth must be 1–12/,
    );
    expect(() => resolveSettings({ rollUp: { cap: 0 } })).toThrow(/cap must be a number above 0/);
    expect(() => resolveSettings({ sweetSpot: 7 })).toThrow(/sweetSpot/);
    expect(() => resolveSettings({ rollUp: { unscored: "half" as unknown as "zero" } })).toThrow(
      /rollUp.unscored must be "excluded" or "zero", got half/,
    );
  });
});

describe("isStale", () => {
  const now = new Date("2026-05-20T12:00:00.000Z");
  const open = (lastCheckInAt: string | null) => ({ lastCheckInAt, status: null });
  it("counts a key result never checked in as silent from its period's first day", () => {
    expect(isStale(open(null), now, 14, "2026-07-01")).toBe(false);
    expect(isStale(open(null), now, 14, "2026-05-10")).toBe(false);
    expect(isStale(open(null), now, 14, "2026-04-01")).toBe(true);
    expect(isStale(open("2026-05-01T00:00:00.000Z"), now, 14, "2026-04-01")).toBe(true);
    expect(isStale(open("2026-05-15T00:00:00.000Z"), now, 14, "2026-04-01")).toBe(false);
    expect(isStale({ lastCheckInAt: null, status: "done" }, now, 14, "2026-04-01")).toBe(false);
  });
});
