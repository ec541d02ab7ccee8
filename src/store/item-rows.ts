/**
 * The rows objectives and key results share, written once: insert with links, find by id, the
 * versioned update, and the items of a period, of an owner, or made by an import from a source
 * key, each with its links. Each kind hands its table, its name and its row mapping.
 */
import { sql } from "kysely";
import { OkrError } from "../core/errors.js";
import type { Id, KeyResult, Link, Objective } from "../core/types.js";
import { insertRowsInStatements } from "./bulk.repository.js";
import { type Db, notFound } from "./db.js";
import {
  insertLinksOfNewItems,
  type LinkTarget,
  listLinks,
  listLinksOfItems,
} from "./links.repository.js";
import type { KeyResultsTable, ObjectivesTable } from "./schema-items.js";

/** How the shared rows reach one kind of item: its table, its name, its row mapping. */
export type ItemTable =
  | { table: "objectives"; name: string; itemOf(row: ObjectivesTable, links: Link[]): Objective }
  | {
      table: "key_results";
      name: string;
      itemOf(row: KeyResultsTable, links: Link[]): KeyResult;
    };

type ItemOf<K extends ItemTable> = K extends { table: "objectives" } ? Objective : KeyResult;
type RowOf<K extends ItemTable> = K extends { table: "objectives" }
  ? ObjectivesTable
  : KeyResultsTable;

/** Maps rows to items, reading all their links in one query. */
export async function itemsWithLinks<K extends ItemTable>(
  db: Db,
  kind: K,
  rows: readonly RowOf<K>[],
): Promise<ItemOf<K>[]> {
  const links = await listLinksOfItems(
    db,
    rows.map((row) => row.id),
  );
  const itemOf = kind.itemOf as (row: RowOf<K>, links: Link[]) => ItemOf<K>;
  return rows.map((row) => itemOf(row, links.get(row.id) ?? []));
}

function selectItems(db: Db, kind: ItemTable) {
  // Both tables carry the columns read here; the union keeps the query to those.
  return db.selectFrom(kind.table as "objectives").selectAll();
}

/** A period's items, in position order, with their links. */
export async function listItemsByPeriod<K extends ItemTable>(
  db: Db,
  kind: K,
  periodId: Id,
): Promise<ItemOf<K>[]> {
  const rows = await selectItems(db, kind)
    .where("period_id", "=", periodId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return itemsWithLinks(db, kind, rows as RowOf<K>[]);
}

/** Items owned by a person or team, newest periods first. */
export async function listItemsByOwner<K extends ItemTable>(
  db: Db,
  kind: K,
  ownerId: Id,
): Promise<ItemOf<K>[]> {
  const rows = await selectItems(db, kind)
    .where("owner_id", "=", ownerId)
    .orderBy("period_id", "desc")
    .orderBy("position")
    .execute();
  return itemsWithLinks(db, kind, rows as RowOf<K>[]);
}

/**
 * A period's items an import made, by the source key each carries, with their links: of
 * several with one key the first made, passing over `skip`.
 */
export async function listItemsBySourceKey<K extends ItemTable>(
  db: Db,
  kind: K,
  periodId: Id,
  skip: ReadonlySet<Id>,
): Promise<Map<string, ItemOf<K>>> {
  const rows = await selectItems(db, kind)
    .where("period_id", "=", periodId)
    .where("source_key", "is not", null)
    .orderBy("id")
    .execute();
  const first = new Map<string, RowOf<K>>();
  for (const row of rows) {
    const key = row.source_key as string;
    if (!skip.has(row.id) && !first.has(key)) first.set(key, row as RowOf<K>);
  }
  const keys = [...first.keys()];
  const items = await itemsWithLinks(db, kind, [...first.values()]);
  return new Map(items.map((item, i) => [keys[i] as string, item]));
}

function linkTargetOf(kind: ItemTable, id: Id): LinkTarget {
  return kind.table === "objectives" ? { objectiveId: id } : { keyResultId: id };
}

/** A new item's row with its links (which take the item's period). */
export interface NewItemRow<K extends ItemTable> {
  row: RowOf<K>;
  links: readonly Link[];
}

/** The item a new row and its links are once stored: what an insert answers, read from nothing. */
export function storedItemOf<K extends ItemTable>(kind: K, item: NewItemRow<K>): ItemOf<K> {
  const itemOf = kind.itemOf as (row: RowOf<K>, links: Link[]) => ItemOf<K>;
  return itemOf(item.row, [...item.links]);
}

/**
 * Inserts new items' rows, in the order given (a parent before what hangs under it), then
 * their links, with as few statements as the parameter limits allow.
 */
export async function insertItemRows<K extends ItemTable>(
  db: Db,
  kind: K,
  items: readonly NewItemRow<K>[],
): Promise<void> {
  await insertRowsInStatements(
    db,
    kind.table as "objectives",
    items.map((item) => item.row as ObjectivesTable),
  );
  await insertLinksOfNewItems(
    db,
    items.map(({ row, links }) => ({
      target: linkTargetOf(kind, row.id),
      links: links.map((link) => ({ ...link, periodId: row.period_id })),
    })),
  );
}

/** Inserts an item's row and its links (which take the item's period). */
export async function insertItemRow<K extends ItemTable>(
  db: Db,
  kind: K,
  row: RowOf<K>,
  links: readonly Link[],
): Promise<ItemOf<K>> {
  await insertItemRows(db, kind, [{ row, links }]);
  return storedItemOf(kind, { row, links });
}

/** The item by id with its links, if it exists. */
export async function findItemById<K extends ItemTable>(
  db: Db,
  kind: K,
  id: Id,
): Promise<ItemOf<K> | undefined> {
  const row = await selectItems(db, kind).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const itemOf = kind.itemOf as (row: RowOf<K>, links: Link[]) => ItemOf<K>;
  return itemOf(row as RowOf<K>, await listLinks(db, linkTargetOf(kind, id)));
}

/**
 * Sets `columns` when the item is still at `expectedVersion`, bumping the version. A stale
 * version changes nothing and throws `version_conflict` with `{ current }` (read by `current`).
 */
export async function updateItemRow<T extends { version: number }>(
  db: Db,
  kind: ItemTable,
  id: Id,
  expectedVersion: number,
  columns: object,
  current: (db: Db, id: Id) => Promise<T>,
): Promise<void> {
  const result = await db
    .updateTable(kind.table as "objectives")
    .set({ ...(columns as Partial<ObjectivesTable>), version: sql<number>`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const now = await current(db, id);
    throw new OkrError(
      "version_conflict",
      `${kind.name} ${id} changed since version ${expectedVersion} (now version ${now.version}); reload and try again`,
      { current: now },
    );
  }
}

/** The item by id; `not_found` naming the kind when it does not exist. */
export async function getItemById<K extends ItemTable>(
  db: Db,
  kind: K,
  id: Id,
): Promise<ItemOf<K>> {
  const item = await findItemById(db, kind, id);
  if (!item) throw notFound(kind.name, id);
  return item;
}

/**
 * The row of a new item from its mapped `columns`: every field is set (the optional source
 * fields default to null), the version starts at 1 unless given.
 */
export function newItemRow(
  item: { id: Id; createdAt: string; version?: number },
  columns: object,
): Record<string, unknown> {
  return {
    source_key: null,
    source_line: null,
    ...columns,
    id: item.id,
    created_at: item.createdAt,
    version: item.version ?? 1,
  };
}

/** What every new item carries besides its mapped fields. */
interface NewItemBase {
  id: Id;
  createdAt: string;
  version?: number;
  links?: readonly Link[];
}

type FieldsOf<N> = Omit<N, keyof NewItemBase>;

/**
 * One kind's rows, from its table, name and row mapping and how its fields map to columns:
 * the row of a new item, insert, find, get, and the versioned update of its columns.
 */
export function itemRows<K extends ItemTable, N extends NewItemBase, P>(
  kind: K,
  columnsOf: (fields: FieldsOf<N> | P) => object,
) {
  const rowOf = (item: N): RowOf<K> => {
    const { id: _id, createdAt: _at, version: _version, links: _links, ...fields } = item;
    return newItemRow(item, columnsOf(fields as FieldsOf<N>)) as unknown as RowOf<K>;
  };
  const newRowOf = (item: N): NewItemRow<K> => ({ row: rowOf(item), links: item.links ?? [] });
  const get = (db: Db, id: Id): Promise<ItemOf<K>> => getItemById(db, kind, id);
  return {
    rowOf,
    insert: (db: Db, item: N): Promise<ItemOf<K>> =>
      insertItemRow(db, kind, rowOf(item), item.links ?? []),
    find: (db: Db, id: Id): Promise<ItemOf<K> | undefined> => findItemById(db, kind, id),
    get,
    /** The versioned write alone; the caller moves what follows the item and reads it back. */
    update: (db: Db, id: Id, expectedVersion: number, patch: P): Promise<void> =>
      updateItemRow(db, kind, id, expectedVersion, columnsOf(patch), get),
    /** A period's items, in position order, with their links. */
    byPeriod: (db: Db, periodId: Id): Promise<ItemOf<K>[]> => listItemsByPeriod(db, kind, periodId),
    /** Items owned by a person or team, newest periods first. */
    byOwner: (db: Db, ownerId: Id): Promise<ItemOf<K>[]> => listItemsByOwner(db, kind, ownerId),
    /** A period's items an import made, by source key (the first made), passing over `skip`. */
    bySourceKey: (
      db: Db,
      periodId: Id,
      skip: ReadonlySet<Id> = new Set(),
    ): Promise<Map<string, ItemOf<K>>> => listItemsBySourceKey(db, kind, periodId, skip),
    /** A new item's row with its links, for {@link insertItemRows}. */
    newRowOf,
    /** New items' rows and links, in as few statements as the parameter limits allow. */
    insertMany: (db: Db, items: readonly NewItemRow<K>[]): Promise<void> =>
      insertItemRows(db, kind, items),
    /** The item a new row is once inserted, read from nothing. */
    storedOf: (item: NewItemRow<K>): ItemOf<K> => storedItemOf(kind, item),
  };
}
