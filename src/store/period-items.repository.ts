/** A period's whole tree in three queries: objectives, key results, links. */
import type { Id, KeyResult, Objective } from "../core/types.js";
import type { Db } from "./db.js";
import { keyResultOf } from "./key-results.repository.js";
import { listLinksByPeriod } from "./links.repository.js";
import { objectiveOf } from "./objectives.repository.js";

export interface PeriodItems {
  objectives: Objective[];
  keyResults: KeyResult[];
}

/** Every objective and key result of a period with their links, in position order. */
export async function listPeriodItems(db: Db, periodId: Id): Promise<PeriodItems> {
  const [objectiveRows, keyResultRows, links] = await Promise.all([
    db
      .selectFrom("objectives")
      .selectAll()
      .where("period_id", "=", periodId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("key_results")
      .selectAll()
      .where("period_id", "=", periodId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    listLinksByPeriod(db, periodId),
  ]);
  return {
    objectives: objectiveRows.map((row) => objectiveOf(row, links.get(row.id) ?? [])),
    keyResults: keyResultRows.map((row) => keyResultOf(row, links.get(row.id) ?? [])),
  };
}
