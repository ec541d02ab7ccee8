/**
 * Carrying an unfinished objective or key result into the next period: a fresh copy there,
 * linked back to where it came from, and the origin marked "carried over" and linked forward.
 */
import { OkrError } from "./errors.js";
import type { Id, IsoDateTime, KeyResult, Link, Objective } from "./types.js";

export interface CarryOverResult<T> {
  /** The new item in the next period. */
  carried: T;
  /** The origin, updated: status "carried_over", `carriedToId` set, version + 1. */
  origin: T;
}

export interface CarryOverOptions {
  /** Ids for the copied links; without it links keep their ids (when they are not stored by id). */
  newLinkId?: () => Id;
}

function assertCarriable(item: Objective | KeyResult, nextPeriodId: Id, newId: Id): void {
  if (item.carriedToId !== null) {
    throw new OkrError(
      "conflict",
      `"${item.title}" was already carried over (to ${item.carriedToId}).`,
      { field: "carriedToId" },
    );
  }
  if (nextPeriodId === item.periodId) {
    throw new OkrError(
      "invalid_input",
      "Carry-over must go to another period than the item's own.",
      {
        field: "periodId",
      },
    );
  }
  if (newId === item.id) {
    throw new OkrError("invalid_input", "The carried-over item needs a new id.", { field: "id" });
  }
}

function copyLinks(links: Link[], options: CarryOverOptions): Link[] {
  return links.map((link) => ({ ...link, id: options.newLinkId ? options.newLinkId() : link.id }));
}

function freshBase<T extends Objective | KeyResult>(
  item: T,
  nextPeriodId: Id,
  newId: Id,
  now: IsoDateTime,
  options: CarryOverOptions,
): T {
  return {
    ...item,
    id: newId,
    periodId: nextPeriodId,
    status: null,
    outcome: null,
    archived: false,
    carriedFromId: item.id,
    carriedToId: null,
    links: copyLinks(item.links, options),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function markOrigin<T extends Objective | KeyResult>(item: T, newId: Id, now: IsoDateTime): T {
  return {
    ...item,
    status: "carried_over",
    carriedToId: newId,
    version: item.version + 1,
    updatedAt: now,
  };
}

/**
 * Carries an objective (not its key results: carry those one by one) into `nextPeriodId`.
 * The copy is top level unless `parentObjectiveId`/`parentKeyResultId` say where it aligns
 * in the next period: its old parents belong to the old period.
 * @throws OkrError `conflict` when already carried over, `invalid_input` for the same period.
 */
export function carryOverObjective(
  item: Objective,
  nextPeriodId: Id,
  newId: Id,
  now: IsoDateTime,
  options: CarryOverOptions & { parentObjectiveId?: Id | null; parentKeyResultId?: Id | null } = {},
): CarryOverResult<Objective> {
  assertCarriable(item, nextPeriodId, newId);
  const carried: Objective = {
    ...freshBase(item, nextPeriodId, newId, now, options),
    parentObjectiveId: options.parentObjectiveId ?? null,
    parentKeyResultId: options.parentKeyResultId ?? null,
  };
  return { carried, origin: markOrigin(item, newId, now) };
}

/**
 * Carries a key result into `nextPeriodId`, under `options.objectiveId` (an objective of the
 * next period; default: the same objective). Kind, start, target and direction stay; the
 * measurements (current value, progress, health, confidence) start afresh with the period's
 * check-ins: none yet, and a milestone not done (0, as a new one starts and as roll-ups
 * count it).
 * @throws OkrError `conflict` when already carried over, `invalid_input` for the same period.
 */
export function carryOverKeyResult(
  item: KeyResult,
  nextPeriodId: Id,
  newId: Id,
  now: IsoDateTime,
  options: CarryOverOptions & { objectiveId?: Id } = {},
): CarryOverResult<KeyResult> {
  assertCarriable(item, nextPeriodId, newId);
  const carried: KeyResult = {
    ...freshBase(item, nextPeriodId, newId, now, options),
    objectiveId: options.objectiveId ?? item.objectiveId,
    current: null,
    progress: item.kind === "milestone" ? 0 : null,
    health: null,
    confidence: null,
    lastCheckInAt: null,
  };
  return { carried, origin: markOrigin(item, newId, now) };
}
