/**
 * The dashboard's figures that the database computes: the at-risk and stale lists, a page at
 * a time with their totals. Key results that are archived or cancelled, or whose objective is
 * archived (the tree leaves them out), are left out; for readers who are not insiders, so is
 * everything under a confidential objective (found by one recursive query, the way the app's
 * `findConfidentialIds` walks the period's items).
 */
import { type QueryResult, type RawBuilder, sql } from "kysely";
import type { Id, IsoDateTime, KeyResult, KeyResultKind, Status } from "../core/types.js";
import { type Db, isPostgres } from "./db.js";
import { nameStatement } from "./dialect/named-statements.js";

export interface DashboardScope {
  periodId: Id;
  /** Insiders see confidential objectives and what hangs under them. */
  insider: boolean;
}

export interface ListPage {
  offset: number;
  limit: number;
}

/** `with recursive … hidden(id)`: the period's items a non-insider may not see. */
function hiddenItems(periodId: Id): RawBuilder<unknown> {
  return sql`with recursive edges(child, parent) as (
      select id, objective_id from key_results where period_id = ${periodId}
      union all
      select id, coalesce(parent_key_result_id, parent_objective_id)
      from objectives where period_id = ${periodId}
    ),
    hidden(id) as (
      select id from objectives where period_id = ${periodId} and confidential <> 0
      union
      select e.child from edges e join hidden h on e.parent = h.id
    )`;
}

/** The opening `with` (or nothing, for insiders) and the matching condition on `k`. */
function visibility(scope: DashboardScope): {
  with: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
} {
  if (scope.insider) return { with: sql``, where: sql`` };
  return {
    with: hiddenItems(scope.periodId),
    where: sql`and k.id not in (select id from hidden)`,
  };
}

/**
 * Runs a dashboard statement. Its text is one of a few (by list, and insider or not) and only
 * its values vary, so PostgreSQL gets it by name and plans it once per connection: planned
 * afresh, the recursive walk's plan took about as long as running it.
 */
function run<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  if (isPostgres(db)) nameStatement(compiled.sql);
  return db.executeQuery(compiled);
}

/**
 * Key results of the period that count: not archived, not cancelled, their objective not
 * archived (the tree leaves those out).
 */
function liveKeyResults(periodId: Id): RawBuilder<unknown> {
  // The period's archived objectives (a key result's objective is in its period), as a set the
  // database builds once. A correlated `exists` let PostgreSQL, before it had statistics for a
  // freshly written period, loop over every objective and probe the period's key results for
  // each: 25 ms a list instead of 0.5.
  return sql`k.period_id = ${periodId} and k.archived = 0
    and (k.status is null or k.status <> 'cancelled')
    and k.objective_id not in
      (select o.id from objectives o where o.period_id = ${periodId} and o.archived <> 0)`;
}

/** A key result in a dashboard list. */
export interface KeyResultListRow {
  id: Id;
  objectiveId: Id;
  title: string;
  owner: string | null;
  health: string | null;
  progress: number | null;
  lastCheckInAt: IsoDateTime | null;
  /** What hides the title's figures from a reader who may not see the target. */
  targetConfidential: boolean;
  start: number | null;
  target: number | null;
  current: number | null;
  /** What the progress it is shown at is counted from, with the figures above. */
  kind: KeyResultKind;
  direction: KeyResult["direction"];
  status: Status | null;
}

interface ListRow {
  id: string;
  objective_id: string;
  title: string;
  owner_name: string | null;
  health: string | null;
  progress: number | string | null;
  last_check_in_at: string | null;
  target_confidential: number | boolean;
  start_value: number | string | null;
  target_value: number | string | null;
  current_value: number | string | null;
  kind: string;
  direction: string | null;
  status: string | null;
  total: number | string;
}

const numberOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

async function pageOfKeyResults(
  db: Db,
  scope: DashboardScope,
  condition: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  page: ListPage,
): Promise<{ rows: KeyResultListRow[]; total: number }> {
  const v = visibility(scope);
  const where = sql`${liveKeyResults(scope.periodId)} and ${condition} ${v.where}`;
  const result = await run(
    db,
    sql<ListRow>`${v.with}
    select k.id, k.objective_id, k.title, k.owner_name, k.health, k.progress,
      k.last_check_in_at, k.target_confidential, k.start_value, k.target_value, k.current_value,
      k.kind, k.direction, k.status, count(*) over () as total
    from key_results k where ${where}
    order by ${order}, k.title, k.id
    limit ${page.limit} offset ${page.offset}`,
  );
  const first = result.rows[0];
  let total = first ? Number(first.total) : 0;
  if (!first && page.offset > 0) {
    // Past the end: the page is empty, the total still says how many there are.
    const counted = await run(
      db,
      sql<{ n: number | string }>`${v.with}
      select count(*) as n from key_results k where ${where}`,
    );
    total = Number(counted.rows[0]?.n ?? 0);
  }
  return {
    total,
    rows: result.rows.map((row) => ({
      id: row.id,
      objectiveId: row.objective_id,
      title: row.title,
      owner: row.owner_name,
      health: row.health,
      progress: numberOrNull(row.progress),
      lastCheckInAt: row.last_check_in_at,
      targetConfidential: Boolean(Number(row.target_confidential)),
      start: numberOrNull(row.start_value),
      target: numberOrNull(row.target_value),
      current: numberOrNull(row.current_value),
      kind: row.kind as KeyResultKind,
      direction: row.direction as KeyResult["direction"],
      status: row.status as Status | null,
    })),
  };
}

/** Key results at risk or needing attention, lowest progress first (none yet counts as 0). */
export function listAtRiskKeyResults(
  db: Db,
  scope: DashboardScope,
  page: ListPage,
): Promise<{ rows: KeyResultListRow[]; total: number }> {
  return pageOfKeyResults(
    db,
    scope,
    sql`k.health in ('at_risk', 'needs_attention')`,
    sql`coalesce(k.progress, 0)`,
    page,
  );
}

/**
 * Unfinished key results silent since before `before`: their last check-in earlier, or never
 * checked in in a period begun earlier (`core/settings.ts` silentSince), longest silent first
 * (never checked in before all).
 */
export function listStaleKeyResults(
  db: Db,
  scope: DashboardScope,
  before: IsoDateTime,
  page: ListPage,
): Promise<{ rows: KeyResultListRow[]; total: number }> {
  return pageOfKeyResults(
    db,
    scope,
    // A closed period is graded: nothing in it waits for a check-in any more.
    sql`(k.status is null or k.status not in ('done', 'cancelled', 'carried_over', 'missed'))
      and (k.last_check_in_at < ${before} or (k.last_check_in_at is null and exists
        (select 1 from periods s where s.id = k.period_id and (s.start_date || 'T00:00:00.000Z') < ${before})))
      and not exists (select 1 from periods p where p.id = k.period_id and p.closed_at is not null)`,
    sql`coalesce(k.last_check_in_at, '')`,
    page,
  );
}
