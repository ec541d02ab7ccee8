/** Which period an item is in: one indexed lookup, for reads answered from the period's model. */
import type { Id } from "../core/types.js";
import type { Db } from "./db.js";

/** The period of key result `id`, or undefined when there is none. */
export async function findPeriodIdOfKeyResult(db: Db, id: Id): Promise<Id | undefined> {
  const row = await db
    .selectFrom("key_results")
    .select("period_id")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.period_id;
}
