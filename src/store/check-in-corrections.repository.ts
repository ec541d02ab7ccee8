/**
 * Corrections to the check-in history: one check-in changed or deleted, and the key result's
 * current state written again from the history as `listCheckIns` orders it (time, then id;
 * the rule `recordCheckIn` decides the newest by). Run both in one transaction that locked the
 * key result (`findKeyResultToCheckIn`).
 */
import { sql } from "kysely";
import type { CheckIn, Health, Id, IsoDateTime, KeyResult, Status } from "../core/types.js";
import { checkInOf } from "./check-ins.repository.js";
import type { Db } from "./db.js";
import { getKeyResult } from "./key-results.repository.js";

/** A check-in by id, or undefined. */
export async function findCheckIn(db: Db, id: Id): Promise<CheckIn | undefined> {
  const row = await db.selectFrom("check_ins").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? checkInOf(row) : undefined;
}

/** Writes a check-in's corrected fields (its time and author stay). */
export async function updateCheckIn(
  db: Db,
  checkIn: Pick<CheckIn, "id" | "value" | "progress" | "health" | "confidence" | "note">,
): Promise<void> {
  await db
    .updateTable("check_ins")
    .set({
      value: checkIn.value,
      progress: checkIn.progress,
      health: checkIn.health,
      confidence: checkIn.confidence,
      note: checkIn.note,
    })
    .where("id", "=", checkIn.id)
    .execute();
}

export async function deleteCheckIn(db: Db, id: Id): Promise<void> {
  await db.deleteFrom("check_ins").where("id", "=", id).execute();
}

/** The state a key result takes from its history after a correction. */
export interface RecomputedState {
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  status: Status | null;
  lastCheckInAt: IsoDateTime | null;
}

/** Writes the key result's current state (one version step) and returns it as it is now. */
export async function writeKeyResultState(
  db: Db,
  keyResultId: Id,
  state: RecomputedState,
  at: IsoDateTime,
): Promise<KeyResult> {
  await db
    .updateTable("key_results")
    .set({
      current_value: state.current,
      progress: state.progress,
      health: state.health,
      confidence: state.confidence,
      status: state.status,
      last_check_in_at: state.lastCheckInAt,
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where("id", "=", keyResultId)
    .execute();
  return getKeyResult(db, keyResultId);
}
