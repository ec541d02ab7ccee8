/** Periods: list, find by label, create from a label through the fiscal calendar, close with grading, reopen. */
import { isOkrError, OkrError } from "../core/errors.js";
import { periodFromLabel } from "../core/fiscal-calendar.js";
import { progressForRollUp } from "../core/roll-up.js";
import type {
  FiscalCalendar,
  Id,
  IsoDate,
  IsoDateTime,
  KeyResult,
  Period,
  PeriodKind,
  PeriodRange,
  Status,
} from "../core/types.js";
import { listAuditEvents } from "../store/audit.repository.js";
import { type Db, withTransaction } from "../store/db.js";
import { setKeyResultStatuses } from "../store/key-result-statuses.repository.js";
import { listKeyResultsByPeriod } from "../store/key-results.repository.js";
import * as store from "../store/periods.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin, assertEditor } from "./permissions.js";
import { CreatePeriodInputSchema, IdSchema, ListPeriodsInputSchema } from "./schemas.js";
import { loadSettings } from "./settings.js";

/** Every period, earliest first; `{label}` narrows to that label. */
export async function listPeriods(
  deps: AppDeps,
  _actor: Actor,
  input: unknown = {},
): Promise<Period[]> {
  const { label } = parseInput(ListPeriodsInputSchema, input);
  if (label !== undefined) {
    const period = await findPeriodByLabel(deps, _actor, label);
    return period ? [period] : [];
  }
  return store.listPeriods(deps.db);
}

/** One period; `not_found` when there is none. */
export async function getPeriod(deps: AppDeps, _actor: Actor, periodId: Id): Promise<Period> {
  return store.getPeriod(deps.db, parseInput(IdSchema, periodId));
}

/**
 * The period with that label, or undefined. A label in another spelling ("Q2FY20", "FY2020-Q2")
 * finds the period stored under the workspace calendar's canonical label.
 */
export async function findPeriodByLabel(
  deps: AppDeps,
  _actor: Actor,
  label: string,
): Promise<Period | undefined> {
  const typed = await store.findPeriodByLabel(deps.db, label.trim());
  if (typed) return typed;
  let canonical: string;
  try {
    canonical = periodFromLabel((await loadSettings(deps.db)).calendar, label).label;
  } catch {
    return undefined;
  }
  return canonical === label.trim() ? undefined : store.findPeriodByLabel(deps.db, canonical);
}

/**
 * Creates a period from its label ("FY20-Q2", "2017-Q3", "FY2021"): the dates come from the
 * workspace's fiscal calendar, unless given (an imported page's own dates, kept with its label
 * as written). A label already used answers `conflict`.
 */
export async function createPeriod(deps: AppDeps, actor: Actor, input: unknown): Promise<Period> {
  const { label, start, end } = parseInput(CreatePeriodInputSchema, input);
  assertEditor(actor, "create periods");
  const settings = await loadSettings(deps.db);
  const range =
    start !== undefined && end !== undefined
      ? { label, kind: kindOf(settings.calendar, label, start, end), start, end }
      : rangeOfLabel(settings.calendar, label);
  return withTransaction(deps.db, async (trx) => {
    const existing =
      (await store.findPeriodByLabel(trx, range.label)) ??
      (await store.findPeriodByLabel(trx, label));
    if (existing) {
      throw new OkrError("conflict", `Period ${existing.label} already exists.`, {
        field: "label",
        periodId: existing.id,
      });
    }
    const period: Period = { id: deps.newId(), ...range, closedAt: null };
    await store.insertPeriod(trx, period, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "period",
      entityId: period.id,
      before: null,
      after: period,
    });
    return period;
  });
}

/** The calendar's dates for a new period's `label`; a label it cannot read names the field. */
function rangeOfLabel(calendar: FiscalCalendar, label: string): PeriodRange {
  try {
    return periodFromLabel(calendar, label);
  } catch (error) {
    if (!isOkrError(error) || error.code !== "unknown_period_label") throw error;
    throw new OkrError(error.code, error.message, { field: "label", label });
  }
}

/**
 * A period's kind: as its label reads, or — for a label of the user's own, given with its dates
 * ("FY20-Q2 (2020)") — a year when it spans more than half a year, else a quarter.
 */
function kindOf(calendar: FiscalCalendar, label: string, start: IsoDate, end: IsoDate): PeriodKind {
  try {
    return periodFromLabel(calendar, label).kind;
  } catch {
    // A label of the user's own: its dates say what it is.
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
    return days > 183 ? "year" : "quarter";
  }
}

/** One key result graded at close: the status closing set, and the one it had before. */
export interface Graded {
  id: Id;
  status: Status;
  from: Status | null;
}

export interface ClosePeriodResult {
  period: Period;
  /** Key results graded at close: done (reached their target) or missed. */
  graded: Graded[];
}

const FINAL: ReadonlySet<Status | null> = new Set<Status | null>([
  "done",
  "carried_over",
  "cancelled",
  "missed",
]);

/** The status a key result gets at close: done when it reached its target, else missed. */
export function gradeAtClose(kr: KeyResult): Status {
  const progress = progressForRollUp(kr);
  return progress !== null && progress >= 1 ? "done" : "missed";
}

/**
 * Closes a period with grading: every unfinished key result (not done, carried over,
 * cancelled) becomes done when it reached its target, else missed; scores stay as they are.
 * Afterwards the period refuses writes (`period_closed`) until an admin reopens it.
 */
export async function closePeriod(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
): Promise<ClosePeriodResult> {
  const id = parseInput(IdSchema, periodId);
  assertEditor(actor, "close periods");
  return withTransaction(deps.db, async (trx) => {
    const before = await store.getPeriod(trx, id);
    if (before.closedAt !== null) {
      throw new OkrError("period_closed", `Period ${before.label} is already closed.`, {
        periodId: id,
      });
    }
    const at = nowIso(deps);
    const graded: Graded[] = [];
    for (const kr of await listKeyResultsByPeriod(trx, id)) {
      if (kr.archived || FINAL.has(kr.status)) continue;
      graded.push({ id: kr.id, status: gradeAtClose(kr), from: kr.status });
    }
    for (const status of ["done", "missed"] as const) {
      const ids = graded.filter((g) => g.status === status).map((g) => g.id);
      await setKeyResultStatuses(trx, ids, status, at);
    }
    const period = await store.setPeriodClosedAt(trx, id, at);
    await recordAudit(trx, deps, actor, {
      action: "close",
      entity: "period",
      entityId: id,
      before,
      after: { ...period, graded },
    });
    return { period, graded };
  });
}

/**
 * Reopens a closed period (admins only) and undoes the grading its close did: each key result
 * that closing marked done or missed gets back the status it had, unless it was changed since.
 * The close's audit event keeps what closing changed.
 */
export async function reopenPeriod(deps: AppDeps, actor: Actor, periodId: Id): Promise<Period> {
  const id = parseInput(IdSchema, periodId);
  assertAdmin(actor, "reopen periods");
  return withTransaction(deps.db, async (trx) => {
    const before = await store.getPeriod(trx, id);
    if (before.closedAt === null) return before;
    const at = nowIso(deps);
    const restored = await restoreGrading(trx, id, at);
    const period = await store.setPeriodClosedAt(trx, id, null);
    await recordAudit(trx, deps, actor, {
      action: "reopen",
      entity: "period",
      entityId: id,
      before,
      after: { ...period, restored },
    });
    return period;
  });
}

/** The grading of the period's last close, as its audit event kept it. */
async function lastGrading(db: Db, periodId: Id): Promise<Graded[]> {
  const [close] = await listAuditEvents(db, {
    entity: "period",
    entityId: periodId,
    action: "close",
    limit: 1,
  });
  const graded = (close?.after as { graded?: unknown } | undefined)?.graded;
  if (!Array.isArray(graded)) return [];
  return graded.filter(
    (g): g is Graded =>
      typeof g === "object" && g !== null && typeof (g as Graded).id === "string" && "from" in g,
  );
}

/** Puts back the statuses the last close set; returns what it restored. */
async function restoreGrading(db: Db, periodId: Id, at: IsoDateTime): Promise<Graded[]> {
  const graded = await lastGrading(db, periodId);
  if (graded.length === 0) return [];
  const current = new Map(
    (await listKeyResultsByPeriod(db, periodId)).map((kr) => [kr.id, kr.status]),
  );
  // Only what still has the status closing gave it: a later decision stands.
  const restored = graded.filter((g) => current.get(g.id) === g.status);
  const byStatus = new Map<Status | null, Id[]>();
  for (const g of restored) byStatus.set(g.from, [...(byStatus.get(g.from) ?? []), g.id]);
  for (const [status, ids] of byStatus) await setKeyResultStatuses(db, ids, status, at);
  return restored;
}
