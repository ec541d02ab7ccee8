/**
 * Carrying unfinished OKRs into the next period: a fresh copy there, linked back to where it
 * came from, and the origin marked carried over and linked forward (core carry-over rules).
 */
import {
  carryOverKeyResult as carryKeyResult,
  carryOverObjective as carryObjective,
} from "../core/carry-over.js";
import { OkrError } from "../core/errors.js";
import { nextPeriod } from "../core/fiscal-calendar.js";
import type { Id, KeyResult, Objective, Period } from "../core/types.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import {
  findKeyResult,
  insertKeyResult,
  listKeyResultsByObjective,
  updateKeyResult,
} from "../store/key-results.repository.js";
import { findObjective, insertObjective, updateObjective } from "../store/objectives.repository.js";
import { findPeriodByLabel, insertPeriod } from "../store/periods.repository.js";
import { assertPeriodOpen, findAncestors, nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import {
  expectKeyResult,
  expectObjective,
  loadForWrite,
  presentKeyResultFor,
  presentObjective,
  withPresentedConflict,
} from "./items.js";
import { canEdit } from "./permissions.js";
import { IdSchema, VersionInputSchema } from "./schemas.js";
import { loadSettings } from "./settings.js";
import { isConfidentialChain, type VisibleKeyResult, type VisibleObjective } from "./visibility.js";

const FINISHED = new Set(["done", "cancelled", "carried_over"]);

/** The period after `period` in the workspace's calendar, created when it does not exist yet. */
async function findOrCreateNextPeriod(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  period: Period,
): Promise<Period> {
  const settings = await loadSettings(db);
  const range = nextPeriod(settings.calendar, period);
  const existing = await findPeriodByLabel(db, range.label);
  if (existing) {
    assertPeriodOpen(existing);
    return existing;
  }
  if (!canEdit(actor)) {
    throw new OkrError(
      "forbidden",
      `Only editors create periods: ${range.label} does not exist yet; ask an editor to create it, then carry over.`,
    );
  }
  const created: Period = { id: deps.newId(), ...range, closedAt: null };
  await insertPeriod(db, created, nowIso(deps));
  await recordAudit(db, deps, actor, {
    action: "create",
    entity: "period",
    entityId: created.id,
    before: null,
    after: created,
  });
  return created;
}

async function carryObjectiveInto(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  origin: Objective,
  version: number,
  next: Period,
): Promise<Objective> {
  // Align the copy where its parent went, when the parent was carried over too.
  const parentObjective = origin.parentObjectiveId
    ? await findObjective(db, origin.parentObjectiveId)
    : undefined;
  const parentKeyResult = origin.parentKeyResultId
    ? await findKeyResult(db, origin.parentKeyResultId)
    : undefined;
  const at = nowIso(deps);
  const { carried } = carryObjective(origin, next.id, deps.newId(), at, {
    newLinkId: deps.newId,
    parentObjectiveId: parentObjective?.carriedToId ?? null,
    parentKeyResultId: parentObjective?.carriedToId ? null : (parentKeyResult?.carriedToId ?? null),
  });
  // The copy may land at the top or under a public parent: it keeps the confidentiality its
  // chain gave the origin, so what was hidden stays hidden.
  if (isConfidentialChain(origin, await findAncestors(db, origin))) carried.confidential = true;
  const inserted = await insertObjective(db, { ...carried, version: 1 });
  const after = await withPresentedConflict(
    actor,
    () =>
      updateObjective(db, origin.id, version, {
        status: "carried_over",
        carriedToId: inserted.id,
        updatedAt: at,
      }),
    db,
  );
  await recordAudit(db, deps, actor, {
    action: "carry_over",
    entity: "objective",
    entityId: origin.id,
    before: origin,
    after,
  });
  await recordAudit(db, deps, actor, {
    action: "create",
    entity: "objective",
    entityId: inserted.id,
    before: null,
    after: inserted,
  });
  return inserted;
}

async function carryKeyResultInto(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  origin: KeyResult,
  version: number,
  objectiveId: Id,
  next: Period,
): Promise<KeyResult> {
  const at = nowIso(deps);
  const { carried } = carryKeyResult(origin, next.id, deps.newId(), at, {
    newLinkId: deps.newId,
    objectiveId,
  });
  const inserted = await insertKeyResult(db, { ...carried, version: 1 });
  const after = await withPresentedConflict(
    actor,
    () =>
      updateKeyResult(db, origin.id, version, {
        status: "carried_over",
        carriedToId: inserted.id,
        updatedAt: at,
      }),
    db,
  );
  await recordAudit(db, deps, actor, {
    action: "carry_over",
    entity: "key_result",
    entityId: origin.id,
    before: origin,
    after,
  });
  await recordAudit(db, deps, actor, {
    action: "create",
    entity: "key_result",
    entityId: inserted.id,
    before: null,
    after: inserted,
  });
  return inserted;
}

/**
 * Carries an objective into the next period with its unfinished key results (not done,
 * cancelled or carried over). Returns the new objective. Carried already: `conflict`.
 */
export async function carryOverObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const { version } = parseInput(VersionInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item, period } = await loadForWrite(trx, actor, parseInput(IdSchema, id), "carry over");
    const origin = expectObjective(item);
    if (origin.carriedToId !== null) {
      throw new OkrError("conflict", `"${origin.title}" was already carried over.`, {
        carriedToId: origin.carriedToId,
      });
    }
    const next = await findOrCreateNextPeriod(trx, deps, actor, period);
    const carried = await carryObjectiveInto(trx, deps, actor, origin, version, next);
    for (const kr of await listKeyResultsByObjective(trx, origin.id)) {
      if (kr.archived || kr.carriedToId !== null || FINISHED.has(kr.status ?? "")) continue;
      await carryKeyResultInto(trx, deps, actor, kr, kr.version, carried.id, next);
    }
    return presentObjective(trx, actor, carried);
  });
}

/**
 * Carries one key result into the next period, under its objective's copy there (the
 * objective is carried over first when it has not been). Returns the new key result.
 */
export async function carryOverKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  const { version } = parseInput(VersionInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item, period, ancestors } = await loadForWrite(
      trx,
      actor,
      parseInput(IdSchema, id),
      "carry over",
    );
    const origin = expectKeyResult(item);
    if (origin.carriedToId !== null) {
      throw new OkrError("conflict", `"${origin.title}" was already carried over.`, {
        carriedToId: origin.carriedToId,
      });
    }
    const objective = expectObjective(
      ancestors[0] ?? (await findObjective(trx, origin.objectiveId)) ?? item,
    );
    const next = await findOrCreateNextPeriod(trx, deps, actor, period);
    const objectiveId =
      objective.carriedToId ??
      (await carryObjectiveInto(trx, deps, actor, objective, objective.version, next)).id;
    const carried = await carryKeyResultInto(trx, deps, actor, origin, version, objectiveId, next);
    return presentKeyResultFor(trx, actor, carried);
  });
}
