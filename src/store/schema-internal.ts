/**
 * Kysely table types of the job queue and the answer cache's bookkeeping: each database
 * keeps its own, and a backup carries none of them.
 * Conventions every table follows: see schema.ts.
 */
import type { Generated } from "kysely";

/** Work to run later, again after a failure, or once across processes (migration 0005). */
export interface JobsTable {
  /** bigint on PostgreSQL (the driver gives text), integer on SQLite: the enqueue order. */
  seq: Generated<number | string>;
  id: string;
  kind: string;
  key: string;
  /** JSON text or null. */
  payload: string | null;
  state: "pending" | "running" | "done" | "failed";
  run_at: string;
  attempts: number;
  ordering_key: string | null;
  locked_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A recurring schedule: the next slot it has not yet enqueued. */
export interface JobSchedulesTable {
  name: string;
  cron: string;
  next_run_at: string;
}

/** A write counter per period (scope = its id) and for the whole workspace (scope `*`). */
export interface ReadVersionsTable {
  scope: string;
  /** bigint: PostgreSQL's driver gives text, SQLite a number. */
  version: number | string;
}

/** A period's read version step made only by check-ins: one row per check-in (0029). */
export interface ReadChangesTable {
  /** The period's id. */
  scope: string;
  /** The period's read version the check-in's transaction bumped it to. */
  version: number | string;
  key_result_id: string;
  check_in_id: string;
}

/** A counter stepped by triggers on every write to the tables it names (migration 0014). */
export interface WriteCountersTable {
  name: string;
  /** bigint: PostgreSQL's driver gives text, SQLite a number. */
  n: number | string;
}
