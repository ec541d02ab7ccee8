/** Check-ins: append-only history; the latest is the key result's current state. */
import type { CheckIn, Health, Id } from "../core/types.js";
import type { Db } from "./db.js";
import type { CheckInsTable } from "./schema.js";

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

export function checkInOf(row: CheckInsTable): CheckIn {
  return {
    id: row.id,
    keyResultId: row.key_result_id,
    value: numberOrNull(row.value),
    progress: numberOrNull(row.progress),
    health: row.health as Health | null,
    confidence: numberOrNull(row.confidence),
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}

export function checkInRowOf(checkIn: CheckIn): CheckInsTable {
  return {
    id: checkIn.id,
    key_result_id: checkIn.keyResultId,
    value: checkIn.value,
    progress: checkIn.progress,
    health: checkIn.health,
    confidence: checkIn.confidence,
    note: checkIn.note,
    author_id: checkIn.authorId,
    author_name: checkIn.authorName,
    created_at: checkIn.createdAt,
  };
}

export async function insertCheckIn(db: Db, checkIn: CheckIn): Promise<CheckIn> {
  await db.insertInto("check_ins").values(checkInRowOf(checkIn)).execute();
  return checkIn;
}

/** A key result's history, oldest first. */
export async function listCheckIns(db: Db, keyResultId: Id): Promise<CheckIn[]> {
  const rows = await db
    .selectFrom("check_ins")
    .selectAll()
    .where("key_result_id", "=", keyResultId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(checkInOf);
}

/** The newest check-in of a key result. */
export async function findLatestCheckIn(db: Db, keyResultId: Id): Promise<CheckIn | undefined> {
  const row = await db
    .selectFrom("check_ins")
    .selectAll()
    .where("key_result_id", "=", keyResultId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? checkInOf(row) : undefined;
}

/** Every check-in on a period's key results, oldest first (progress over time). */
export async function listCheckInsByPeriod(db: Db, periodId: Id): Promise<CheckIn[]> {
  const rows = await db
    .selectFrom("check_ins")
    .innerJoin("key_results", "key_results.id", "check_ins.key_result_id")
    .selectAll("check_ins")
    .where("key_results.period_id", "=", periodId)
    .orderBy("check_ins.created_at")
    .orderBy("check_ins.id")
    .execute();
  return rows.map(checkInOf);
}
