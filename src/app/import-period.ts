/**
 * Which period a page goes into. A label names one span of dates: a page whose label matches a
 * period with other dates (GitLab FY20-Q2 is May–July 2019, Sourcegraph FY20-Q2 May–July 2020)
 * is never merged into it. It goes into a distinct period, labelled with its own years
 * ("FY20-Q2 (2020)"), unless the user chooses one (`periodId`, `periodLabel`).
 * See docs/decisions/0011-period-identity.md.
 */
import type { OkrDocument } from "../core/document.js";
import { OkrError } from "../core/errors.js";
import { periodFromLabel } from "../core/fiscal-calendar.js";
import type { Id, IsoDate, Period, PeriodRange } from "../core/types.js";
import type { Db } from "../store/db.js";
import { findPeriodByLabel, getPeriod, setPeriodClosedAt } from "../store/periods.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { loadSettings } from "./settings.js";

/** Where an import goes, as the preview tells it. */
export interface ImportPeriodPlan {
  /** The period's label: existing, or the one the import creates. */
  label: string;
  /** The existing period, or undefined when the import creates one. */
  period: Period | undefined;
  /** Dates of a period the import creates (the page's own, when it has them). */
  start?: IsoDate;
  end?: IsoDate;
  /** Set when the page's label is taken by a period with other dates: what was kept apart. */
  clash?: { label: string; start: IsoDate; end: IsoDate; pageStart: IsoDate; pageEnd: IsoDate };
  /** One plain sentence for the preview; empty when there is nothing to say. */
  message: string;
}

/** "2020", or "2019–20" for a span across a year's end. */
export function yearSpanOf(start: IsoDate, end: IsoDate): string {
  const from = start.slice(0, 4);
  const to = end.slice(0, 4);
  return from === to ? from : `${from}–${to.slice(2)}`;
}

function sameDates(period: Pick<Period, "start" | "end">, start: IsoDate, end: IsoDate): boolean {
  return period.start === start && period.end === end;
}

/**
 * The period a page goes into. `periodId` and `periodLabel` are the user's choice; otherwise
 * the page's label (or its spelling under the workspace calendar) when its dates agree, else
 * a distinct period for the page's own dates.
 */
export async function planImportPeriod(
  db: Db,
  document: OkrDocument,
  options: { periodId?: Id; periodLabel?: string },
): Promise<ImportPeriodPlan> {
  if (options.periodId !== undefined) {
    const period = await getPeriod(db, options.periodId);
    return { label: period.label, period, message: "" };
  }
  const page = document.period;
  const chosen = options.periodLabel?.trim();
  if (chosen) {
    const period = await findByLabelOrCanonical(db, chosen, null);
    if (period) return { label: period.label, period, message: "" };
    // A new label of the user's own ("FY20-Q2 Sourcegraph") takes the page's dates when the
    // calendar cannot read it.
    const dates = (await readsAsPeriod(db, chosen)) ? {} : pageDates(page);
    return { label: chosen, period: undefined, ...dates, message: "" };
  }
  const label = page?.label;
  if (!label) {
    throw new OkrError(
      "invalid_input",
      "The page names no period: put it in the title (`FY20-Q4 OKRs`) or front matter (`period: FY20-Q4`), or choose one (the import's period choice; --period FY20-Q4 on the command line).",
      { field: "period" },
    );
  }
  const byLabel = await findByLabelOrCanonical(db, label, page);
  if (byLabel === undefined || !page || sameDates(byLabel, page.start, page.end)) {
    return byLabel
      ? { label: byLabel.label, period: byLabel, message: "" }
      : { label, period: undefined, ...pageDates(page), message: "" };
  }
  // The label is taken by other dates: a period of the page's own, never a merge.
  const distinct = `${label} (${yearSpanOf(page.start, page.end)})`;
  const clash = {
    label: byLabel.label,
    start: byLabel.start,
    end: byLabel.end,
    pageStart: page.start,
    pageEnd: page.end,
  };
  const existing = await findPeriodByLabel(db, distinct);
  if (existing && !sameDates(existing, page.start, page.end)) {
    throw new OkrError(
      "conflict",
      `The page's ${label} runs ${page.start} to ${page.end}, but ${byLabel.label} and ${distinct} are other dates; choose a period (--period LABEL).`,
      { clash },
    );
  }
  const said = `This page's ${label} runs ${page.start} to ${page.end}; the existing ${byLabel.label} runs ${byLabel.start} to ${byLabel.end}. They are kept apart: the page goes into ${existing ? "the period" : "a new period"} "${distinct}", or choose another period.`;
  return existing
    ? { label: distinct, period: existing, clash, message: said }
    : {
        label: distinct,
        period: undefined,
        start: page.start,
        end: page.end,
        clash,
        message: said,
      };
}

function pageDates(page: OkrDocument["period"]): { start?: IsoDate; end?: IsoDate } {
  return page ? { start: page.start, end: page.end } : {};
}

async function readsAsPeriod(db: Db, label: string): Promise<boolean> {
  try {
    periodFromLabel((await loadSettings(db)).calendar, label);
    return true;
  } catch {
    return false;
  }
}

/**
 * The period stored under the label, or — "FY40-Q1" in a calendar-year workspace is stored as
 * "2040-Q1" — under the calendar's spelling of it, unless the page's dates say it is another.
 */
async function findByLabelOrCanonical(
  db: Db,
  label: string,
  page: OkrDocument["period"],
): Promise<Period | undefined> {
  const period = await findPeriodByLabel(db, label);
  if (period) return period;
  let canonical: PeriodRange | undefined;
  try {
    canonical = periodFromLabel((await loadSettings(db)).calendar, label);
  } catch {
    return undefined;
  }
  if (page && page.start !== canonical.start) return undefined;
  return findPeriodByLabel(db, canonical.label);
}

/** The period an import goes into, as the preview says it. */
export interface ImportPreviewPeriod {
  label: string;
  start: string | null;
  end: string | null;
  /** The period exists already (else the import creates it). */
  exists: boolean;
  /** It exists and is closed. */
  closed: boolean;
  /** Its end date is before today: a past quarter, best imported as closed. */
  past: boolean;
  /** The page's label is taken by a period with other dates (kept apart). */
  clash: { label: string; start: string; end: string } | null;
  /** A plain sentence when there is something to decide; else empty. */
  message: string;
}

/** What the preview says about the period: where the page goes, and what to decide. */
export function previewPeriodOf(plan: ImportPeriodPlan, now: Date): ImportPreviewPeriod {
  const period = plan.period;
  const end = period?.end ?? plan.end ?? null;
  return {
    label: plan.label,
    start: period?.start ?? plan.start ?? null,
    end,
    exists: period !== undefined,
    closed: period?.closedAt != null,
    past: end !== null && end < now.toISOString().slice(0, 10),
    clash: plan.clash
      ? { label: plan.clash.label, start: plan.clash.start, end: plan.clash.end }
      : null,
    message: plan.message,
  };
}

/**
 * Closes a period imported as history: its statuses stay as the page has them (no grading at
 * close, unlike `closePeriod`), and it refuses check-ins until an admin reopens it.
 */
export async function closeImportedPeriod(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
): Promise<void> {
  const before = await getPeriod(deps.db, periodId);
  const period = await setPeriodClosedAt(deps.db, periodId, nowIso(deps));
  await recordAudit(deps.db, deps, actor, {
    action: "close",
    entity: "period",
    entityId: periodId,
    before,
    after: { ...period, graded: [], imported: true },
  });
}
