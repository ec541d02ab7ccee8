/**
 * Every kind of durable job, every schedule and every chore the server runs: one entry per
 * kind, so a new feature's background work is registered here and nowhere else.
 */
import { moveAuditJournal } from "../store/audit.repository.js";
import * as store from "../store/jobs.repository.js";
import type { Chore, JobKind, Schedule } from "./jobs.js";
import {
  NOTIFICATION_DELIVERY_KINDS,
  NOTIFICATION_DELIVERY_SCHEDULES,
} from "./notification-delivery.js";
import { RHYTHM_JOB_KINDS, RHYTHM_SCHEDULES } from "./rhythm-jobs.js";
import { SOURCE_JOB_KINDS, SOURCE_SCHEDULES } from "./source-jobs.js";
import { WEBHOOK_DELIVERY_KIND } from "./webhook-delivery.js";

/** Finished jobs are kept this long (a delivery log, "last success"), then purged. */
const KEEP_FINISHED_MS = 30 * 86_400_000;

const purgeFinishedJobs: JobKind = {
  kind: "jobs.purge",
  async run(deps) {
    await store.purgeFinishedJobs(
      deps.db,
      new Date(deps.now().getTime() - KEEP_FINISHED_MS).toISOString(),
    );
  },
};

export const JOB_KINDS: readonly JobKind[] = [
  purgeFinishedJobs,
  ...RHYTHM_JOB_KINDS,
  ...SOURCE_JOB_KINDS,
  WEBHOOK_DELIVERY_KIND,
  ...NOTIFICATION_DELIVERY_KINDS,
];

export const SCHEDULES: readonly Schedule[] = [
  { name: "purge-finished-jobs", cron: "17 3 * * *", kind: "jobs.purge" },
  ...RHYTHM_SCHEDULES,
  ...SOURCE_SCHEDULES,
  ...NOTIFICATION_DELIVERY_SCHEDULES,
];

/** Audit events moved per transaction: a few milliseconds of the write lock on SQLite. */
const AUDIT_BATCH = 1000;

/** The audit journal moved into the indexed log, a batch at a time, until it is empty. */
const moveAuditJournalChore: Chore = {
  name: "move-audit-journal",
  async run(deps) {
    while ((await moveAuditJournal(deps.db, AUDIT_BATCH)) === AUDIT_BATCH) {
      // Between batches, let the requests waiting for the write lock in.
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};

export const CHORES: readonly Chore[] = [moveAuditJournalChore];
