/**
 * Durable jobs: work that runs later, again after a failure, on a schedule, or exactly once
 * however many processes share the database (docs/decisions/0017-durable-jobs.md).
 *
 * - `enqueueJob` inserts a job, in the caller's transaction when given one (so a change and
 *   the work it causes commit together). A `(kind, key)` pair is enqueued at most once.
 * - A runner (one per server process) claims due jobs under a lease, runs their kind's
 *   handler, and marks them done, or pending again after an exponential backoff, or failed
 *   after the last attempt. A process killed mid-job leaves its lease to run out; another
 *   process then takes the job again (at least once; a handler that must not repeat an
 *   effect keys it by the job id).
 * - Schedules enqueue one job per cron slot, keyed by the slot, so two processes never both
 *   enqueue it; after downtime only the latest missed slot runs.
 * - Chores run at every poll, before the jobs: upkeep of the store that any process may do at
 *   any time, so it needs no queue (moving the audit journal into the log, decisions/0053).
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { Cron } from "croner";
import { OkrError } from "../core/errors.js";
import type { Db } from "../store/db.js";
import * as store from "../store/jobs.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import { assertAdmin } from "./permissions.js";

export interface Job {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempts: number;
  runAt: string;
  orderingKey: string | null;
}

export interface JobKind {
  kind: string;
  /** Runs the job; throwing fails this attempt. */
  run(deps: AppDeps, job: Job): Promise<void>;
  /** Attempts before giving up. Default 10. */
  maxAttempts?: number;
  /** Wait before attempt n+1: baseMs × 2^(n−1), at most maxMs. Default 1 s … 1 h. */
  backoff?: { baseMs: number; maxMs: number };
  /** Give up once this long has passed since the job was enqueued, whatever the attempts. */
  giveUpAfterMs?: number;
  /** An attempt running longer fails. Default 30 s. */
  timeoutMs?: number;
}

export interface Schedule {
  name: string;
  /** Cron syntax (croner): `0 9 * * 1` is Mondays at 9. */
  cron: string;
  /** IANA time zone of the cron; default UTC. */
  timezone?: string;
  kind: string;
  payload?: unknown;
}

/** Upkeep run at every poll; it must be safe beside the same chore in another process. */
export interface Chore {
  name: string;
  run(deps: AppDeps): Promise<void>;
}

export interface NewJob {
  kind: string;
  /** At most one job per (kind, key), ever; default a fresh id (no deduplication). */
  key?: string;
  payload?: unknown;
  /** Default now. */
  runAt?: Date;
  /** Jobs sharing it run one at a time, in the order they were enqueued. */
  orderingKey?: string;
}

/** Enqueues `job` (in `db`, the caller's transaction, when given); `created` false if its key existed. */
export async function enqueueJob(
  deps: AppDeps,
  job: NewJob,
  db: Db = deps.db,
): Promise<{ id: string; created: boolean }> {
  if (!job.kind.trim()) throw new OkrError("invalid_input", "A job needs a kind");
  const id = deps.newId();
  const key = job.key ?? id;
  const created = await store.insertJob(db, {
    id,
    kind: job.kind,
    key,
    payload: job.payload === undefined ? null : JSON.stringify(job.payload),
    runAt: (job.runAt ?? deps.now()).toISOString(),
    orderingKey: job.orderingKey ?? null,
    createdAt: deps.now().toISOString(),
  });
  if (created) return { id, created };
  const existing = await store.findJobByKey(db, job.kind, key);
  return { id: existing?.id ?? id, created: false };
}

/** Puts a finished or failed job back in the queue to run now (redelivery by hand). */
export async function requeueJob(deps: AppDeps, id: string): Promise<void> {
  if (!(await store.requeueJob(deps.db, id, deps.now().toISOString()))) {
    throw new OkrError("not_found", `No finished or failed job ${id}`);
  }
}

export interface JobKindStatus {
  kind: string;
  pending: number;
  running: number;
  done: number;
  failed: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** Per kind: how many jobs wait, run, finished and failed; the last success and last error (admins). */
export async function readJobStatus(
  deps: AppDeps,
  actor: Actor,
  kind?: string,
): Promise<JobKindStatus[]> {
  assertAdmin(actor, "read the job queue");
  return jobStatus(deps, kind);
}

/** `readJobStatus` without the actor, for the features that show their own kind's status. */
export async function jobStatus(deps: AppDeps, kind?: string): Promise<JobKindStatus[]> {
  const [counts, errors] = await Promise.all([
    store.countJobs(deps.db, kind),
    store.latestErrors(deps.db, kind),
  ]);
  const byKind = new Map<string, JobKindStatus>();
  const entry = (name: string) => {
    let status = byKind.get(name);
    if (!status) {
      status = {
        kind: name,
        pending: 0,
        running: 0,
        done: 0,
        failed: 0,
        lastSuccessAt: null,
        lastError: null,
        lastErrorAt: null,
      };
      byKind.set(name, status);
    }
    return status;
  };
  for (const row of counts) {
    const status = entry(row.kind);
    status[row.state] += row.count;
    if (row.state === "done") status.lastSuccessAt = row.lastFinishedAt;
  }
  for (const error of errors) {
    const status = entry(error.kind);
    status.lastError = error.error;
    status.lastErrorAt = error.at;
  }
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** The wait before the attempt after `attempts` failed ones. */
export function backoffMs(kind: JobKind, attempts: number): number {
  const { baseMs, maxMs } = kind.backoff ?? { baseMs: 1_000, maxMs: 3_600_000 };
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The schedule's zone for croner: UTC as a zero offset, which croner computes without Intl (a
 * time zone by name loads ICU's time zone data, several MB of memory in every process).
 */
function zoneOf(schedule: Schedule): { timezone: string } | { utcOffset: number } {
  const zone = schedule.timezone ?? "UTC";
  return zone === "UTC" || zone === "Etc/UTC" ? { utcOffset: 0 } : { timezone: zone };
}

/** The latest slot of `cron` at or before `now`, searching from `from` (inclusive). */
function latestSlot(cron: Cron, from: Date, now: Date): Date | null {
  let latest: Date | null = null;
  let cursor = new Date(from.getTime() - 1);
  // A schedule that ran every minute through a week of downtime is 10,080 slots: still quick.
  for (let i = 0; i < 100_000; i++) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > now.getTime()) break;
    latest = next;
    cursor = next;
  }
  return latest;
}

/**
 * Enqueues the due slot of `schedule`, once across processes: the process that moves the
 * schedule's next slot past now owns every slot in between and enqueues only the latest.
 */
export async function tickSchedule(deps: AppDeps, schedule: Schedule): Promise<boolean> {
  const cron = new Cron(schedule.cron, { ...zoneOf(schedule), paused: true });
  const now = deps.now();
  const following = (after: Date) =>
    cron.nextRun(after)?.toISOString() ?? "9999-12-31T00:00:00.000Z";
  const saved = await store.findSchedule(deps.db, schedule.name);
  if (!saved || saved.cron !== schedule.cron) {
    await store.putSchedule(deps.db, schedule.name, schedule.cron, following(now));
    return false;
  }
  if (saved.nextRunAt > now.toISOString()) return false;
  const slot = latestSlot(cron, new Date(saved.nextRunAt), now);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await store.advanceSchedule(trx, schedule.name, saved.nextRunAt, following(now)))) {
      return false;
    }
    if (!slot) return false;
    const slotIso = slot.toISOString();
    await enqueueJob(
      deps,
      {
        kind: schedule.kind,
        key: `${schedule.name}@${slotIso}`,
        payload: { ...(schedule.payload as object | undefined), slot: slotIso },
        runAt: slot,
      },
      trx,
    );
    return true;
  });
}

/** What a runner logs through: pino's shape, so the server's logger fits. */
export interface JobLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobRunnerOptions {
  kinds: readonly JobKind[];
  schedules?: readonly Schedule[];
  chores?: readonly Chore[];
  /** This process's name in the queue; default host:pid:random. */
  worker?: string;
  /** The wait between polls when nothing was due. Default 1 s. */
  pollMs?: number;
  /** Jobs taken per claim. Default 10. */
  batch?: number;
  logger?: JobLogger;
}

export interface JobRunner {
  worker: string;
  /**
   * Runs the chores, enqueues due schedule slots, then runs due jobs until none is left;
   * answers how many jobs ran.
   */
  runOnce(): Promise<number>;
  /** Polls in the background until `stop`. */
  start(): void;
  /** Stops polling and waits for the jobs in hand. */
  stop(): Promise<void>;
}

const LEASE_MARGIN_MS = 30_000;

export function createJobRunner(deps: AppDeps, options: JobRunnerOptions): JobRunner {
  const kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));
  const worker = options.worker ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const pollMs = options.pollMs ?? 1_000;
  const batch = options.batch ?? 10;
  const longest = Math.max(30_000, ...options.kinds.map((kind) => kind.timeoutMs ?? 30_000));
  let stopped = true;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function runJob(row: store.JobRow): Promise<void> {
    const kind = kinds.get(row.kind);
    if (!kind) return;
    const job: Job = {
      id: row.id,
      kind: row.kind,
      key: row.key,
      payload: row.payload === null ? null : JSON.parse(row.payload),
      attempts: row.attempts,
      runAt: row.runAt,
      orderingKey: row.orderingKey,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeoutMs = kind.timeoutMs ?? 30_000;
      await Promise.race([
        kind.run(deps, job),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      await store.completeJob(deps.db, row.id, worker, deps.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = deps.now();
      const retry = now.getTime() + backoffMs(kind, row.attempts);
      const tooOld =
        kind.giveUpAfterMs !== undefined &&
        retry - new Date(row.createdAt).getTime() > kind.giveUpAfterMs;
      const giveUp = row.attempts >= (kind.maxAttempts ?? 10) || tooOld;
      await store.failJob(deps.db, {
        id: row.id,
        worker,
        now: now.toISOString(),
        error: message.slice(0, 2_000),
        retryAt: giveUp ? null : new Date(retry).toISOString(),
      });
      options.logger?.warn(
        { job: row.id, kind: row.kind, attempt: row.attempts, giveUp, err: message },
        giveUp ? "job failed for good" : "job failed; will retry",
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function runChores(): Promise<void> {
    for (const chore of options.chores ?? []) {
      try {
        await chore.run(deps);
      } catch (error) {
        options.logger?.error(
          { chore: chore.name, err: error instanceof Error ? error.message : String(error) },
          "chore failed; it runs again at the next poll",
        );
      }
    }
  }

  async function runOnce(): Promise<number> {
    await runChores();
    for (const schedule of options.schedules ?? []) {
      if (kinds.has(schedule.kind)) await tickSchedule(deps, schedule);
    }
    let ran = 0;
    for (;;) {
      const now = deps.now();
      const claimed = await store.claimDueJobs(deps.db, {
        worker,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + longest + LEASE_MARGIN_MS).toISOString(),
        kinds: [...kinds.keys()],
        limit: batch,
      });
      if (claimed.length === 0) return ran;
      // One ordering key is never claimed twice at once, so these may run side by side.
      await Promise.all(claimed.map(runJob));
      ran += claimed.length;
      if (stopped && loop) return ran;
    }
  }

  return {
    worker,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      loop = (async () => {
        while (!stopped) {
          try {
            await runOnce();
          } catch (error) {
            options.logger?.error(
              { err: error instanceof Error ? error.message : String(error) },
              "job runner could not poll the queue",
            );
          }
          if (stopped) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      })();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
