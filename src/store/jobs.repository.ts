/**
 * The job queue's SQL. A claim is one statement: it takes due jobs (and jobs whose worker's
 * lease ran out) that no earlier unfinished job with the same ordering key is ahead of, and
 * marks them running under a lease. On PostgreSQL the candidates are locked with SKIP LOCKED,
 * so two processes never take one job; on SQLite the statement runs under the write lock.
 */
import { sql } from "kysely";
import { type Db, isPostgres } from "./db.js";
import type { JobsTable } from "./schema-internal.js";

export interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload: string | null;
  state: JobsTable["state"];
  runAt: string;
  attempts: number;
  orderingKey: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface NewJobRow {
  id: string;
  kind: string;
  key: string;
  payload: string | null;
  runAt: string;
  orderingKey: string | null;
  createdAt: string;
}

const COLUMNS = [
  "id",
  "kind",
  "key",
  "payload",
  "state",
  "run_at",
  "attempts",
  "ordering_key",
  "last_error",
  "created_at",
] as const;

type SelectedRow = Pick<JobsTable, (typeof COLUMNS)[number]>;

function rowOf(row: SelectedRow): JobRow {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: row.payload,
    state: row.state,
    runAt: row.run_at,
    attempts: Number(row.attempts),
    orderingKey: row.ordering_key,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

/** Inserts the job unless one of the same kind and key exists; answers whether it inserted. */
export async function insertJob(db: Db, job: NewJobRow): Promise<boolean> {
  const result = await db
    .insertInto("jobs")
    .values({
      id: job.id,
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      state: "pending",
      run_at: job.runAt,
      attempts: 0,
      ordering_key: job.orderingKey,
      created_at: job.createdAt,
      updated_at: job.createdAt,
    })
    .onConflict((oc) => oc.columns(["kind", "key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The job of `kind` and `key`, if any. */
export async function findJobByKey(db: Db, kind: string, key: string): Promise<JobRow | null> {
  const row = await db
    .selectFrom("jobs")
    .select(COLUMNS)
    .where("kind", "=", kind)
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? rowOf(row) : null;
}

export interface ClaimInput {
  worker: string;
  now: string;
  leaseUntil: string;
  kinds: readonly string[];
  limit: number;
}

/** Takes up to `limit` due jobs of `kinds` for `worker`, counting the attempt. */
export async function claimDueJobs(db: Db, input: ClaimInput): Promise<JobRow[]> {
  if (input.kinds.length === 0) return [];
  const due = db
    .selectFrom("jobs as j")
    .select("j.seq")
    .where("j.kind", "in", input.kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb("j.state", "=", "pending"), eb("j.run_at", "<=", input.now)]),
        eb.and([eb("j.state", "=", "running"), eb("j.lease_until", "<", input.now)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb("j.ordering_key", "is", null),
        eb.not(
          eb.exists(
            eb
              .selectFrom("jobs as e")
              .select(sql.lit(1).as("one"))
              .whereRef("e.ordering_key", "=", "j.ordering_key")
              .whereRef("e.seq", "<", "j.seq")
              .where("e.state", "in", ["pending", "running"]),
          ),
        ),
      ]),
    )
    .orderBy("j.run_at")
    .orderBy("j.seq");
  // A read first: polling an empty queue takes no write lock.
  if ((await due.limit(1).execute()).length === 0) return [];
  const candidates = due
    .limit(input.limit)
    .$if(isPostgres(db), (qb) => qb.forUpdate().skipLocked());
  const rows = await db
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      locked_by: input.worker,
      lease_until: input.leaseUntil,
      attempts: eb("attempts", "+", 1),
      updated_at: input.now,
    }))
    .where("seq", "in", candidates)
    .returning(COLUMNS)
    .execute();
  return rows.map(rowOf).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : 0));
}

/** Marks the job done, if `worker` still holds it; answers whether it did. */
export async function completeJob(
  db: Db,
  id: string,
  worker: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "done", finished_at: now, updated_at: now, locked_by: null, lease_until: null })
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .where("state", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface FailInput {
  id: string;
  worker: string;
  now: string;
  error: string;
  /** When to try again, or null to give up. */
  retryAt: string | null;
}

/** Records a failed attempt: pending again at `retryAt`, or failed for good. */
export async function failJob(db: Db, input: FailInput): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({
      state: input.retryAt === null ? "failed" : "pending",
      run_at: input.retryAt ?? input.now,
      finished_at: input.retryAt === null ? input.now : null,
      last_error: input.error,
      updated_at: input.now,
      locked_by: null,
      lease_until: null,
    })
    .where("id", "=", input.id)
    .where("locked_by", "=", input.worker)
    .where("state", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Puts a failed or finished job back in the queue, to run now (redelivery by hand). */
export async function requeueJob(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "pending", run_at: now, attempts: 0, finished_at: null, updated_at: now })
    .where("id", "=", id)
    .where("state", "in", ["done", "failed"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface JobCounts {
  kind: string;
  state: JobsTable["state"];
  count: number;
  lastFinishedAt: string | null;
}

/** How many jobs of each kind are in each state, and when the last of them finished. */
export async function countJobs(db: Db, kind?: string): Promise<JobCounts[]> {
  const rows = await db
    .selectFrom("jobs")
    .select((eb) => [
      "kind",
      "state",
      eb.fn.countAll<number | string>().as("count"),
      eb.fn.max("finished_at").as("last_finished_at"),
    ])
    .$if(kind !== undefined, (qb) => qb.where("kind", "=", kind as string))
    .groupBy(["kind", "state"])
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    state: row.state,
    count: Number(row.count),
    lastFinishedAt: row.last_finished_at ?? null,
  }));
}

/** The latest failed attempt of each kind (a job failed for good, or pending a retry). */
export async function latestErrors(
  db: Db,
  kind?: string,
): Promise<{ kind: string; error: string; at: string }[]> {
  const rows = await db
    .selectFrom("jobs")
    .select(["kind", "last_error", "updated_at"])
    .where("last_error", "is not", null)
    .where("state", "in", ["pending", "failed"])
    .$if(kind !== undefined, (qb) => qb.where("kind", "=", kind as string))
    .orderBy("updated_at", "desc")
    .limit(200)
    .execute();
  const seen = new Map<string, { kind: string; error: string; at: string }>();
  for (const row of rows) {
    if (!seen.has(row.kind))
      seen.set(row.kind, { kind: row.kind, error: row.last_error ?? "", at: row.updated_at });
  }
  return [...seen.values()];
}

/** Deletes jobs that finished before `before`; answers how many. */
export async function purgeFinishedJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("state", "in", ["done", "failed"])
    .where("finished_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The schedule's next slot not yet enqueued, or null when it was never seen. */
export async function findSchedule(
  db: Db,
  name: string,
): Promise<{ cron: string; nextRunAt: string } | null> {
  const row = await db
    .selectFrom("job_schedules")
    .select(["cron", "next_run_at"])
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? { cron: row.cron, nextRunAt: row.next_run_at } : null;
}

/** Records a schedule first seen (or changed) with its next slot; a no-op if another did. */
export async function putSchedule(
  db: Db,
  name: string,
  cron: string,
  nextRunAt: string,
): Promise<void> {
  await db
    .insertInto("job_schedules")
    .values({ name, cron, next_run_at: nextRunAt })
    .onConflict((oc) => oc.column("name").doUpdateSet({ cron, next_run_at: nextRunAt }))
    .execute();
}

/**
 * Moves the schedule from the slot `from` to `to`, only if no one else moved it first:
 * the one process that does owns the slots in between.
 */
export async function advanceSchedule(
  db: Db,
  name: string,
  from: string,
  to: string,
): Promise<boolean> {
  const result = await db
    .updateTable("job_schedules")
    .set({ next_run_at: to })
    .where("name", "=", name)
    .where("next_run_at", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The jobs of `kind` sharing `orderingKey`, as rows of the queue. */
function jobsOfKey(db: Db, kind: string, orderingKey: string) {
  return db
    .selectFrom("jobs")
    .select(COLUMNS)
    .where("kind", "=", kind)
    .where("ordering_key", "=", orderingKey);
}

/** A job of `kind` and `orderingKey` that waits and has never started, if any. */
export async function findWaitingJob(
  db: Db,
  kind: string,
  orderingKey: string,
): Promise<JobRow | null> {
  const row = await jobsOfKey(db, kind, orderingKey)
    .where("state", "=", "pending")
    .where("attempts", "=", 0)
    .limit(1)
    .executeTakeFirst();
  return row ? rowOf(row) : null;
}

/**
 * The job of `kind` and `orderingKey` that started last (running, retrying or finished), if any;
 * a job that has not started yet is left out, so requests racing to queue one agree on it.
 */
export async function findLatestStartedJob(
  db: Db,
  kind: string,
  orderingKey: string,
): Promise<JobRow | null> {
  const row = await jobsOfKey(db, kind, orderingKey)
    .where((eb) => eb.or([eb("state", "!=", "pending"), eb("attempts", ">", 0)]))
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? rowOf(row) : null;
}
