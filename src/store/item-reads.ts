/**
 * The reads objectives and key results share, written once: the items of a period, of an
 * owner, or made by an import from a source key, each with its links. Each kind hands its
 * table and its row mapping.
 */
import type { Id, KeyResult, Link, Objective } from "../core/types.js";
import type { Db } from "./db.js";
import { listLinks, listLinksOfItems } from "./links.repository.js";
import type { KeyResultsTable, ObjectivesTable } from "./schema.js";

/** How the shared reads reach one kind of item. */
export type ItemTable =
  | { table: "objectives"; itemOf(row: ObjectivesTable, links: Link[]): Objective }
  | { table: "key_results"; itemOf(row: KeyResultsTable, links: Link[]): KeyResult };

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

/** The item an import made from `sourceKey` in this period, if any, passing over `skip`. */
export async function findItemBySourceKey<K extends ItemTable>(
  db: Db,
  kind: K,
  periodId: Id,
  sourceKey: string,
  skip: ReadonlySet<Id>,
): Promise<ItemOf<K> | undefined> {
  const rows = await selectItems(db, kind)
    .where("period_id", "=", periodId)
    .where("source_key", "=", sourceKey)
    .orderBy("id")
    .execute();
  const row = rows.find((r) => !skip.has(r.id)) as RowOf<K> | undefined;
  if (!row) return undefined;
  const target = kind.table === "objectives" ? { objectiveId: row.id } : { keyResultId: row.id };
  const itemOf = kind.itemOf as (row: RowOf<K>, links: Link[]) => ItemOf<K>;
  return itemOf(row, await listLinks(db, target));
}
