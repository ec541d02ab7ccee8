/** Objectives: create, read, update, move, reorder, archive. Carry-over lives in carry-over.ts. */
import { OkrError } from "../core/errors.js";
import type { Id, Objective, OkrItem, Period } from "../core/types.js";
import { validateWeight } from "../core/validate.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import type { ObjectivePatch } from "../store/objectives.repository.js";
import * as store from "../store/objectives.repository.js";
import { getPeriod } from "../store/periods.repository.js";
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
  listObjectiveSiblings,
  presentObjective,
  type WriteTarget,
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

/**
 * A new objective, its owner resolved and its links made: what a create request and an
 * imported page line both become. No position: after its siblings.
 */
export type ObjectiveDraft = lifecycle.ItemDraft<store.NewObjective>;

/** Where the caller (an import) already knows an item goes: its period and its parent. */
export interface KnownPlace {
  period: Period;
  /** The parent with the items above it (nearest first); null: the top level. */
  parent: { item: OkrItem; ancestors: OkrItem[] } | null;
}

/**
 * Adds an objective in the caller's transaction: the one way every path (the API, an import)
 * makes one. Checks the title, weight and confidentiality, that the parent is visible and in
 * the same period (unless `known`), that the actor may add there and the period is open; then
 * inserts it with its audit event (`action`), now or with the caller's page (`writes`).
 */
export async function addObjective(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  draft: ObjectiveDraft,
  options: lifecycle.AddOptions<KnownPlace> = {},
): Promise<Objective> {
  const { action = "create", known, writes = WRITE_NOW } = options;
  assertMayChangeConfidentiality(actor, draft.confidential ? true : undefined);
  lifecycle.validateItemTitle(draft.title, draft.owner);
  validateWeight(draft.weight);
  const period = known?.period ?? (await getPeriod(db, draft.periodId));
  const ref: ParentRef = {
    parentObjectiveId: draft.parentObjectiveId,
    parentKeyResultId: draft.parentKeyResultId,
  };
  const parent = known ? knownParent(known, ref) : await loadParent(db, actor, ref, period.id);
  await lifecycle.assertMayAddUnder(db, actor, parent, period, "add objectives");
  const position =
    draft.position ?? lifecycle.positionAfter(await listObjectiveSiblings(db, period.id, ref));
  const made = { entity: "objective" as const, action, position, writes };
  return lifecycle.addItem(db, deps, actor, made, (fields) =>
    writes.insertObjective(db, { ...draft, ...fields, periodId: period.id }),
  );
}

/** The parent a caller knows, checked against the reference it must match. */
function knownParent(known: KnownPlace, ref: ParentRef): KnownPlace["parent"] {
  const id = ref.parentObjectiveId ?? ref.parentKeyResultId;
  const parent = known.parent;
  const matches =
    parent === null
      ? id === null
      : parent.item.id === id && parent.item.periodId === known.period.id;
  if (!matches) throw new Error(`The known parent is not ${id ?? "the top level"}.`);
  return parent;
}

/** Creates an objective; viewers may only align one under an objective or key result they own. */
export async function createObjective(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<VisibleObjective> {
  const data = parseInput(CreateObjectiveInputSchema, input);
  const created = await withTransaction(deps.db, async (trx) =>
    addObjective(trx, deps, actor, {
      periodId: data.periodId,
      title: data.title,
      owner: await resolveOwner(trx, data.owner),
      weight: data.weight ?? 1,
      status: data.status ?? null,
      outcome: data.outcome ?? null,
      position: data.position,
      parentObjectiveId: data.parentObjectiveId ?? null,
      parentKeyResultId: data.parentKeyResultId ?? null,
      confidential: data.confidential ?? false,
      links: lifecycle.linksOfInput(deps, data.links),
    }),
  );
  return presentObjective(deps.db, actor, created);
}

/** One objective, as the actor may see it. */
export async function getObjective(deps: AppDeps, actor: Actor, id: Id): Promise<VisibleObjective> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, id));
  return presentObjective(deps.db, actor, expectObjective(item));
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
  siblingsOf: (db, objective) => listObjectiveSiblings(db, objective.periodId, objective),
  present: (_actor, objective) => objective,
};

/** What an edit may change of an objective (an import's page line: its place and line too). */
export type ObjectiveChange = Omit<ObjectivePatch, "updatedAt">;

/**
 * Changes a stored objective in the caller's transaction: the edit every path (the API's
 * update, an import's page line) goes through. Checks the fields and confidentiality, a new
 * parent as a move does (visible, same period, the actor may write there, no cycle; `parent`
 * when the caller knows it), then the shared revision: write access, open period, versioned
 * patch, links, audit.
 */
export async function reviseObjective(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  target: WriteTarget<Objective>,
  revision: lifecycle.Revision<ObjectiveChange> & { parent?: KnownPlace["parent"] },
): Promise<Objective> {
  const patch: ObjectiveChange = revision.patch;
  assertMayChangeConfidentiality(actor, patch.confidential);
  const before = target.item;
  if (patch.title !== undefined) {
    lifecycle.validateItemTitle(
      patch.title,
      patch.owner === undefined ? before.owner : patch.owner,
    );
  }
  if (patch.weight !== undefined) validateWeight(patch.weight);
  if (patch.parentObjectiveId !== undefined || patch.parentKeyResultId !== undefined) {
    const ref: ParentRef = {
      parentObjectiveId:
        patch.parentObjectiveId === undefined ? before.parentObjectiveId : patch.parentObjectiveId,
      parentKeyResultId:
        patch.parentKeyResultId === undefined ? before.parentKeyResultId : patch.parentKeyResultId,
    };
    const known =
      revision.parent === undefined
        ? undefined
        : { period: target.period, parent: revision.parent };
    await assertMayAlignUnder(db, actor, before, ref, target.period, known);
  }
  return lifecycle.reviseItem(OBJECTIVES, db, deps, actor, target, revision);
}

/** A new parent for `before`: visible, in its period, the actor may write there, no cycle. */
async function assertMayAlignUnder(
  db: Db,
  actor: Actor,
  before: Objective,
  ref: ParentRef,
  period: Period,
  known?: KnownPlace,
): Promise<void> {
  const parent = known ? knownParent(known, ref) : await loadParent(db, actor, ref, period.id);
  // The new parent is checked as creating there is: a viewer aligns only under their own.
  await lifecycle.assertMayWriteUnder(db, actor, parent, "move objectives");
  await assertNoCycleInStore(db, before.id, ref.parentObjectiveId ?? ref.parentKeyResultId);
}

/** Updates an objective's fields; `version` must match (else `version_conflict` with the current one). */
export async function updateObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const data = parseInput(UpdateObjectiveInputSchema, input);
  return lifecycle.editItem(OBJECTIVES, deps, actor, id, async (trx, target) => {
    const patch: ObjectiveChange = {
      title: data.title,
      weight: data.weight,
      confidential: data.confidential,
      outcome: data.outcome,
      status: data.status,
    };
    if (data.owner !== undefined) patch.owner = await resolveOwner(trx, data.owner);
    const revised = await reviseObjective(trx, deps, actor, target, {
      version: data.version,
      patch,
      action: "update",
    });
    return presentObjective(trx, actor, revised);
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
  return lifecycle.moveItem(OBJECTIVES, deps, actor, id, async (trx, before, period) => {
    // Neither parent given: stay under the current one (a move within the siblings).
    const keepParent = data.parentObjectiveId === undefined && data.parentKeyResultId === undefined;
    const ref: ParentRef = keepParent
      ? { parentObjectiveId: before.parentObjectiveId, parentKeyResultId: before.parentKeyResultId }
      : {
          parentObjectiveId: data.parentObjectiveId ?? null,
          parentKeyResultId: data.parentKeyResultId ?? null,
        };
    if (keepParent) {
      await loadParent(trx, actor, ref, period.id);
      await assertNoCycleInStore(trx, before.id, ref.parentObjectiveId ?? ref.parentKeyResultId);
    } else await assertMayAlignUnder(trx, actor, before, ref, period);
    const siblings = (await listObjectiveSiblings(trx, period.id, ref)).filter(
      (s) => s.id !== before.id,
    );
    const moved = await lifecycle.placeAmong(OBJECTIVES, trx, deps, actor, {
      before,
      version: data.version,
      siblings,
      index: data.position,
      patch: ref,
    });
    return presentObjective(trx, actor, moved);
  });
}

/** Moves an objective to `position` (0 = first) among its siblings (those the actor sees). */
export async function reorderObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const moved = await lifecycle.reorderItem(OBJECTIVES, deps, actor, id, input);
  return presentObjective(deps.db, actor, moved);
}

/** Archives an objective: it stays in history but leaves roll-ups and lists. */
export async function archiveObjective(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<VisibleObjective> {
  const archived = await lifecycle.archiveItem(OBJECTIVES, deps, actor, id, input);
  return presentObjective(deps.db, actor, archived);
}
