/**
 * The walk up through alignments from an objective or a key result (itself included) to the
 * first confidential objective: one recursive read, stopping at the top or at a loop in stored
 * data. A statement of its own, or a column of a larger read.
 */
import { sql } from "kysely";
import type { Id } from "../core/types.js";
import type { Db } from "./db.js";

/** `select 1 as hit` when a confidential objective is found going up from `id`; no row else. */
export function confidentialAboveSql(id: unknown) {
  return sql<{ hit: number }>`
    with recursive up(id) as (
      select cast(${id} as text)
      union
      select coalesce(o.parent_key_result_id, o.parent_objective_id, k.objective_id)
      from up
      left join objectives o on o.id = up.id
      left join key_results k on k.id = up.id
      where coalesce(o.parent_key_result_id, o.parent_objective_id, k.objective_id) is not null
    )
    select 1 as hit from objectives o join up on up.id = o.id where o.confidential <> 0 limit 1
  `;
}

/** Ids asked about per statement: well under either database's parameter limit. */
const HIDDEN_CHUNK = 500;

/**
 * Which of `ids` (objectives or key results, of any period) have a confidential objective
 * going up from them, themselves included: one recursive read per few hundred ids, each walk
 * carrying the id it started from. Ids of no item are not among them.
 */
export async function listHiddenAmong(db: Db, ids: Iterable<Id>): Promise<Set<Id>> {
  const wanted = [...new Set(ids)];
  const hidden = new Set<Id>();
  for (let i = 0; i < wanted.length; i += HIDDEN_CHUNK) {
    const chunk = wanted.slice(i, i + HIDDEN_CHUNK);
    const list = sql.join(chunk.map((id) => sql`${id}`));
    const { rows } = await sql<{ start: string }>`
      with recursive up(start, id) as (
        select o.id, o.id from objectives o where o.id in (${list})
        union
        select k.id, k.id from key_results k where k.id in (${list})
        union
        select up.start, coalesce(o.parent_key_result_id, o.parent_objective_id, k.objective_id)
        from up
        left join objectives o on o.id = up.id
        left join key_results k on k.id = up.id
        where coalesce(o.parent_key_result_id, o.parent_objective_id, k.objective_id) is not null
      )
      select distinct up.start as start from up
      join objectives o on o.id = up.id where o.confidential <> 0
    `.execute(db);
    for (const row of rows) hidden.add(row.start);
  }
  return hidden;
}
