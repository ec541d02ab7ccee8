/** Key results: create, read, update, move, reorder, archive. Check-ins live in check-ins.ts. */
import { OkrError } from "../core/errors.js";
import { progressOf } from "../core/progress.js";
import type { Id, KeyResult } from "../core/types.js";
import { validateKeyResult, validateTitle } from "../core/validate.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import type { KeyResultPatch } from "../store/key-results.repository.js";
import * as store from "../store/key-results.repository.js";
import { nowIso, resolveOwner } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import * as lifecycle from "./item-lifecycle.js";
import {
  assertNoCycleInStore,
  expectKeyResult,
  expectObjective,
  getVisibleItem,
  loadForWrite,
} from "./items.js";
import { assertMayChangeConfidential, TARGET_NUMBER_FIELDS } from "./permissions.js";
import {
  CreateKeyResultInputSchema,
  IdSchema,
  MoveKeyResultInputSchema,
  UpdateKeyResultInputSchema,
} from "./schemas.js";
import { presentKeyResult, type VisibleKeyResult } from "./visibility.js";

/** Creates a key result under an objective; viewers may add them only to objectives they own. */
export async function createKeyResult(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<VisibleKeyResult> {
  const data = parseInput(CreateKeyResultInputSchema, input);
  assertMayChangeConfidential(actor, { confidentiality: data.targetConfidential === true });
  validateTitle(data.title);
  const shape = {
    kind: data.kind,
    start: data.start ?? null,
    target: data.target ?? null,
    direction: data.direction ?? null,
    weight: data.weight ?? 1,
    status: data.status ?? null,
  };
  validateKeyResult(shape);
  return withTransaction(deps.db, async (trx) => {
    const parent = await getVisibleItem(trx, actor, data.objectiveId);
    const objective = expectObjective(parent.item);
    await lifecycle.assertMayAddUnder(
      trx,
      actor,
      { ...parent, item: objective },
      parent.period,
      "add key results",
    );
    const siblings = await store.listKeyResultsByObjective(trx, objective.id);
    const at = nowIso(deps);
    const kr = await store.insertKeyResult(trx, {
      id: deps.newId(),
      periodId: objective.periodId,
      objectiveId: objective.id,
      title: data.title,
      owner: await resolveOwner(trx, data.owner),
      ...shape,
      unit: data.unit ?? null,
      targetConfidential: data.targetConfidential ?? false,
      outcome: data.outcome ?? null,
      position: data.position ?? lifecycle.positionAfter(siblings),
      archived: false,
      carriedFromId: null,
      carriedToId: null,
      current: null,
      progress: data.kind === "milestone" ? (shape.status === "done" ? 1 : 0) : null,
      health: null,
      confidence: null,
      lastCheckInAt: null,
      createdAt: at,
      updatedAt: at,
      links: lifecycle.linksOfInput(deps, data.links),
    });
    await lifecycle.auditCreated(trx, deps, actor, "key_result", kr);
    return presentKeyResult(actor, kr);
  });
}

/** One key result, as the actor may see it. */
export async function getKeyResult(deps: AppDeps, actor: Actor, id: Id): Promise<VisibleKeyResult> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, id));
  return presentKeyResult(actor, expectKeyResult(item));
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
  patch: Omit<KeyResultPatch, "updatedAt">,
  action: string,
): Promise<KeyResult> {
  return lifecycle.patchItem(KEY_RESULTS, db, deps, actor, before, version, patch, action);
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
  if (data.title !== undefined) validateTitle(data.title);
  return withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, parseInput(IdSchema, id), "edit");
    const before = expectKeyResult(item);
    const touchesNumbers = TARGET_NUMBER_FIELDS.some((field) => data[field] !== undefined);
    assertMayChangeConfidential(actor, {
      confidentiality: data.targetConfidential !== undefined,
      hiddenNumbers: before.targetConfidential && touchesNumbers,
    });
    const next = {
      kind: data.kind ?? before.kind,
      start: data.start === undefined ? before.start : data.start,
      target: data.target === undefined ? before.target : data.target,
      direction: data.direction === undefined ? before.direction : data.direction,
      weight: data.weight ?? before.weight,
      status: data.status === undefined ? before.status : data.status,
    };
    validateKeyResult(next);
    const patch: Omit<KeyResultPatch, "updatedAt"> = {
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
    const numbersChanged = ["kind", "start", "target", "direction", "status"].some(
      (k) => data[k as keyof typeof data] !== undefined,
    );
    if (numbersChanged && next.kind !== "percentage") {
      const progress = progressOf({ ...before, ...next, progress: before.progress });
      if (progress !== null || next.kind === "milestone") patch.progress = progress;
    }
    const after = await patchKeyResult(trx, deps, actor, before, data.version, patch, "update");
    return presentKeyResult(actor, after);
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
  return withTransaction(deps.db, async (trx) => {
    const { item, period } = await loadForWrite(
      trx,
      actor,
      parseInput(IdSchema, id),
      "move key results",
    );
    const before = expectKeyResult(item);
    const objectiveId = data.objectiveId ?? before.objectiveId;
    if (objectiveId !== before.objectiveId) {
      const target = await getVisibleItem(trx, actor, objectiveId);
      const objective = expectObjective(target.item);
      // As creating one there: a viewer moves key results only to objectives they own.
      await lifecycle.assertMayWriteUnder(
        trx,
        actor,
        { ...target, item: objective },
        "move key results",
      );
      if (target.item.periodId !== period.id) {
        throw new OkrError(
          "invalid_input",
          `Objective ${objectiveId} belongs to period ${target.period.label}; a key result moves only within its own period.`,
          [{ path: "objectiveId", message: "is in another period" }],
        );
      }
      await assertNoCycleInStore(trx, before.id, objectiveId);
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
    return presentKeyResult(actor, moved);
  });
}

/** Moves a key result to `position` (0 = first) among its objective's key results. */
export function reorderKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  return lifecycle.reorderItem(KEY_RESULTS, deps, actor, id, input);
}

/** Archives a key result: it stays in history but leaves roll-ups. */
export function archiveKeyResult(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleKeyResult> {
  return lifecycle.archiveItem(KEY_RESULTS, deps, actor, id, input);
}
