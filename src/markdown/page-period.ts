/** The page's period: from front matter, the title, the first heading or a dates sentence. */
import type { OkrDocument, Problem } from "../core/document.js";
import type { PageState, ParseOptions } from "./page-state.js";
import { messageOf } from "./page-state.js";
import { decidePeriod } from "./period.js";

export interface PageNames {
  front: Record<string, unknown>;
  title: string | null;
  /** The first `#` heading, else the first heading of any level. */
  firstHeading: string | null;
  dates: { start: string; end: string; line: number } | null;
}

/** Decides the period, recording why it could not when it cannot. */
export function pagePeriod(
  names: PageNames,
  options: ParseOptions,
  page: Pick<PageState, "problem">,
  problems: Problem[],
): OkrDocument["period"] {
  const { front } = names;
  let dates = names.dates;
  const labels: string[] = options.section ? [options.section.label] : [];
  for (const key of ["period", "quarter"]) {
    const value = front[key];
    if (typeof value === "string" || typeof value === "number") labels.push(String(value));
  }
  if (names.title !== null) labels.push(names.title);
  if (names.firstHeading !== null) labels.push(names.firstHeading);
  if (dates === null) {
    const start = front.start;
    const end = front.end;
    if (typeof start === "string" && typeof end === "string") dates = { start, end, line: 1 };
  }
  try {
    const written = front.period;
    return decidePeriod(
      {
        labels,
        dates,
        calendar: options.calendar,
        customLabel: typeof written === "string" ? written.trim() : undefined,
      },
      problems,
    );
  } catch (error) {
    page.problem(
      1,
      "warning",
      "period_unknown",
      `The period could not be read: ${messageOf(error)}`,
    );
    return null;
  }
}
