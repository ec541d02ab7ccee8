/**
 * A period as its whole-period answers (tree, roll-ups, dashboard scores) are computed from:
 * its items, every check-in of its key results, and what the owners and scores depend on,
 * kept per process at the period's read version. When the version has moved only by
 * check-ins (the change log says which, decisions/0029), the model is brought forward by
 * reading just those key results and check-ins, not the whole period again; any other write
 * (an item created, moved, edited or archived, the settings, people, teams) reads it whole.
 * Either way the model is the same data a whole read gives, so every answer computed from it
 * is byte for byte what a fresh computation gives.
 */
import { keepNewest } from "../core/collections.js";
import type {
  CheckIn,
  Id,
  KeyResult,
  Objective,
  OkrItem,
  Period,
  Person,
  Settings,
  Team,
} from "../core/types.js";
import { listCheckInsByPeriod } from "../store/check-ins.repository.js";
import type { Db } from "../store/db.js";
import { listPeople } from "../store/people.repository.js";
import { listReadChangesWithRows } from "../store/period-changes.repository.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { listTeams } from "../store/teams.repository.js";
import { hiddenCarriedIds } from "./carried-links.js";
import type { AppDeps } from "./deps.js";
import { loadSettings } from "./settings.js";

/** A changed key result as it was in an earlier model, with its check-ins then. */
export interface KeyResultBefore {
  keyResult: KeyResult;
  history: readonly CheckIn[];
}

/** A period's data at one read version. Shared by every reader: never change it in place. */
export interface PeriodModel {
  /** The read version (`workspace.period`) it was read or brought forward at. */
  version: string;
  period: Period;
  settings: Settings;
  people: readonly Person[];
  teams: readonly Team[];
  /** Every objective and key result of the period, archived and confidential ones too. */
  objectives: readonly Objective[];
  keyResults: readonly KeyResult[];
  /** Each key result's check-ins, oldest first (by time, then id). */
  history: ReadonlyMap<Id, readonly CheckIn[]>;
  /** Whether it was brought forward by check-ins from the one before (not read whole). */
  broughtForward: boolean;
  /**
   * The ids its items' carry-over links name that a non-insider may not see (decisions/0066).
   * Who may see an item changes only by a write that notes every period (`*`), which reads
   * the model whole: check-ins bring it forward unchanged.
   */
  hiddenCarried: ReadonlySet<Id>;
}

/**
 * The key results that check-ins changed from `earlier` to `later`, as they were in `earlier`;
 * undefined when `later` does not descend from `earlier` by check-ins alone (a whole read in
 * between). Models brought forward share every unchanged object with the one before them, so
 * a changed key result is one that is no longer the same object.
 */
export function changedSince(
  earlier: PeriodModel,
  later: PeriodModel,
): ReadonlyMap<Id, KeyResultBefore> | undefined {
  // Objectives change only by a whole read: sharing them means one line of check-ins.
  if (earlier.objectives !== later.objectives) return undefined;
  if (earlier.keyResults.length !== later.keyResults.length) return undefined;
  const changed = new Map<Id, KeyResultBefore>();
  for (let i = 0; i < later.keyResults.length; i++) {
    const before = earlier.keyResults[i] as KeyResult;
    if (before === later.keyResults[i]) continue;
    changed.set(before.id, { keyResult: before, history: earlier.history.get(before.id) ?? [] });
  }
  return changed;
}

/** Check-ins oldest first: by time, then id (ISO times and ids sort as plain text). */
export function byTimeThenId(a: CheckIn, b: CheckIn): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Periods kept per process (least recently used out): a few busy quarters. */
const MAX_PERIODS = 8;

interface Slot {
  version: string;
  model: Promise<PeriodModel>;
  /** The model once read: what `keptKeyResult` looks in without waiting for a read. */
  ready?: PeriodModel;
}

const slotsByDb = new WeakMap<Db, Map<Id, Slot>>();

function slotsOf(db: Db): Map<Id, Slot> {
  let slots = slotsByDb.get(db);
  if (!slots) {
    slots = new Map();
    slotsByDb.set(db, slots);
  }
  return slots;
}

/** `workspace.period` as two numbers. */
function partsOf(version: string): [number, number] {
  const [workspace, period] = version.split(".");
  return [Number(workspace), Number(period)];
}

/** Whether `a` is later than `b`: counters only grow, so one dominates the other. */
function isLater(a: string, b: string): boolean {
  const [wa, pa] = partsOf(a);
  const [wb, pb] = partsOf(b);
  return wa > wb || (wa === wb && pa > pb);
}

/**
 * The period's model at read version `version` (read before, by the caller): the kept one
 * when it is that version (or later), brought forward by check-ins when it can be, else read
 * whole. Concurrent callers share one read; each step starts from the one before it.
 */
export function periodModelAt(
  deps: Pick<AppDeps, "db">,
  periodId: Id,
  version: string,
): Promise<PeriodModel> {
  const slots = slotsOf(deps.db);
  const kept = slots.get(periodId);
  if (kept && !isLater(version, kept.version)) {
    slots.delete(periodId);
    slots.set(periodId, kept);
    return kept.model;
  }
  const model = (async () => {
    const base = kept ? await kept.model.catch(() => undefined) : undefined;
    const forward = base ? await bringForward(deps.db, base, version) : undefined;
    return forward ?? readPeriodModel(deps.db, periodId, version);
  })();
  // Until it is read, the one before it answers `keptKeyResult`.
  const slot: Slot = { version, model, ready: kept?.ready };
  keepNewest(slots, periodId, slot, MAX_PERIODS);
  model.then(
    (ready) => {
      slot.ready = ready;
    },
    () => {
      if (slots.get(periodId)?.model === model) slots.delete(periodId);
    },
  );
  return model;
}

/**
 * The key result `id` as a model this process has read holds it, reading nothing (undefined
 * when none holds it): it may be behind the database, so it only plans a write that holds
 * where the key result is still at its version (decisions/0041).
 */
export function keptKeyResult(db: Db, id: Id): KeyResult | undefined {
  for (const slot of slotsOf(db).values()) {
    const found = slot.ready && itemsOfModel(slot.ready).get(id);
    if (found?.type === "key_result") return found;
  }
  return undefined;
}

const itemsByModel = new WeakMap<PeriodModel, Map<Id, OkrItem>>();

/** A model's items by id, made once per model (models are never changed in place). */
export function itemsOfModel(model: PeriodModel): Map<Id, OkrItem> {
  let items = itemsByModel.get(model);
  if (!items) {
    items = new Map<Id, OkrItem>();
    for (const o of model.objectives) items.set(o.id, o);
    for (const kr of model.keyResults) items.set(kr.id, kr);
    itemsByModel.set(model, items);
  }
  return items;
}

/** Whether this process keeps (or is reading) a model of the period. */
export function keepsPeriodModel(db: Db, periodId: Id): boolean {
  return slotsOf(db).has(periodId);
}

/** The period read whole: items, check-ins, settings, people and teams. */
export async function readPeriodModel(db: Db, periodId: Id, version: string): Promise<PeriodModel> {
  const [period, settings, items, checkIns, people, teams] = await Promise.all([
    getPeriod(db, periodId),
    loadSettings(db),
    listPeriodItems(db, periodId),
    listCheckInsByPeriod(db, periodId),
    listPeople(db),
    listTeams(db),
  ]);
  const history = new Map<Id, CheckIn[]>();
  for (const c of checkIns) {
    const list = history.get(c.keyResultId);
    if (list) list.push(c);
    else history.set(c.keyResultId, [c]);
  }
  // The same order a model brought forward keeps, whatever the database's collation.
  for (const list of history.values()) list.sort(byTimeThenId);
  const hiddenCarried = await hiddenCarriedIds(db, [...items.objectives, ...items.keyResults]);
  return {
    version,
    period,
    settings,
    people,
    teams,
    ...items,
    history,
    broughtForward: false,
    hiddenCarried,
  };
}

/**
 * `base` brought forward to `version` when every step since was check-ins only and logged;
 * undefined when the period must be read whole.
 */
async function bringForward(
  db: Db,
  base: PeriodModel,
  version: string,
): Promise<PeriodModel | undefined> {
  const [fromWorkspace, from] = partsOf(base.version);
  const [toWorkspace, to] = partsOf(version);
  if (fromWorkspace !== toWorkspace || to <= from) return undefined;
  const periodId = base.period.id;
  const index = new Map<Id, number>();
  for (const [i, kr] of base.keyResults.entries()) index.set(kr.id, i);
  const linksOf = (id: Id) => base.keyResults[index.get(id) as number]?.links ?? [];
  const {
    changes,
    keyResults: rows,
    checkIns,
  } = await listReadChangesWithRows(db, periodId, from, to, linksOf);
  // A step without its note was another kind of write (or is past the kept log).
  if (new Set(changes.map((c) => c.version)).size !== to - from) return undefined;
  const changedIds = new Set(changes.map((c) => c.keyResultId));
  for (const id of changedIds) if (!index.has(id)) return undefined;
  if (rows.length !== changedIds.size) return undefined;
  const keyResults = [...base.keyResults];
  const history = new Map(base.history);
  for (const kr of rows) keyResults[index.get(kr.id) as number] = kr;
  for (const c of checkIns) {
    const list = history.get(c.keyResultId) ?? [];
    // A whole read made just after the version was read may hold it already.
    if (list.some((known) => known.id === c.id)) continue;
    history.set(c.keyResultId, [...list, c].sort(byTimeThenId));
  }
  return { ...base, version, keyResults, history, broughtForward: true };
}
