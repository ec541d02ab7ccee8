/**
 * The period of a page: a label from the title or front matter (`FY20-Q4 OKRs`,
 * `Calendar Year 2017 Q3 OKRs`), dates from the page's own sentence ("runs from May 1, 2019 to
 * July 31, 2019"), read in the workspace's fiscal calendar — or, when none is given, in the
 * calendar the page's own dates imply.
 */
import type { Problem } from "../core/document.js";
import { parsePeriodLabel, periodContaining, periodFromLabel } from "../core/fiscal-calendar.js";
import type { FiscalCalendar } from "../core/types.js";

export interface PagePeriod {
  label: string;
  start: string;
  end: string;
}

/** GitLab's calendar: FY20 runs February 2019 – January 2020. The default for FY pages. */
export const GITLAB_CALENDAR: FiscalCalendar = { startMonth: 2, naming: "end" };

const LABEL_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/\bFY\s*'?(\d{4}|\d{2})[\s\-_/]*Q([1-4])\b/i, (m) => `FY${m[1]}-Q${m[2]}`],
  [/\bQ([1-4])[\s\-_/]*FY\s*'?(\d{4}|\d{2})\b/i, (m) => `FY${m[2]}-Q${m[1]}`],
  [/\b((?:19|20)\d{2})[\s\-_/]*Q([1-4])\b/i, (m) => `${m[1]}-Q${m[2]}`],
  [/\bQ([1-4])[\s\-_/]*((?:19|20)\d{2})\b/i, (m) => `${m[2]}-Q${m[1]}`],
];

/** The period label a title names (`Calendar Year 2017 Q3 OKRs` → `2017-Q3`), or null. */
export function labelInText(text: string): string | null {
  for (const [pattern, make] of LABEL_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return make(m);
  }
  return null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** `2020-05-01`, `May 1, 2019`, `1 May 2019`; null when it is none of those. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m?.[1]) {
    const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1;
    if (month > 0) return isoOf(Number(m[3]), month, Number(m[2]));
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(t);
  if (m?.[2]) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    if (month > 0) return isoOf(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

const DATE =
  "(\\d{4}-\\d{1,2}-\\d{1,2}|[A-Za-z]{3,}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+[A-Za-z]{3,}\\.?,?\\s+\\d{4})";
const RUNS_FROM = new RegExp(
  `\\b(?:runs?|running|lasts?)\\s+from\\s+${DATE}\\s+(?:to|through|until|–|-)\\s+${DATE}`,
  "i",
);

/** The dates of "… runs from May 1, 2019 to July 31, 2019", or null. */
export function datesInText(text: string): { start: string; end: string } | null {
  const m = RUNS_FROM.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const start = readDate(m[1]);
  const end = readDate(m[2]);
  if (start === null || end === null || end < start) return null;
  return { start, end };
}

/** Calendars tried, in order, when the page's dates must say which one it uses. */
function candidateCalendars(): FiscalCalendar[] {
  const out: FiscalCalendar[] = [GITLAB_CALENDAR, { startMonth: 2, naming: "start" }];
  for (let month = 1; month <= 12; month++) {
    for (const naming of ["end", "start"] as const) {
      if (month === 2) continue;
      out.push({ startMonth: month, naming });
    }
  }
  return out;
}

export interface PeriodInput {
  /** Label candidates, best first: front matter `period`, title, first heading. */
  labels: string[];
  dates: { start: string; end: string; line: number } | null;
  calendar: FiscalCalendar | undefined;
  /** Front matter `period` as written, kept when it is not a label the calendar knows. */
  customLabel?: string;
}

/**
 * Decides the page's period. With a calendar given, the label is read in it and the page's own
 * dates win when they differ (with a warning). Without one, FY labels are read in the calendar
 * whose quarter matches the page's dates, else GitLab's.
 */
export function decidePeriod(input: PeriodInput, problems: Problem[]): PagePeriod | null {
  let label: string | null = null;
  for (const candidate of input.labels) {
    label = labelInText(candidate) ?? (isLabel(candidate) ? candidate.trim() : null);
    if (label !== null) break;
  }
  const dates = input.dates;
  if (label === null) {
    if (dates === null) return null;
    // A workspace's own label ("Sprint 12", "H1 planning") is kept when the page gives dates.
    if (input.customLabel) return { label: input.customLabel, start: dates.start, end: dates.end };
    const range = periodContaining(input.calendar ?? GITLAB_CALENDAR, dates.start);
    return { label: range.label, start: dates.start, end: dates.end };
  }
  const parsed = parsePeriodLabel(label);
  if (!parsed.fiscal || input.calendar !== undefined) {
    const range = periodFromLabel(input.calendar ?? GITLAB_CALENDAR, label);
    if (dates !== null && (dates.start !== range.start || dates.end !== range.end)) {
      problems.push({
        line: dates.line,
        severity: "warning",
        code: "period_dates_mismatch",
        message: `The page says ${range.label} runs from ${dates.start} to ${dates.end}, but the fiscal calendar makes it ${range.start} to ${range.end}; the page's dates are kept.`,
      });
      return { label: range.label, start: dates.start, end: dates.end };
    }
    return { label: range.label, start: range.start, end: range.end };
  }
  if (dates !== null) {
    for (const calendar of candidateCalendars()) {
      const range = periodFromLabel(calendar, label);
      if (range.start === dates.start && range.end === dates.end) {
        return { label: range.label, start: range.start, end: range.end };
      }
    }
    const range = periodFromLabel(GITLAB_CALENDAR, label);
    problems.push({
      line: dates.line,
      severity: "warning",
      code: "period_dates_mismatch",
      message: `No fiscal calendar makes ${range.label} run from ${dates.start} to ${dates.end}; the page's dates are kept.`,
    });
    return { label: range.label, start: dates.start, end: dates.end };
  }
  const range = periodFromLabel(GITLAB_CALENDAR, label);
  return { label: range.label, start: range.start, end: range.end };
}

function isLabel(text: string): boolean {
  try {
    parsePeriodLabel(text);
    return true;
  } catch {
    return false;
  }
}
