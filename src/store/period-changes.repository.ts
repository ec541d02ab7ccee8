/**
 * What a period's answers need to follow check-ins without reading the whole period again:
 * the key results they changed, and the check-ins themselves (decisions/0029).
 */
import type { CheckIn, Id, KeyResult, Link } from "../core/types.js";
import { checkInOf } from "./check-ins.repository.js";
import type { Db } from "./db.js";
import { keyResultOf } from "./key-results.repository.js";

/**
 * The key results with these ids as stored now, each with the links it had (`linksOf`): a
 * check-in never changes links, and any write that does makes the period be read whole.
 */
export async function listKeyResultsByIds(
  db: Db,
  ids: readonly Id[],
  linksOf: (id: Id) => Link[],
): Promise<KeyResult[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("key_results").selectAll().where("id", "in", ids).execute();
  return rows.map((row) => keyResultOf(row, linksOf(row.id)));
}

/** The check-ins with these ids. */
export async function listCheckInsByIds(db: Db, ids: readonly Id[]): Promise<CheckIn[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("check_ins").selectAll().where("id", "in", ids).execute();
  return rows.map(checkInOf);
}
