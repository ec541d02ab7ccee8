/** Objectives: create, read, update, move, reorder, archive. Carry-over lives in carry-over.ts. */
import { OkrError } from "../core/errors.js";
import type { Id, Objective, OkrItem } from "../core/types.js";
import { validateTitle, validateWeight } from "../core/validate.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import type { ObjectivePatch } from "../store/objectives.repository.js";
import * as store from "../store/objectives.repository.js";
import { getPeriod } from "../store/periods.repository.js";
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
import { assertMayChangeConfidential } from "./permissions.js";
import {
  CreateObjectiveInputSchema,
  IdSchema,
  MoveObjectiveInputSchema,
  UpdateObjectiveInputSchema,
} from "./schemas.js";
import type { VisibleObjective } from "./visibility.js";

function assertMayChangeConfidentiality(actor: Actor, confidential: boolean | undefined): void {
  assertMayChangeConfidential(actor, { confidentiality: confidential !== undefined });
}

interface ParentRef {
  parentObjectiveId: Id | null;
  parentKeyResultId: Id | null;
}

/**
 * Checks a parent reference: at most one parent, visible to the actor, in `periodId`.
 * Returns the parent item (or null for top level).
 */
async function loadParent(
  db: Db,
  actor: Actor,
  ref: ParentRef,
  periodId: Id,
): Promise<{ item: OkrItem; ancestors: OkrItem[] } | null> {
  if (ref.parentObjectiveId && ref.parentKeyResultId) {
    throw new OkrError(
      "invalid_input",
      "An objective aligns under one parent: give parentObjectiveId or parentKeyResultId, not both.",
      [{ path: "parentKeyResultId", message: "give only one parent" }],
    );
  }
  const parentId = ref.parentObjectiveId ?? ref.parentKeyResultId;
  if (!parentId) return null;
  const found = await getVisibleItem(db, actor, parentId);
  if (ref.parentObjectiveId) expectObjective(found.item);
  else expectKeyResult(found.item);
  if (found.item.periodId !== periodId) {
    throw new OkrError(
      "invalid_input",
      `The parent belongs to period ${found.period.label}; an objective aligns only within its own period.`,
      [
        {
          path: ref.parentObjectiveId ? "parentObjectiveId" : "parentKeyResultId",
          message: "is in another period",
        },
      ],
    );
  }
  return { item: found.item, ancestors: found.ancestors };
}

async function listSiblings(db: Db, periodId: Id, ref: ParentRef): Promise<Objective[]> {
  if (ref.parentObjectiveId)
    return store.listChildObjectives(db, { objectiveId: ref.parentObjectiveId });
  if (ref.parentKeyResultId)
    return store.listChildObjectives(db, { keyResultId: ref.parentKeyResultId });
  const all = await store.listObjectivesByPeriod(db, periodId);
  return all.filter((o) => o.parentObjectiveId === null && o.parentKeyResultId === null);
}

/** Creates an objective; viewers may only align one under an objective or key result they own. */
export async function createObjective(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<VisibleObjective> {
  const data = parseInput(CreateObjectiveInputSchema, input);
  assertMayChangeConfidentiality(actor, data.confidential === true ? true : undefined);
  validateTitle(data.title);
  const weight = data.weight ?? 1;
  validateWeight(weight);
  return withTransaction(deps.db, async (trx) => {
    const period = await getPeriod(trx, data.periodId);
    const ref: ParentRef = {
      parentObjectiveId: data.parentObjectiveId ?? null,
      parentKeyResultId: data.parentKeyResultId ?? null,
    };
    const parent = await loadParent(trx, actor, ref, period.id);
    await lifecycle.assertMayAddUnder(trx, actor, parent, period, "add objectives");
    const siblings = await listSiblings(trx, period.id, ref);
    const at = nowIso(deps);
    const objective = await store.insertObjective(trx, {
      id: deps.newId(),
      periodId: period.id,
      title: data.title,
      owner: await resolveOwner(trx, data.owner),
      weight,
      status: data.status ?? null,
      outcome: data.outcome ?? null,
      position: data.position ?? lifecycle.positionAfter(siblings),
      archived: false,
      carriedFromId: null,
      carriedToId: null,
      parentObjectiveId: ref.parentObjectiveId,
      parentKeyResultId: ref.parentKeyResultId,
      confidential: data.confidential ?? false,
      createdAt: at,
      updatedAt: at,
      links: lifecycle.linksOfInput(deps, data.links),
    });
    await lifecycle.auditCreated(trx, deps, actor, "objective", objective);
    return objective;
  });
}

/** One objective, as the actor may see it. */
export async function getObjective(deps: AppDeps, actor: Actor, id: Id): Promise<VisibleObjective> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, id));
  return expectObjective(item);
}

/** What the shared lifecycle needs to know of objectives. */
const OBJECTIVES: lifecycle.ItemKind<
  Objective,
  Omit<ObjectivePatch, "updatedAt">,
  VisibleObjective
> = {
  entity: "objective",
  plural: "objectives",
  expect: expectObjective,
  update: (db, id, version, patch, updatedAt) =>
    store.updateObjective(db, id, version, { ...patch, updatedAt }),
  siblingsOf: (db, objective) => listSiblings(db, objective.periodId, objective),
  present: (_actor, objective) => objective,
};

/** Updates an objective's fields; `version` must match (else `version_conflict` with the current one). */
export async function updateObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const data = parseInput(UpdateObjectiveInputSchema, input);
  assertMayChangeConfidentiality(actor, data.confidential);
  if (data.title !== undefined) validateTitle(data.title);
  if (data.weight !== undefined) validateWeight(data.weight);
  return withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, parseInput(IdSchema, id), "edit");
    const before = expectObjective(item);
    const patch: Omit<ObjectivePatch, "updatedAt"> = {
      title: data.title,
      weight: data.weight,
      confidential: data.confidential,
      outcome: data.outcome,
      status: data.status,
    };
    if (data.owner !== undefined) patch.owner = await resolveOwner(trx, data.owner);
    return lifecycle.patchItem(OBJECTIVES, trx, deps, actor, before, data.version, patch, "update");
  });
}

/**
 * Aligns an objective under another objective or a key result of the same period; both
 * parents `null` move it to the top level, neither given keeps its parent (a move among its
 * siblings to `position`). A move that would make it its own ancestor: `tree_cycle`.
 */
export async function moveObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const data = parseInput(MoveObjectiveInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item, period } = await loadForWrite(
      trx,
      actor,
      parseInput(IdSchema, id),
      "move objectives",
    );
    const before = expectObjective(item);
    // Neither parent given: stay under the current one (a move within the siblings).
    const keepParent = data.parentObjectiveId === undefined && data.parentKeyResultId === undefined;
    const ref: ParentRef = keepParent
      ? { parentObjectiveId: before.parentObjectiveId, parentKeyResultId: before.parentKeyResultId }
      : {
          parentObjectiveId: data.parentObjectiveId ?? null,
          parentKeyResultId: data.parentKeyResultId ?? null,
        };
    const parent = await loadParent(trx, actor, ref, period.id);
    if (!keepParent) {
      // The new parent is checked as creating there is: a viewer aligns only under their own.
      await lifecycle.assertMayWriteUnder(trx, actor, parent, "move objectives");
    }
    await assertNoCycleInStore(trx, before.id, ref.parentObjectiveId ?? ref.parentKeyResultId);
    const siblings = (await listSiblings(trx, period.id, ref)).filter((s) => s.id !== before.id);
    const moved = await lifecycle.placeAmong(OBJECTIVES, trx, deps, actor, {
      before,
      version: data.version,
      siblings,
      index: data.position,
      patch: ref,
    });
    return moved;
  });
}

/** Moves an objective to `position` (0 = first) among its siblings. */
export function reorderObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  return lifecycle.reorderItem(OBJECTIVES, deps, actor, id, input);
}

/** Archives an objective: it stays in history but leaves roll-ups and lists. */
export function archiveObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  return lifecycle.archiveItem(OBJECTIVES, deps, actor, id, input);
}
