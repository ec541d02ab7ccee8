import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  nextPeriod,
  periodContaining,
  periodFromLabel,
  previousPeriod,
} from "./fiscal-calendar.js";
import type { FiscalCalendar } from "./types.js";

const calendars = fc.record({
  startMonth: fc.integer({ min: 1, max: 12 }),
  naming: fc.constantFrom("start" as const, "end" as const),
});
/** Any day from 1990 to 2099. */
const days = fc
  .integer({ min: 0, max: 40_000 })
  .map((n) => addDays("1990-01-01", n))
  .filter((d) => d < "2099-01-01");

describe("fiscal calendars, for any start month and naming", () => {
  it("put every day in exactly the quarter and year that contain it, whose label reads back", () => {
    fc.assert(
      fc.property(calendars, days, (calendar: FiscalCalendar, day) => {
        for (const kind of ["quarter", "year"] as const) {
          const range = periodContaining(calendar, day, kind);
          expect(range.start <= day && day <= range.end).toBe(true);
          expect(range.start.endsWith("-01")).toBe(true);
          expect(addDays(range.end, 1).endsWith("-01")).toBe(true);
          expect(periodFromLabel(calendar, range.label)).toEqual(range);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("tile time: the next quarter starts the day after, and previous undoes next", () => {
    fc.assert(
      fc.property(calendars, days, (calendar: FiscalCalendar, day) => {
        const range = periodContaining(calendar, day);
        const next = nextPeriod(calendar, range);
        expect(next.start).toBe(addDays(range.end, 1));
        expect(previousPeriod(calendar, next)).toEqual(range);
        const year = periodContaining(calendar, day, "year");
        const quarters = [periodContaining(calendar, year.start)];
        for (let i = 0; i < 3; i++) quarters.push(nextPeriod(calendar, quarters[i] as never));
        expect(quarters[3]?.end).toBe(year.end);
      }),
      { numRuns: 300 },
    );
  });
});
