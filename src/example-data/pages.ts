/**
 * The example pages, read from `pages/*.md` and given real period labels and dates.
 * The pages use placeholders instead of labels, so the same company fits any workspace
 * calendar and any day the example data is loaded on:
 * `{{period}}`, `{{start}}`, `{{end}}`, `{{next}}`, `{{previous}}`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OkrError } from "../core/errors.js";
import { nextPeriod, periodContaining, previousPeriod } from "../core/fiscal-calendar.js";
import type { FiscalCalendar, IsoDate, PeriodRange } from "../core/types.js";
import { type ExampleQuarter, QUARTER_PAGES } from "./check-ins.js";

export interface ExamplePage {
  quarter: ExampleQuarter;
  range: PeriodRange;
  /** The page with its placeholders filled in. */
  markdown: string;
}

/**
 * Where the page files are: next to this module when run from source, or in the package's
 * `src/example-data/pages` when run from the build (the compiler does not copy Markdown).
 */
function pagesDirectory(): string {
  const candidates = [
    new URL("./pages/", import.meta.url),
    new URL("../../src/example-data/pages/", import.meta.url),
  ];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new OkrError(
    "internal_error",
    "The example data pages (src/example-data/pages) are missing from this installation.",
  );
}

/** The raw text of one page, placeholders and all. */
export function readPageTemplate(file: string): string {
  return readFileSync(`${pagesDirectory()}${file}`, "utf8");
}

/** Fills a page's placeholders for `range`; its neighbours come from the calendar. */
export function fillPage(template: string, calendar: FiscalCalendar, range: PeriodRange): string {
  const values: Record<string, string> = {
    period: range.label,
    start: range.start,
    end: range.end,
    next: nextPeriod(calendar, range).label,
    previous: previousPeriod(calendar, range).label,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The quarters the example data fills: the one containing `today` and the two before it. */
export function exampleQuarters(
  calendar: FiscalCalendar,
  today: IsoDate,
): Record<ExampleQuarter, PeriodRange> {
  const current = periodContaining(calendar, today);
  const last = previousPeriod(calendar, current);
  return { two_ago: previousPeriod(calendar, last), last, current };
}

/** The three pages, oldest first, ready to import. */
export function examplePages(calendar: FiscalCalendar, today: IsoDate): ExamplePage[] {
  const quarters = exampleQuarters(calendar, today);
  return (["two_ago", "last", "current"] as const).map((quarter) => ({
    quarter,
    range: quarters[quarter],
    markdown: fillPage(readPageTemplate(QUARTER_PAGES[quarter]), calendar, quarters[quarter]),
  }));
}
