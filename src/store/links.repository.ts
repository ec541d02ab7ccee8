/** Links on objectives and key results: issues, epics, dashboards, documents. */
import type { Id, Link, LinkKind } from "../core/types.js";
import { insertRowsInStatements } from "./bulk.repository.js";
import { type Db, notFound } from "./db.js";
import type { LinksTable } from "./schema-items.js";

/** Where a link hangs: exactly one of the two ids. */
export type LinkTarget =
  | { objectiveId: Id; keyResultId?: undefined }
  | { keyResultId: Id; objectiveId?: undefined };

export interface NewLink extends Link {
  periodId: Id;
  position?: number;
}

export function linkOf(row: LinksTable): Link {
  return { id: row.id, kind: row.kind as LinkKind, text: row.text, url: row.url };
}

/** Which item a link hangs on, with the link. */
export interface StoredLink extends Link {
  objectiveId: Id | null;
  keyResultId: Id | null;
  periodId: Id;
  position: number;
}

function storedLinkOf(row: LinksTable): StoredLink {
  return {
    ...linkOf(row),
    objectiveId: row.objective_id,
    keyResultId: row.key_result_id,
    periodId: row.period_id,
    position: Number(row.position),
  };
}

function rowOf(target: LinkTarget, link: NewLink, position: number): LinksTable {
  return {
    id: link.id,
    period_id: link.periodId,
    objective_id: target.objectiveId ?? null,
    key_result_id: target.keyResultId ?? null,
    kind: link.kind,
    text: link.text,
    url: link.url,
    position: link.position ?? position,
  };
}

/** Adds links after the item's existing ones. */
export async function insertLinks(
  db: Db,
  target: LinkTarget,
  links: readonly NewLink[],
): Promise<void> {
  if (links.length === 0) return;
  const last = await db
    .selectFrom("links")
    .select((eb) => eb.fn.max("position").as("max"))
    .where(
      target.objectiveId ? "objective_id" : "key_result_id",
      "=",
      target.objectiveId ?? target.keyResultId,
    )
    .executeTakeFirst();
  const start = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  await db
    .insertInto("links")
    .values(links.map((link, index) => rowOf(target, link, start + index)))
    .execute();
}

/**
 * The links of items just made (none hang on them yet), every item's in one statement as far
 * as the parameter limits allow: each takes its position, else its place in its item's list.
 */
export async function insertLinksOfNewItems(
  db: Db,
  items: readonly { target: LinkTarget; links: readonly NewLink[] }[],
): Promise<void> {
  const rows = items.flatMap(({ target, links }) =>
    links.map((link, index) => rowOf(target, link, index)),
  );
  await insertRowsInStatements(db, "links", rows);
}

export async function insertLink(db: Db, target: LinkTarget, link: NewLink): Promise<Link> {
  await insertLinks(db, target, [link]);
  return { id: link.id, kind: link.kind, text: link.text, url: link.url };
}

/** An item's links, in order. */
export async function listLinks(db: Db, target: LinkTarget): Promise<Link[]> {
  const rows = await db
    .selectFrom("links")
    .selectAll()
    .where(
      target.objectiveId ? "objective_id" : "key_result_id",
      "=",
      target.objectiveId ?? target.keyResultId,
    )
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map(linkOf);
}

export async function findLink(db: Db, id: Id): Promise<StoredLink | undefined> {
  const row = await db.selectFrom("links").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? storedLinkOf(row) : undefined;
}

export async function getLink(db: Db, id: Id): Promise<StoredLink> {
  const link = await findLink(db, id);
  if (!link) throw notFound("Link", id);
  return link;
}

export async function deleteLink(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("links").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Link", id);
}

/** Replaces all of an item's links (an import rewriting a line). */
export async function replaceLinks(
  db: Db,
  target: LinkTarget,
  links: readonly NewLink[],
): Promise<void> {
  await db
    .deleteFrom("links")
    .where(
      target.objectiveId ? "objective_id" : "key_result_id",
      "=",
      target.objectiveId ?? target.keyResultId,
    )
    .execute();
  await insertLinks(db, target, links);
}

/** Every link of a period, grouped by the item it hangs on (one query). */
export async function listLinksByPeriod(db: Db, periodId: Id): Promise<Map<Id, Link[]>> {
  const rows = await db
    .selectFrom("links")
    .selectAll()
    .where("period_id", "=", periodId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return groupLinks(rows);
}

/** Links of the given items, grouped by item id. */
export async function listLinksOfItems(db: Db, itemIds: readonly Id[]): Promise<Map<Id, Link[]>> {
  const groups = new Map<Id, Link[]>();
  // Chunked: parameter lists stay well under both dialects' limits.
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    const rows = await db
      .selectFrom("links")
      .selectAll()
      .where((eb) => eb.or([eb("objective_id", "in", chunk), eb("key_result_id", "in", chunk)]))
      .orderBy("position")
      .orderBy("id")
      .execute();
    for (const [key, links] of groupLinks(rows)) groups.set(key, links);
  }
  return groups;
}

function groupLinks(rows: readonly LinksTable[]): Map<Id, Link[]> {
  const groups = new Map<Id, Link[]>();
  for (const row of rows) {
    const key = row.objective_id ?? row.key_result_id;
    if (!key) continue;
    let list = groups.get(key);
    if (!list) {
      list = [];
      groups.set(key, list);
    }
    list.push(linkOf(row));
  }
  return groups;
}
