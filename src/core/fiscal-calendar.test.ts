import { describe, expect, it } from "vitest";
import { OkrError } from "./errors.js";
import {
  addDays,
  DEFAULT_CALENDAR,
  formatPeriodLabel,
  nextPeriod,
  parsePeriodLabel,
  periodContaining,
  periodFromLabel,
  previousPeriod,
} from "./fiscal-calendar.js";
import type { FiscalCalendar } from "./types.js";

const GITLAB: FiscalCalendar = { startMonth: 2, naming: "end" };
const SOURCEGRAPH: FiscalCalendar = { startMonth: 2, naming: "start" };

describe("periodFromLabel", () => {
  it("reads GitLab fiscal years, named after the year they end in", () => {
    expect(periodFromLabel(GITLAB, "FY20")).toEqual({
      label: "FY20",
      kind: "year",
      start: "2019-02-01",
      end: "2020-01-31",
    });
    expect(periodFromLabel(GITLAB, "FY20-Q2")).toEqual({
      label: "FY20-Q2",
      kind: "quarter",
      start: "2019-05-01",
      end: "2019-07-31",
    });
  });

  it("lets the fourth quarter cross the calendar year boundary", () => {
    expect(periodFromLabel(GITLAB, "FY20-Q4")).toMatchObject({
      start: "2019-11-01",
      end: "2020-01-31",
    });
    expect(periodFromLabel(GITLAB, "FY20-Q1")).toMatchObject({
      start: "2019-02-01",
      end: "2019-04-30",
    });
  });

  it("reads Sourcegraph fiscal years, named after the year they start in", () => {
    expect(periodFromLabel(SOURCEGRAPH, "FY2020-Q2")).toEqual({
      label: "FY20-Q2",
      kind: "quarter",
      start: "2020-05-01",
      end: "2020-07-31",
    });
  });

  it("accepts every way handbooks write the same quarter", () => {
    for (const label of [
      "FY20-Q2",
      "FY2020-Q2",
      "FY20Q2",
      "FY20 Q2",
      "Q2FY20",
      "Q2 FY20",
      "fy20-q2",
      "  FY20-Q2  ",
      "Q2-FY2020",
    ]) {
      expect(periodFromLabel(GITLAB, label), label).toMatchObject({
        label: "FY20-Q2",
        start: "2019-05-01",
        end: "2019-07-31",
      });
    }
  });

  it("reads labels without FY as calendar quarters and years, whatever the calendar", () => {
    for (const label of ["2017-Q3", "Q3 2017", "2017Q3", "Q3-2017"]) {
      expect(periodFromLabel(GITLAB, label), label).toEqual({
        label: "2017-Q3",
        kind: "quarter",
        start: "2017-07-01",
        end: "2017-09-30",
      });
    }
    expect(periodFromLabel(GITLAB, "2017")).toEqual({
      label: "2017",
      kind: "year",
      start: "2017-01-01",
      end: "2017-12-31",
    });
  });

  it("reads FY labels in a plain calendar as calendar years", () => {
    expect(periodFromLabel(DEFAULT_CALENDAR, "FY21")).toEqual({
      label: "2021",
      kind: "year",
      start: "2021-01-01",
      end: "2021-12-31",
    });
  });

  it("handles leap years: FY24-Q4 ends 2024-01-31 and FY25-Q1 holds Feb 29, 2024", () => {
    expect(periodFromLabel(GITLAB, "FY24-Q4")).toMatchObject({
      start: "2023-11-01",
      end: "2024-01-31",
    });
    const q = periodContaining(GITLAB, "2024-02-29");
    expect(q).toEqual({
      label: "FY25-Q1",
      kind: "quarter",
      start: "2024-02-01",
      end: "2024-04-30",
    });
    // A fiscal year starting in March ends on Feb 29 in a leap year.
    const march: FiscalCalendar = { startMonth: 3, naming: "end" };
    expect(periodFromLabel(march, "FY24")).toMatchObject({
      start: "2023-03-01",
      end: "2024-02-29",
    });
    expect(periodFromLabel(march, "FY23-Q4")).toMatchObject({ end: "2023-02-28" });
    expect(periodFromLabel(DEFAULT_CALENDAR, "2024-Q1")).toMatchObject({ end: "2024-03-31" });
  });

  it("refuses unknown labels and says what it expected", () => {
    for (const label of ["", "FY20-Q5", "Q0 2017", "next quarter", "FY1-Q1", "20-Q2"]) {
      try {
        periodFromLabel(GITLAB, label);
        expect.unreachable(label);
      } catch (error) {
        expect(error).toBeInstanceOf(OkrError);
        expect((error as OkrError).code).toBe("unknown_period_label");
        expect((error as OkrError).message).toContain("expected a label like FY20-Q2");
      }
    }
  });

  it("refuses a broken calendar with invalid_config", () => {
    expect(() => periodFromLabel({ startMonth: 13, naming: "end" }, "FY20")).toThrow(
      /startMonth must be a whole number from 1 to 12/,
    );
  });
});

describe("formatPeriodLabel", () => {
  it("writes FY labels in fiscal calendars and plain years in calendar ones", () => {
    expect(formatPeriodLabel(GITLAB, "quarter", 2020, 2)).toBe("FY20-Q2");
    expect(formatPeriodLabel(GITLAB, "year", 2021)).toBe("FY21");
    expect(formatPeriodLabel(SOURCEGRAPH, "quarter", 2020, 4)).toBe("FY20-Q4");
    expect(formatPeriodLabel(DEFAULT_CALENDAR, "quarter", 2017, 3)).toBe("2017-Q3");
    expect(formatPeriodLabel(DEFAULT_CALENDAR, "year", 2017)).toBe("2017");
  });

  it("refuses a quarter outside 1–4", () => {
    expect(() => formatPeriodLabel(GITLAB, "quarter", 2020, 5)).toThrow(
      /Quarter must be 1, 2, 3 or 4/,
    );
    expect(() => formatPeriodLabel(GITLAB, "quarter", 2020)).toThrow(OkrError);
  });

  it("round-trips: label -> range -> containing period -> same label", () => {
    for (const calendar of [
      GITLAB,
      SOURCEGRAPH,
      DEFAULT_CALENDAR,
      { startMonth: 7, naming: "end" } as const,
    ]) {
      for (let year = 2016; year <= 2030; year++) {
        for (let quarter = 1; quarter <= 4; quarter++) {
          const label = formatPeriodLabel(calendar, "quarter", year, quarter);
          const range = periodFromLabel(calendar, label);
          expect(range.label).toBe(label);
          expect(periodContaining(calendar, range.start)).toEqual(range);
          expect(periodContaining(calendar, range.end)).toEqual(range);
          expect(parsePeriodLabel(label)).toMatchObject({ year, quarter });
        }
        const yearLabel = formatPeriodLabel(calendar, "year", year);
        const yearRange = periodFromLabel(calendar, yearLabel);
        expect(periodContaining(calendar, yearRange.start, "year")).toEqual(yearRange);
        expect(periodContaining(calendar, yearRange.end, "year")).toEqual(yearRange);
      }
    }
  });
});

describe("periodContaining", () => {
  it("puts the first and last day of a quarter in that quarter", () => {
    expect(periodContaining(GITLAB, "2019-05-01").label).toBe("FY20-Q2");
    expect(periodContaining(GITLAB, "2019-07-31").label).toBe("FY20-Q2");
    expect(periodContaining(GITLAB, "2019-08-01").label).toBe("FY20-Q3");
    expect(periodContaining(GITLAB, "2019-04-30").label).toBe("FY20-Q1");
  });

  it("puts January in the fourth quarter of the fiscal year that ends then", () => {
    expect(periodContaining(GITLAB, "2020-01-31").label).toBe("FY20-Q4");
    expect(periodContaining(GITLAB, "2020-02-01").label).toBe("FY21-Q1");
    expect(periodContaining(SOURCEGRAPH, "2021-01-15").label).toBe("FY20-Q4");
    expect(periodContaining(GITLAB, "2020-01-31", "year")).toMatchObject({
      label: "FY20",
      start: "2019-02-01",
    });
  });

  it("uses calendar quarters by default", () => {
    expect(periodContaining(DEFAULT_CALENDAR, "2017-09-30")).toEqual({
      label: "2017-Q3",
      kind: "quarter",
      start: "2017-07-01",
      end: "2017-09-30",
    });
    expect(periodContaining(DEFAULT_CALENDAR, "2018-01-01").label).toBe("2018-Q1");
  });

  it("refuses a malformed day", () => {
    for (const day of ["2019-02-30", "2019-13-01", "yesterday", "2019-2-1"]) {
      expect(() => periodContaining(GITLAB, day), day).toThrow(/Invalid date/);
    }
  });
});

describe("nextPeriod and previousPeriod", () => {
  it("walk quarters across fiscal year boundaries", () => {
    const q4 = periodFromLabel(GITLAB, "FY20-Q4");
    expect(nextPeriod(GITLAB, q4).label).toBe("FY21-Q1");
    expect(previousPeriod(GITLAB, periodFromLabel(GITLAB, "FY21-Q1"))).toEqual(q4);
    expect(previousPeriod(GITLAB, q4).label).toBe("FY20-Q3");
  });

  it("walk years", () => {
    expect(nextPeriod(GITLAB, periodFromLabel(GITLAB, "FY20"))).toMatchObject({
      label: "FY21",
      start: "2020-02-01",
      end: "2021-01-31",
    });
    expect(previousPeriod(SOURCEGRAPH, periodFromLabel(SOURCEGRAPH, "FY2020")).label).toBe("FY19");
  });

  it("keep calendar quarters calendar quarters inside a fiscal workspace", () => {
    expect(nextPeriod(GITLAB, periodFromLabel(GITLAB, "2017-Q4"))).toEqual({
      label: "2018-Q1",
      kind: "quarter",
      start: "2018-01-01",
      end: "2018-03-31",
    });
  });

  it("are inverse of each other over many quarters", () => {
    let range = periodFromLabel(GITLAB, "FY18-Q1");
    for (let i = 0; i < 40; i++) {
      const next = nextPeriod(GITLAB, range);
      expect(next.start).toBe(addDays(range.end, 1));
      expect(previousPeriod(GITLAB, next)).toEqual(range);
      range = next;
    }
    expect(range.label).toBe("FY28-Q1");
  });
});
