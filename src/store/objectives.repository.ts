/** Objectives: insert, read, versioned update, lists by period, parent and owner. */
import type { Id, IsoDateTime, Link, Objective } from "../core/types.js";
import { confidentialAboveSql } from "./confidential-walk.js";
import { boolOf, columnsOfPatch, type Db, type FieldColumns, intOf, notFound } from "./db.js";
import { ITEM_FIELD_COLUMNS, type ItemFields, itemBaseOf } from "./item-columns.js";
import { itemRows, itemsWithLinks, type NewItemRow } from "./item-rows.js";
import { prepared } from "./prepared.js";
import type { ObjectivesTable } from "./schema-items.js";

/** A new objective as the app builds it; `links` (optional) are inserted with it. */
export interface NewObjective extends ItemFields {
  id: Id;
  parentObjectiveId: Id | null;
  parentKeyResultId: Id | null;
  confidential: boolean;
  createdAt: IsoDateTime;
  /** Default 1. */
  version?: number;
  links?: readonly Link[];
}

/** What an update may change; `updatedAt` is always set. */
export type ObjectivePatch = Partial<
  Omit<NewObjective, "id" | "createdAt" | "version" | "links" | "updatedAt">
> & {
  updatedAt: IsoDateTime;
};

const FIELD_COLUMNS: FieldColumns<
  Omit<NewObjective, "id" | "createdAt" | "version" | "links">,
  ObjectivesTable
> = {
  ...ITEM_FIELD_COLUMNS,
  parentObjectiveId: (value) => ({ parent_objective_id: value }),
  parentKeyResultId: (value) => ({ parent_key_result_id: value }),
  confidential: (value) => ({ confidential: intOf(value) }),
};

/** Maps a row (and its links) to the domain type. */
export function objectiveOf(row: ObjectivesTable, links: Link[] = []): Objective {
  return {
    type: "objective",
    ...itemBaseOf(row, links),
    parentObjectiveId: row.parent_objective_id,
    parentKeyResultId: row.parent_key_result_id,
    confidential: boolOf(row.confidential),
  };
}

const OBJECTIVES = { table: "objectives", name: "Objective", itemOf: objectiveOf } as const;
/** A new objective's row with its links, as held until written. */
export type NewObjectiveRow = NewItemRow<typeof OBJECTIVES>;

const ROWS = itemRows<typeof OBJECTIVES, NewObjective, ObjectivePatch>(OBJECTIVES, (fields) =>
  columnsOfPatch(fields, FIELD_COLUMNS),
);

/** The row for a new objective. */
export const objectiveRowOf: (item: NewObjective) => ObjectivesTable = ROWS.rowOf;
export const {
  insert: insertObjective,
  find: findObjective,
  get: getObjective,
  byPeriod: listObjectivesByPeriod,
  byOwner: listObjectivesByOwner,
  bySourceKey: listObjectivesBySourceKey,
  newRowOf: newObjectiveRow,
  insertMany: insertObjectives,
  storedOf: storedObjectiveOf,
} = ROWS;

/**
 * Applies `patch` at `expectedVersion` (else `version_conflict`, see `updateItemRow`); a new
 * period takes the objective's key results and links along.
 */
export async function updateObjective(
  db: Db,
  id: Id,
  expectedVersion: number,
  patch: ObjectivePatch,
): Promise<Objective> {
  await ROWS.update(db, id, expectedVersion, patch);
  if (patch.periodId !== undefined) {
    // Key results and links carry their period for the one-query tree read: move them too.
    const periodId = patch.periodId;
    await db
      .updateTable("key_results")
      .set({ period_id: periodId })
      .where("objective_id", "=", id)
      .execute();
    await db
      .updateTable("links")
      .set({ period_id: periodId })
      .where((eb) =>
        eb.or([
          eb("objective_id", "=", id),
          eb(
            "key_result_id",
            "in",
            eb.selectFrom("key_results").select("id").where("objective_id", "=", id),
          ),
        ]),
      )
      .execute();
  }
  return getObjective(db, id);
}

/** Deletes an objective with its key results, links and check-ins. */
export async function deleteObjective(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("objectives").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Objective", id);
}

/** Objectives aligned directly under an objective or a key result. */
export async function listChildObjectives(
  db: Db,
  parent: { objectiveId: Id } | { keyResultId: Id },
): Promise<Objective[]> {
  const rows = await db
    .selectFrom("objectives")
    .selectAll()
    .where(
      "objectiveId" in parent ? "parent_objective_id" : "parent_key_result_id",
      "=",
      "objectiveId" in parent ? parent.objectiveId : parent.keyResultId,
    )
    .orderBy("position")
    .orderBy("id")
    .execute();
  return itemsWithLinks(db, OBJECTIVES, rows);
}

/** An objective's place among its siblings, and whether it is confidential. */
export interface SiblingPlace {
  id: Id;
  position: number;
  confidential: boolean;
}

/**
 * The places of the objectives sharing a parent with `objective` (itself among them), in
 * position order: what a reader's view of its position needs (hidden siblings leave no gap).
 */
export async function listSiblingPlaces(
  db: Db,
  objective: { periodId: Id; parentObjectiveId: Id | null; parentKeyResultId: Id | null },
): Promise<SiblingPlace[]> {
  let query = db
    .selectFrom("objectives")
    .select(["id", "position", "confidential"])
    .where("period_id", "=", objective.periodId);
  query = objective.parentObjectiveId
    ? query.where("parent_objective_id", "=", objective.parentObjectiveId)
    : query.where("parent_objective_id", "is", null);
  query = objective.parentKeyResultId
    ? query.where("parent_key_result_id", "=", objective.parentKeyResultId)
    : query.where("parent_key_result_id", "is", null);
  const rows = await query.orderBy("position").orderBy("id").execute();
  return rows.map((row) => ({
    id: row.id,
    position: Number(row.position),
    confidential: boolOf(row.confidential),
  }));
}

/**
 * Whether a confidential objective is found going up from `id` (an objective or a key result)
 * through alignments, `id` included: one recursive read; stops at the top, or at a loop in
 * stored data.
 */
export async function hasConfidentialAbove(db: Db, id: Id): Promise<boolean> {
  return (await confidentialAbove(db, { id })).rows.length > 0;
}

const confidentialAbove = prepared((_db, p: { id: Id }) => confidentialAboveSql(p.id));
