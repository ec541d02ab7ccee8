/** Retrospectives: GOOD / BAD / TRY lists per team and period. */
import type { Id, IsoDateTime, Retrospective } from "../core/types.js";
import type { Db } from "./db.js";
import type { RetrospectivesTable } from "./schema-items.js";

function listOf(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}

export function retrospectiveOf(row: RetrospectivesTable): Retrospective {
  return {
    id: row.id,
    periodId: row.period_id,
    team: row.team,
    good: listOf(row.good),
    bad: listOf(row.bad),
    try: listOf(row.try),
  };
}

/** A period's retrospectives in the order they were written. */
export async function listRetrospectives(db: Db, periodId: Id): Promise<Retrospective[]> {
  const rows = await db
    .selectFrom("retrospectives")
    .selectAll()
    .where("period_id", "=", periodId)
    .orderBy("position")
    .orderBy("team")
    .execute();
  return rows.map(retrospectiveOf);
}

/**
 * Replaces a period's retrospectives with `retrospectives` (in that order). Call it in a
 * transaction so readers never see the period without them. Two with one team throw `conflict`.
 */
export async function replaceRetrospectives(
  db: Db,
  periodId: Id,
  retrospectives: readonly Retrospective[],
  at: IsoDateTime = new Date().toISOString(),
): Promise<Retrospective[]> {
  await db.deleteFrom("retrospectives").where("period_id", "=", periodId).execute();
  if (retrospectives.length > 0) {
    await db
      .insertInto("retrospectives")
      .values(
        retrospectives.map((retro, position) => ({
          id: retro.id,
          period_id: periodId,
          team: retro.team,
          good: JSON.stringify(retro.good),
          bad: JSON.stringify(retro.bad),
          try: JSON.stringify(retro.try),
          position,
          updated_at: at,
        })),
      )
      .execute();
  }
  return listRetrospectives(db, periodId);
}
