/** Periods: quarters and years, found by id or by label. */
import type { Id, IsoDateTime, Period, PeriodKind } from "../core/types.js";
import { type Db, notFound } from "./db.js";
import type { PeriodsTable } from "./schema-items.js";

export function periodOf(row: PeriodsTable): Period {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind as PeriodKind,
    start: row.start_date,
    end: row.end_date,
    closedAt: row.closed_at,
  };
}

/** Inserts a period; a label already taken throws `conflict`. */
export async function insertPeriod(
  db: Db,
  period: Period,
  createdAt: IsoDateTime = new Date().toISOString(),
): Promise<Period> {
  await db
    .insertInto("periods")
    .values({
      id: period.id,
      label: period.label,
      kind: period.kind,
      start_date: period.start,
      end_date: period.end,
      closed_at: period.closedAt,
      created_at: createdAt,
    })
    .execute();
  return period;
}

export async function findPeriod(db: Db, id: Id): Promise<Period | undefined> {
  const row = await db.selectFrom("periods").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? periodOf(row) : undefined;
}

export async function getPeriod(db: Db, id: Id): Promise<Period> {
  const period = await findPeriod(db, id);
  if (!period) throw notFound("Period", id);
  return period;
}

export async function findPeriodByLabel(db: Db, label: string): Promise<Period | undefined> {
  const row = await db
    .selectFrom("periods")
    .selectAll()
    .where("label", "=", label)
    .executeTakeFirst();
  return row ? periodOf(row) : undefined;
}

/** Every period, earliest first. */
export async function listPeriods(db: Db): Promise<Period[]> {
  const rows = await db
    .selectFrom("periods")
    .selectAll()
    .orderBy("start_date")
    .orderBy("kind")
    .orderBy("label")
    .execute();
  return rows.map(periodOf);
}

/** Sets or clears `closedAt`. */
export async function setPeriodClosedAt(
  db: Db,
  id: Id,
  closedAt: IsoDateTime | null,
): Promise<Period> {
  const result = await db
    .updateTable("periods")
    .set({ closed_at: closedAt })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound("Period", id);
  return getPeriod(db, id);
}

/** Deletes a period with everything in it. */
export async function deletePeriod(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("periods").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Period", id);
}
