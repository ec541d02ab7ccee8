/** Key results: insert, read, versioned update, lists, and the latest check-in state. */
import { sql } from "kysely";
import { OkrError } from "../core/errors.js";
import type {
  Health,
  Id,
  IsoDateTime,
  KeyResult,
  KeyResultKind,
  Link,
  MetricUnit,
} from "../core/types.js";
import { boolOf, columnsOfPatch, type Db, type FieldColumns, intOf, notFound } from "./db.js";
import { ITEM_FIELD_COLUMNS, type ItemFields, itemBaseOf } from "./item-columns.js";
import { insertLinks, listLinks, listLinksOfItems } from "./links.repository.js";
import type { KeyResultsTable } from "./schema.js";

/** A new key result as the app builds it; `links` (optional) are inserted with it. */
export interface NewKeyResult extends ItemFields {
  id: Id;
  objectiveId: Id;
  kind: KeyResultKind;
  unit: MetricUnit | null;
  start: number | null;
  target: number | null;
  direction: "above" | "below" | null;
  targetConfidential: boolean;
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  lastCheckInAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  /** Default 1. */
  version?: number;
  links?: readonly Link[];
}

/** What an update may change; `updatedAt` is always set. */
export type KeyResultPatch = Partial<
  Omit<NewKeyResult, "id" | "createdAt" | "version" | "links" | "updatedAt">
> & {
  updatedAt: IsoDateTime;
};

const FIELD_COLUMNS: FieldColumns<
  Omit<NewKeyResult, "id" | "createdAt" | "version" | "links">,
  KeyResultsTable
> = {
  ...ITEM_FIELD_COLUMNS,
  objectiveId: (value) => ({ objective_id: value }),
  kind: (value) => ({ kind: value }),
  unit: (value) => ({ unit: value }),
  start: (value) => ({ start_value: value }),
  target: (value) => ({ target_value: value }),
  direction: (value) => ({ direction: value }),
  targetConfidential: (value) => ({ target_confidential: intOf(value) }),
  current: (value) => ({ current_value: value }),
  progress: (value) => ({ progress: value }),
  health: (value) => ({ health: value }),
  confidence: (value) => ({ confidence: value }),
  lastCheckInAt: (value) => ({ last_check_in_at: value }),
};

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Maps a row (and its links) to the domain type. */
export function keyResultOf(row: KeyResultsTable, links: Link[] = []): KeyResult {
  return {
    type: "key_result",
    ...itemBaseOf(row, links),
    objectiveId: row.objective_id,
    kind: row.kind as KeyResultKind,
    unit: row.unit as MetricUnit | null,
    start: numberOrNull(row.start_value),
    target: numberOrNull(row.target_value),
    direction: row.direction as KeyResult["direction"],
    targetConfidential: boolOf(row.target_confidential),
    current: numberOrNull(row.current_value),
    progress: numberOrNull(row.progress),
    health: row.health as Health | null,
    confidence: numberOrNull(row.confidence),
    lastCheckInAt: row.last_check_in_at,
  };
}

/** The row for a new key result. */
export function keyResultRowOf(keyResult: NewKeyResult): KeyResultsTable {
  const { id, createdAt, version, links: _links, ...fields } = keyResult;
  // Every field of NewKeyResult is set (the optional source fields default to null).
  return {
    source_key: null,
    source_line: null,
    ...columnsOfPatch(fields, FIELD_COLUMNS),
    id,
    created_at: createdAt,
    version: version ?? 1,
  } as KeyResultsTable;
}

export async function insertKeyResult(db: Db, keyResult: NewKeyResult): Promise<KeyResult> {
  await db.insertInto("key_results").values(keyResultRowOf(keyResult)).execute();
  const links = keyResult.links ?? [];
  await insertLinks(
    db,
    { keyResultId: keyResult.id },
    links.map((link) => ({ ...link, periodId: keyResult.periodId })),
  );
  return keyResultOf(keyResultRowOf(keyResult), [...links]);
}

export async function findKeyResult(db: Db, id: Id): Promise<KeyResult | undefined> {
  const row = await db
    .selectFrom("key_results")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return keyResultOf(row, await listLinks(db, { keyResultId: id }));
}

export async function getKeyResult(db: Db, id: Id): Promise<KeyResult> {
  const keyResult = await findKeyResult(db, id);
  if (!keyResult) throw notFound("Key result", id);
  return keyResult;
}

/**
 * Applies `patch` when the key result is still at `expectedVersion`, bumping the version.
 * A stale version changes nothing and throws `version_conflict` with `{ current }`.
 */
export async function updateKeyResult(
  db: Db,
  id: Id,
  expectedVersion: number,
  patch: KeyResultPatch,
): Promise<KeyResult> {
  const result = await db
    .updateTable("key_results")
    .set({ ...columnsOfPatch(patch, FIELD_COLUMNS), version: sql<number>`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = await getKeyResult(db, id);
    throw new OkrError(
      "version_conflict",
      `Key result ${id} changed since version ${expectedVersion} (now version ${current.version}); reload and try again`,
      { current },
    );
  }
  if (patch.periodId !== undefined) {
    // Links carry their period for the one-query tree read: move them too.
    await db
      .updateTable("links")
      .set({ period_id: patch.periodId })
      .where("key_result_id", "=", id)
      .execute();
  }
  return getKeyResult(db, id);
}

/** The state a check-in leaves on its key result. */
export interface CheckInState {
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  at: IsoDateTime;
}

/**
 * Records a check-in's values as the key result's latest state and bumps its version, unless
 * a later check-in is already recorded (history imported out of order keeps the newest).
 * Needs no expected version: check-ins never overwrite what an editor typed.
 */
export async function applyCheckInToKeyResult(
  db: Db,
  id: Id,
  state: CheckInState,
): Promise<KeyResult> {
  await db
    .updateTable("key_results")
    .set({
      current_value: state.current,
      progress: state.progress,
      health: state.health,
      confidence: state.confidence,
      last_check_in_at: state.at,
      updated_at: state.at,
      version: sql<number>`version + 1`,
    })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([eb("last_check_in_at", "is", null), eb("last_check_in_at", "<=", state.at)]),
    )
    .execute();
  return getKeyResult(db, id);
}

/** Deletes a key result with its links and check-ins. */
export async function deleteKeyResult(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("key_results").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Key result", id);
}

async function withLinks(db: Db, rows: KeyResultsTable[]): Promise<KeyResult[]> {
  const links = await listLinksOfItems(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => keyResultOf(row, links.get(row.id) ?? []));
}

/** An objective's key results, in position order, with their links. */
export async function listKeyResultsByObjective(db: Db, objectiveId: Id): Promise<KeyResult[]> {
  const rows = await db
    .selectFrom("key_results")
    .selectAll()
    .where("objective_id", "=", objectiveId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return withLinks(db, rows);
}

/** A period's key results, in position order, with their links. */
export async function listKeyResultsByPeriod(db: Db, periodId: Id): Promise<KeyResult[]> {
  const rows = await db
    .selectFrom("key_results")
    .selectAll()
    .where("period_id", "=", periodId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return withLinks(db, rows);
}

/** Key results owned by a person or team. */
export async function listKeyResultsByOwner(db: Db, ownerId: Id): Promise<KeyResult[]> {
  const rows = await db
    .selectFrom("key_results")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("period_id", "desc")
    .orderBy("position")
    .execute();
  return withLinks(db, rows);
}

/** The key result an import created from `sourceKey` in this period, if any. */
export async function findKeyResultBySourceKey(
  db: Db,
  periodId: Id,
  sourceKey: string,
): Promise<KeyResult | undefined> {
  const row = await db
    .selectFrom("key_results")
    .selectAll()
    .where("period_id", "=", periodId)
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
  if (!row) return undefined;
  return keyResultOf(row, await listLinks(db, { keyResultId: row.id }));
}
