/**
 * The walk up through alignments from an objective or a key result (itself included) to the
 * first confidential objective: one recursive read, stopping at the top or at a loop in stored
 * data. A statement of its own, or a column of a larger read.
 */
import { sql } from "kysely";

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
