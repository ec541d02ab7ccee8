/** Key results: create, read, update, move, reorder, archive. Check-ins live in check-ins.ts. */
import { OkrError } from "../core/errors.js";
import { progressOf, statusAfterCheckIn } from "../core/progress.js";
import type { Id, KeyResult, Objective, OkrItem, Period } from "../core/types.js";
import { validateKeyResult } from "../core/validate.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import type { KeyResultPatch } from "../store/key-results.repository.js";
import * as store from "../store/key-results.repository.js";
import { findKpiIdOfKeyResult } from "../store/kpis.repository.js";
import { shownCarried } from "./carried-links.js";
import { resolveOwner } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import * as lifecycle from "./item-lifecycle.js";
import { WRITE_NOW } from "./item-writes.js";
import {
  assertNoCycleInStore,
  expectKeyResult,
  expectObjective,
  getVisibleItem,
  presentKeyResultFor,
  type WriteTarget,
} from "./items.js";
import { assertMayChangeConfidential, TARGET_NUMBER_FIELDS } from "./permissions.js";
import {
  CreateKeyResultInputSchema,
  IdSchema,
  MoveKeyResultInputSchema,
  UpdateKeyResultInputSchema,
} from "./schemas.js";
import { presentKeyResult, type VisibleKeyResult } from "./visibility.js";

/**
 * A new key result, its owner resolved and its links made: what a create request and an
 * imported page line both become. No position: after its siblings.
 */
export type KeyResultDraft = Omit<
  lifecycle.ItemDraft<store.NewKeyResult>,
  "periodId" | "current" | "health" | "confidence" | "lastCheckInAt"
> & {
  /** The value it starts with (an imported line's measured outcome); none by default. */
  current?: number | null;
};

/** Where the caller (an import) already knows a key result goes: its period and objective. */
export interface KnownObjective {
  period: Period;
  /** The objective with the items above it, nearest first. */
  objective: { item: Objective; ancestors: OkrItem[] };
}

/**
 * Adds a key result in the caller's transaction: the one way every path (the API, an import)
 * makes one. Checks the title, the kind with its numbers, confidentiality, that the objective
 * is visible (unless `known`), that the actor may add there and the period is open; then
 * inserts it with its audit event (`action`), now or with the caller's page (`writes`).
 */
export async function addKeyResult(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  draft: KeyResultDraft,
  options: lifecycle.AddOptions<KnownObjective> = {},
): Promise<KeyResult> {
  const { action = "create", known, writes = WRITE_NOW } = options;
  assertMayChangeConfidential(actor, { confidentiality: draft.targetConfidential });
  lifecycle.validateItemTitle(draft.title, draft.owner);
  // Progress is not checked: a page's line gives it as written (a metric can fall below 0).
  const { kind, start, target, direction, weight, status } = draft;
  validateKeyResult({ kind, start, target, direction, weight, status });
  const place = known ?? (await visibleObjective(db, actor, draft.objectiveId));
  const objective = place.objective.item;
  if (objective.id !== draft.objectiveId)
    throw new Error("The known objective is not the draft's.");
  await lifecycle.assertMayAddUnder(db, actor, place.objective, place.period, "add key results");
  const position =
    draft.position ??
    lifecycle.positionAfter(await store.listKeyResultsByObjective(db, objective.id));
  const made = { entity: "key_result" as const, action, position, writes };
  return lifecycle.addItem(db, deps, actor, made, (fields) =>
    writes.insertKeyResult(db, {
      ...draft,
      ...fields,
      periodId: objective.periodId,
      current: draft.current ?? null,
      health: null,
      confidence: null,
      lastCheckInAt: null,
    }),
  );
}

/** An objective by id, as the actor may see it, with its period and the items above it. */
async function visibleObjective(db: Db, actor: Actor, id: Id): Promise<KnownObjective> {
  const found = await getVisibleItem(db, actor, id);
  const item = expectObjective(found.item);
  return { period: found.period, objective: { item, ancestors: found.ancestors } };
}

/** Creates a key result under an objective; viewers may add them only to objectives they own. */
export async function createKeyResult(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<VisibleKeyResult> {
  const data = parseInput(CreateKeyResultInputSchema, input);
  const status = data.status ?? null;
  return withTransaction(deps.db, async (trx) => {
    const kr = await addKeyResult(trx, deps, actor, {
      objectiveId: data.objectiveId,
      title: data.title,
      owner: await resolveOwner(trx, data.owner),
      kind: data.kind,
      unit: data.unit ?? null,
      start: data.start ?? null,
      target: data.target ?? null,
      direction: data.direction ?? null,
      weight: data.weight ?? 1,
      status,
      targetConfidential: data.targetConfidential ?? false,
      outcome: data.outcome ?? null,
      position: data.position,
      progress: data.kind === "milestone" ? (status === "done" ? 1 : 0) : null,
      links: lifecycle.linksOfInput(deps, data.links),
    });
    return presentKeyResultFor(trx, actor, kr);
  });
}

/** One key result, as the actor may see it. */
export async function getKeyResult(deps: AppDeps, actor: Actor, id: Id): Promise<VisibleKeyResult> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, id));
  return presentKeyResultFor(deps.db, actor, expectKeyResult(item));
}

/** What the shared lifecycle needs to know of key results. */
export const KEY_RESULTS: lifecycle.ItemKind<
  KeyResult,
  Omit<KeyResultPatch, "updatedAt">,
  VisibleKeyResult
> = {
  entity: "key_result",
  plural: "key results",
  expect: expectKeyResult,
  update: (db, id, version, patch, updatedAt) =>
    store.updateKeyResult(db, id, version, { ...patch, updatedAt }),
  siblingsOf: (db, kr) => store.listKeyResultsByObjective(db, kr.objectiveId),
  present: presentKeyResult,
};

/** Applies a versioned patch to a key result, with its audit event. */
export function patchKeyResult(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  before: KeyResult,
  version: number,
  patch: KeyResultChange,
  action: string,
): Promise<KeyResult> {
  return lifecycle.patchItem(KEY_RESULTS, db, deps, actor, before, version, patch, action);
}

/** What an edit may change of a key result (an import's page line: its place and line too). */
export type KeyResultChange = Omit<KeyResultPatch, "updatedAt">;

/**
 * Changes a stored key result in the caller's transaction: the edit every path (the API's
 * update, an import's page line) goes through. Checks the title, confidentiality (a target made
 * confidential or public, or the numbers of a hidden one), the kind with its numbers (progress
 * recomputed when they change), a new objective as a move does (`objective` when the caller
 * knows it), then the shared revision: write access, open period, versioned patch, links, audit.
 */
export async function reviseKeyResult(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  target: WriteTarget<KeyResult>,
  revision: lifecycle.Revision<KeyResultChange> & { objective?: KnownObjective["objective"] },
): Promise<KeyResult> {
  const before = target.item;
  const patch: KeyResultChange = { ...revision.patch };
  if (patch.title !== undefined) {
    lifecycle.validateItemTitle(
      patch.title,
      patch.owner === undefined ? before.owner : patch.owner,
    );
  }
  const touchesNumbers = TARGET_NUMBER_FIELDS.some((field) => patch[field] !== undefined);
  assertMayChangeConfidential(actor, {
    confidentiality: patch.targetConfidential !== undefined,
    hiddenNumbers: before.targetConfidential && touchesNumbers,
  });
  if (patch.targetConfidential === true && !before.targetConfidential)
    await assertFollowsNoKpi(db, before.id);
  const next = {
    kind: patch.kind ?? before.kind,
    start: patch.start === undefined ? before.start : patch.start,
    target: patch.target === undefined ? before.target : patch.target,
    direction: patch.direction === undefined ? before.direction : patch.direction,
    weight: patch.weight ?? before.weight,
    status: patch.status === undefined ? before.status : patch.status,
  };
  validateKeyResult(next);
  const numbersChanged = (["kind", "start", "target", "direction", "status"] as const).some(
    (field) => patch[field] !== undefined,
  );
  if (numbersChanged && next.kind !== "percentage") {
    const current = patch.current === undefined ? before.current : patch.current;
    const progress = progressOf({ ...before, ...next, current, progress: before.progress });
    if (progress !== null || next.kind === "milestone") patch.progress = progress;
    // The status follows the new score as it follows a check-in's (done at 100%, in progress
    // below), unless this change says it: a raised target leaves a done key result short.
    if (patch.status === undefined && progress !== null) {
      const status = statusAfterCheckIn({ ...before, ...next }, progress);
      if (status !== before.status) patch.status = status;
    }
  }
  if (patch.objectiveId !== undefined && patch.objectiveId !== before.objectiveId) {
    const place =
      revision.objective === undefined
        ? await visibleObjective(db, actor, patch.objectiveId)
        : { period: target.period, objective: revision.objective };
    await assertMayMoveTo(db, actor, before, place, target.period);
  }
  return lifecycle.reviseItem(KEY_RESULTS, db, deps, actor, target, { ...revision, patch });
}

/**
 * A key result that follows a KPI checks in each of its readings, which everyone reads: its
 * target cannot become confidential until it stops following (as one with a confidential
 * target cannot start to, `setKeyResultKpi`).
 */
async function assertFollowsNoKpi(db: Db, id: Id): Promise<void> {
  if ((await findKpiIdOfKeyResult(db, id)) === undefined) return;
  throw new OkrError(
    "invalid_input",
    "Invalid input: targetConfidential: a key result that follows a KPI cannot have a confidential target (everyone sees a KPI's readings); stop following the KPI first",
    [{ path: "targetConfidential", message: "the key result follows a KPI" }],
  );
}

/** A new objective for `before`: the actor may write there, in its period, no cycle. */
async function assertMayMoveTo(
  db: Db,
  actor: Actor,
  before: KeyResult,
  place: KnownObjective,
  period: Period,
): Promise<void> {
  const objective = place.objective.item;
  // As creating one there: a viewer moves key results only to objectives they own.
  await lifecycle.assertMayWriteUnder(db, actor, place.objective, "move key results");
  if (objective.periodId !== period.id) {
    throw new OkrError(
      "invalid_input",
      `Objective ${objective.id} belongs to period ${place.period.label}; a key result moves only within its own period.`,
      [{ path: "objectiveId", message: "is in another period" }],
    );
  }
  await assertNoCycleInStore(db, before.id, objective.id);
}

/**
 * Updates a key result's fields; `version` must match. Kind, start, target and direction are
 * checked together (`target_equals_start`, …) and progress is recomputed from the latest value.
 */
export async function updateKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  const data = parseInput(UpdateKeyResultInputSchema, input);
  return lifecycle.editItem(KEY_RESULTS, deps, actor, id, async (trx, target) => {
    const patch: KeyResultChange = {
      title: data.title,
      kind: data.kind,
      unit: data.unit,
      start: data.start,
      target: data.target,
      direction: data.direction,
      targetConfidential: data.targetConfidential,
      weight: data.weight,
      outcome: data.outcome,
      status: data.status,
    };
    if (data.owner !== undefined) patch.owner = await resolveOwner(trx, data.owner);
    const after = await reviseKeyResult(trx, deps, actor, target, {
      version: data.version,
      patch,
      action: "update",
    });
    return presentKeyResultFor(trx, actor, after);
  });
}

/** Moves a key result to another objective of the same period and/or another position. */
export async function moveKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  const data = parseInput(MoveKeyResultInputSchema, input);
  return lifecycle.moveItem(KEY_RESULTS, deps, actor, id, async (trx, before, period) => {
    const objectiveId = data.objectiveId ?? before.objectiveId;
    if (objectiveId !== before.objectiveId) {
      const place = await visibleObjective(trx, actor, objectiveId);
      await assertMayMoveTo(trx, actor, before, place, period);
    }
    const siblings = (await store.listKeyResultsByObjective(trx, objectiveId)).filter(
      (s) => s.id !== before.id,
    );
    const moved = await lifecycle.placeAmong(KEY_RESULTS, trx, deps, actor, {
      before,
      version: data.version,
      siblings,
      index: data.position,
      patch: { objectiveId },
    });
    return presentKeyResultFor(trx, actor, moved);
  });
}

/** Moves a key result to `position` (0 = first) among its objective's key results. */
export async function reorderKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  const moved = await lifecycle.reorderItem(KEY_RESULTS, deps, actor, id, input);
  return shownCarried(deps.db, actor, moved);
}

/** Archives a key result: it stays in history but leaves roll-ups. */
export async function archiveKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  const archived = await lifecycle.archiveItem(KEY_RESULTS, deps, actor, id, input);
  return shownCarried(deps.db, actor, archived);
}
