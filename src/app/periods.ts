/** Periods: list, find by label, create from a label through the fiscal calendar, close with grading, reopen. */
import { OkrError } from "../core/errors.js";
import { periodFromLabel } from "../core/fiscal-calendar.js";
import { progressForRollUp } from "../core/roll-up.js";
import type { Id, KeyResult, Period, Status } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import { listKeyResultsByPeriod } from "../store/key-results.repository.js";
import {
  findPeriodByLabel as findPeriodByLabelInStore,
  getPeriod as getPeriodFromStore,
  insertPeriod,
  listPeriods as listPeriodsInStore,
  setPeriodClosedAt,
} from "../store/periods.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin, assertEditor } from "./permissions.js";
import { setKeyResultStatuses } from "./queries/grade-key-results.js";
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
  return listPeriodsInStore(deps.db);
}

/** One period; `not_found` when there is none. */
export async function getPeriod(deps: AppDeps, _actor: Actor, periodId: Id): Promise<Period> {
  return getPeriodFromStore(deps.db, parseInput(IdSchema, periodId));
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
  const typed = await findPeriodByLabelInStore(deps.db, label.trim());
  if (typed) return typed;
  let canonical: string;
  try {
    canonical = periodFromLabel((await loadSettings(deps.db)).calendar, label).label;
  } catch {
    return undefined;
  }
  return canonical === label.trim() ? undefined : findPeriodByLabelInStore(deps.db, canonical);
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
  const fromCalendar = periodFromLabel(settings.calendar, label);
  const range =
    start !== undefined && end !== undefined
      ? { label, kind: fromCalendar.kind, start, end }
      : fromCalendar;
  return withTransaction(deps.db, async (trx) => {
    const existing =
      (await findPeriodByLabelInStore(trx, range.label)) ??
      (await findPeriodByLabelInStore(trx, label));
    if (existing) {
      throw new OkrError("conflict", `Period ${existing.label} already exists.`, {
        periodId: existing.id,
      });
    }
    const period: Period = { id: deps.newId(), ...range, closedAt: null };
    await insertPeriod(trx, period, nowIso(deps));
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

export interface ClosePeriodResult {
  period: Period;
  /** Key results graded at close: done (reached their target) or missed. */
  graded: { id: Id; status: Status }[];
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
    const before = await getPeriodFromStore(trx, id);
    if (before.closedAt !== null) {
      throw new OkrError("period_closed", `Period ${before.label} is already closed.`, {
        periodId: id,
      });
    }
    const at = nowIso(deps);
    const graded: { id: Id; status: Status }[] = [];
    for (const kr of await listKeyResultsByPeriod(trx, id)) {
      if (kr.archived || FINAL.has(kr.status)) continue;
      graded.push({ id: kr.id, status: gradeAtClose(kr) });
    }
    for (const status of ["done", "missed"] as const) {
      const ids = graded.filter((g) => g.status === status).map((g) => g.id);
      await setKeyResultStatuses(trx, ids, status, at);
    }
    const period = await setPeriodClosedAt(trx, id, at);
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

/** Reopens a closed period (admins only); graded statuses stay. */
export async function reopenPeriod(deps: AppDeps, actor: Actor, periodId: Id): Promise<Period> {
  const id = parseInput(IdSchema, periodId);
  assertAdmin(actor, "reopen periods");
  return withTransaction(deps.db, async (trx) => {
    const before = await getPeriodFromStore(trx, id);
    if (before.closedAt === null) return before;
    const period = await setPeriodClosedAt(trx, id, null);
    await recordAudit(trx, deps, actor, {
      action: "reopen",
      entity: "period",
      entityId: id,
      before,
      after: period,
    });
    return period;
  });
}
