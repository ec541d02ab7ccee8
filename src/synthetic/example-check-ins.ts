/**
 * The example company's weekly check-in history, written through the store's check-in writer
 * (`insertCheckIn` then `applyCheckInToKeyResult`, the newest check-in becoming the key
 * result's state) without an audit event per week: it is the past, not actions taken now, and
 * the first start stays quick.
 */
import { addDays } from "../core/fiscal-calendar.js";
import { progressOf, statusAfterCheckIn } from "../core/progress.js";
import type { Health, Id, IsoDate, IsoDateTime, KeyResult, PeriodRange } from "../core/types.js";
import {
  type CheckInPlan,
  checkInDayOffset,
  deriveConfidence,
  deriveHealth,
} from "../example-data/check-ins.js";
import { applyCheckInToKeyResult, insertCheckIn } from "../store/check-ins.repository.js";
import type { Db } from "../store/db.js";

/** A time on `day`, in UTC. */
export function at(day: IsoDate, hour: number, minute = 0): IsoDateTime {
  return `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00.000Z`;
}

export interface CheckInHistory {
  db: Db;
  newId: () => Id;
  plan: CheckInPlan;
  /** Spreads the check-in times of plans over the minutes of the hour. */
  planIndex: number;
  /** The key result as it is before the history, with what it measures already set. */
  keyResult: KeyResult;
  range: PeriodRange;
  authorName: string;
  /** Weeks after this moment are not written. */
  now: Date;
}

/** Writes a plan's weekly check-ins up to `now`; answers how many it wrote. */
export async function writeCheckInHistory(history: CheckInHistory): Promise<number> {
  const { db, plan, range } = history;
  let current = history.keyResult;
  let count = 0;
  for (const [index, value] of plan.values.entries()) {
    if (value === null) continue;
    const week = index + 1;
    let day = addDays(range.start, checkInDayOffset(week));
    if (day > range.end) day = range.end;
    const time = at(day, 16, history.planIndex % 60);
    if (new Date(time).getTime() > history.now.getTime()) break;
    const progress = progressOf(current, value);
    const health: Health | null = plan.health?.[week] ?? deriveHealth(plan, progress, week);
    const confidence = plan.confidence?.[week] ?? deriveConfidence(health);
    const checkInId = history.newId();
    await insertCheckIn(db, {
      id: checkInId,
      keyResultId: current.id,
      value,
      progress,
      health,
      confidence,
      note: plan.notes?.[week] ?? "",
      authorId: null,
      authorName: history.authorName,
      createdAt: time,
    });
    current = await applyCheckInToKeyResult(db, current.id, {
      checkInId,
      at: time,
      current: value,
      progress,
      health,
      confidence,
      status: statusAfterCheckIn(current, progress),
    });
    count++;
  }
  return count;
}
