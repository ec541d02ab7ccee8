/**
 * Fiscal calendars: period labels (`FY20-Q2`, `2017-Q3`) to date ranges and back.
 *
 * Dates are handled as plain year/month/day integers, never as local `Date`s: a quarter is a
 * run of calendar days, and time zones or daylight saving must not move its edges.
 */
import { OkrError } from "./errors.js";
import type { FiscalCalendar, IsoDate, PeriodKind, PeriodRange } from "./types.js";

/** Plain calendar quarters: FY = calendar year, labels `2017-Q3`. */
export const DEFAULT_CALENDAR: FiscalCalendar = { startMonth: 1, naming: "start" };

/** What a label names, before it is turned into dates. */
export interface ParsedPeriodLabel {
  kind: PeriodKind;
  /** Four-digit year as written (`FY20` gives 2020). */
  year: number;
  quarter: number | null;
  /** True for `FY…` labels (read in the workspace calendar), false for `2017-Q3` (calendar). */
  fiscal: boolean;
}

const EXPECTED_LABELS =
  "expected a label like FY20-Q2, FY2020-Q2, Q2 FY20, FY21, 2017-Q3, Q3 2017 or 2017";

const SEP = "[\\s\\-_/]*";
const FY = "FY\\s*'?(\\d{2}|\\d{4})";
const Q = "Q([1-4])";
const YEAR = "(\\d{4})";

const FISCAL_YEAR_QUARTER = new RegExp(`^${FY}${SEP}${Q}$`, "i");
const QUARTER_FISCAL_YEAR = new RegExp(`^${Q}${SEP}${FY}$`, "i");
const FISCAL_YEAR = new RegExp(`^${FY}$`, "i");
const YEAR_QUARTER = new RegExp(`^${YEAR}${SEP}${Q}$`, "i");
const QUARTER_YEAR = new RegExp(`^${Q}${SEP}${YEAR}$`, "i");
const CALENDAR_YEAR = new RegExp(`^${YEAR}$`);

function expandYear(written: string): number {
  const year = Number(written);
  // Two-digit fiscal years (FY20) are always this century: OKRs did not exist in 1920.
  return written.length === 2 ? 2000 + year : year;
}

/**
 * Reads a period label without turning it into dates.
 * @throws OkrError `unknown_period_label` when the label matches no known form.
 */
export function parsePeriodLabel(label: string): ParsedPeriodLabel {
  const text = typeof label === "string" ? label.trim() : "";
  let m = FISCAL_YEAR_QUARTER.exec(text);
  if (m)
    return { kind: "quarter", year: expandYear(m[1] ?? ""), quarter: Number(m[2]), fiscal: true };
  m = QUARTER_FISCAL_YEAR.exec(text);
  if (m)
    return { kind: "quarter", year: expandYear(m[2] ?? ""), quarter: Number(m[1]), fiscal: true };
  m = FISCAL_YEAR.exec(text);
  if (m) return { kind: "year", year: expandYear(m[1] ?? ""), quarter: null, fiscal: true };
  m = YEAR_QUARTER.exec(text);
  if (m) return { kind: "quarter", year: Number(m[1]), quarter: Number(m[2]), fiscal: false };
  m = QUARTER_YEAR.exec(text);
  if (m) return { kind: "quarter", year: Number(m[2]), quarter: Number(m[1]), fiscal: false };
  m = CALENDAR_YEAR.exec(text);
  if (m) return { kind: "year", year: Number(m[1]), quarter: null, fiscal: false };
  throw new OkrError(
    "unknown_period_label",
    `Unknown period label "${String(label)}": ${EXPECTED_LABELS}.`,
    {
      label,
    },
  );
}

/** Whether the calendar has fiscal years that differ from calendar years. */
export function isFiscalCalendar(calendar: FiscalCalendar): boolean {
  return calendar.startMonth !== 1;
}

function assertCalendar(calendar: FiscalCalendar): void {
  if (
    !Number.isInteger(calendar.startMonth) ||
    calendar.startMonth < 1 ||
    calendar.startMonth > 12
  ) {
    throw new OkrError(
      "invalid_config",
      `Fiscal calendar startMonth must be a whole number from 1 to 12, got ${String(calendar.startMonth)}.`,
      { field: "startMonth" },
    );
  }
  if (calendar.naming !== "start" && calendar.naming !== "end") {
    throw new OkrError(
      "invalid_config",
      `Fiscal calendar naming must be "start" or "end", got ${String(calendar.naming)}.`,
      { field: "naming" },
    );
  }
}

/** Calendar year in which fiscal year `fiscalYear` starts. */
function startYearOf(calendar: FiscalCalendar, fiscalYear: number): number {
  if (!isFiscalCalendar(calendar)) return fiscalYear;
  return calendar.naming === "end" ? fiscalYear - 1 : fiscalYear;
}

/** Fiscal year whose first calendar year is `startYear`. */
function fiscalYearStartingIn(calendar: FiscalCalendar, startYear: number): number {
  if (!isFiscalCalendar(calendar)) return startYear;
  return calendar.naming === "end" ? startYear + 1 : startYear;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC knows leap years.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole months to (year, month 1–12). */
function addMonths(year: number, month: number, months: number): [number, number] {
  const index = year * 12 + (month - 1) + months;
  return [Math.floor(index / 12), (index % 12) + 1];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a day of the calendar written YYYY-MM-DD (`2026-02-30` is not). */
export function isIsoDate(day: string): boolean {
  try {
    parseIsoDate(day);
    return true;
  } catch {
    return false;
  }
}

function parseIsoDate(day: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(typeof day === "string" ? day : "");
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const date = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) {
    throw new OkrError("invalid_input", `Invalid date "${String(day)}": expected YYYY-MM-DD.`, {
      field: "date",
    });
  }
  return [year, month, date];
}

/**
 * The canonical label of a period: `FY20-Q2` / `FY20` in a fiscal calendar, `2017-Q3` / `2017`
 * in a calendar one.
 */
export function formatPeriodLabel(
  calendar: FiscalCalendar,
  kind: PeriodKind,
  fiscalYear: number,
  quarter?: number,
): string {
  const year = isFiscalCalendar(calendar)
    ? `FY${fiscalYear >= 2000 && fiscalYear < 2100 ? pad(fiscalYear - 2000, 2) : fiscalYear}`
    : String(fiscalYear);
  if (kind === "year") return year;
  if (quarter === undefined || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new OkrError("invalid_input", `Quarter must be 1, 2, 3 or 4, got ${String(quarter)}.`, {
      field: "quarter",
    });
  }
  return `${year}-Q${quarter}`;
}

/** The date range of fiscal year `fiscalYear` (and quarter, when given) in `calendar`. */
export function periodRangeOf(
  calendar: FiscalCalendar,
  kind: PeriodKind,
  fiscalYear: number,
  quarter?: number,
): PeriodRange {
  assertCalendar(calendar);
  const label = formatPeriodLabel(calendar, kind, fiscalYear, quarter);
  const startYear = startYearOf(calendar, fiscalYear);
  const offset = kind === "quarter" ? ((quarter ?? 1) - 1) * 3 : 0;
  const [sy, sm] = addMonths(startYear, calendar.startMonth, offset);
  const [ey, em] = addMonths(sy, sm, kind === "quarter" ? 2 : 11);
  return {
    label,
    kind,
    start: formatDate(sy, sm, 1),
    end: formatDate(ey, em, daysInMonth(ey, em)),
  };
}

/**
 * The date range a label names. `FY…` labels are read in `calendar`; labels without `FY`
 * (`2017-Q3`, `Q3 2017`, `2017`) are plain calendar quarters and years whatever the calendar,
 * as older handbook pages used them.
 * @example periodFromLabel({ startMonth: 2, naming: "end" }, "FY20-Q2")
 *   // { label: "FY20-Q2", kind: "quarter", start: "2019-05-01", end: "2019-07-31" }
 * @throws OkrError `unknown_period_label`
 */
export function periodFromLabel(calendar: FiscalCalendar, label: string): PeriodRange {
  const parsed = parsePeriodLabel(label);
  const effective = parsed.fiscal ? calendar : DEFAULT_CALENDAR;
  return periodRangeOf(effective, parsed.kind, parsed.year, parsed.quarter ?? undefined);
}

/** The fiscal year and quarter a day falls in. */
export function fiscalPositionOf(
  calendar: FiscalCalendar,
  day: IsoDate,
): { fiscalYear: number; quarter: number } {
  assertCalendar(calendar);
  const [year, month] = parseIsoDate(day);
  const monthsIntoYear = (month - calendar.startMonth + 12) % 12;
  const startYear = month >= calendar.startMonth ? year : year - 1;
  return {
    fiscalYear: fiscalYearStartingIn(calendar, startYear),
    quarter: Math.floor(monthsIntoYear / 3) + 1,
  };
}

/** The quarter (or year) of `calendar` that contains `day`. */
export function periodContaining(
  calendar: FiscalCalendar,
  day: IsoDate,
  kind: PeriodKind = "quarter",
): PeriodRange {
  const { fiscalYear, quarter } = fiscalPositionOf(calendar, day);
  return periodRangeOf(calendar, kind, fiscalYear, kind === "quarter" ? quarter : undefined);
}

/** Adds whole days to an ISO date. */
export function addDays(day: IsoDate, days: number): IsoDate {
  const [y, m, d] = parseIsoDate(day);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The calendar a range was made in: a range labelled `2017-Q3` is a calendar quarter even
 * inside a fiscal workspace, so its neighbours are calendar quarters too.
 */
function calendarOfRange(calendar: FiscalCalendar, range: PeriodRange): FiscalCalendar {
  try {
    return parsePeriodLabel(range.label).fiscal ? calendar : DEFAULT_CALENDAR;
  } catch {
    return calendar;
  }
}

/** The period of the same kind right after `range`. */
export function nextPeriod(calendar: FiscalCalendar, range: PeriodRange): PeriodRange {
  return periodContaining(calendarOfRange(calendar, range), addDays(range.end, 1), range.kind);
}

/** The period of the same kind right before `range`. */
export function previousPeriod(calendar: FiscalCalendar, range: PeriodRange): PeriodRange {
  return periodContaining(calendarOfRange(calendar, range), addDays(range.start, -1), range.kind);
}
