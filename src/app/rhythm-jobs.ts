/**
 * The weekly rhythm's background work, run by the durable job queue: an hourly plan that
 * enqueues each person's reminder for their slot (key `reminder:{personId}:{slot}`, so no two
 * processes ever both send it), the sends themselves (retried with backoff while SMTP fails),
 * the weekly digest and the end-of-quarter nudges.
 */
import type { IsoDateTime } from "../core/types.js";
import { accountMailOf } from "./account-links.js";
import { planChatDigests, postChatDigest } from "./chat-digest.js";
import { sendDigest } from "./digest.js";
import { planDigests } from "./digest-plan.js";
import { enqueueJob, type JobKind, type Schedule } from "./jobs.js";
import { sendOnce } from "./mail-once.js";
import { planQuarterEnd, sendQuarterEnd } from "./quarter-end.js";
import { planReminders, reminderJobKey, sendReminder } from "./reminders.js";

const RETRY = {
  maxAttempts: 12,
  backoff: { baseMs: 30_000, maxMs: 3_600_000 },
  giveUpAfterMs: 24 * 3_600_000,
};

interface PersonSlot {
  personId: string;
  slot: IsoDateTime;
}

function personSlotOf(payload: unknown): PersonSlot {
  const data = payload as Partial<PersonSlot> | null;
  if (!data || typeof data.personId !== "string" || typeof data.slot !== "string") {
    throw new Error("The job's payload names no person and slot");
  }
  return { personId: data.personId, slot: data.slot };
}

/** The schedule slot a plan job is for: its run time (a late run plans the slot it was for). */
function slotOf(runAt: string): Date {
  return new Date(runAt);
}

export const RHYTHM_JOB_KINDS: readonly JobKind[] = [
  {
    kind: "reminders.plan",
    async run(deps, job) {
      for (const planned of await planReminders(deps, slotOf(job.runAt))) {
        if (planned.skipped) continue;
        await enqueueJob(deps, {
          kind: "reminder.send",
          key: reminderJobKey(planned.personId, planned.slot),
          payload: { personId: planned.personId, slot: planned.slot },
        });
      }
    },
  },
  {
    kind: "reminder.send",
    ...RETRY,
    async run(deps, job) {
      const { personId, slot } = personSlotOf(job.payload);
      await sendReminder(deps, personId, slot);
    },
  },
  {
    kind: "digest.plan",
    async run(deps, job) {
      const slot = slotOf(job.runAt);
      for (const planned of await planDigests(deps, slot)) {
        await enqueueJob(deps, { kind: "digest.send", key: planned.key, payload: planned });
      }
      for (const chat of await planChatDigests(deps, slot)) {
        await enqueueJob(deps, { kind: "chat.digest", key: chat.key, payload: chat });
      }
    },
  },
  {
    kind: "digest.send",
    ...RETRY,
    async run(deps, job) {
      await sendDigest(deps, job.payload);
    },
  },
  {
    kind: "chat.digest",
    ...RETRY,
    async run(deps, job) {
      await postChatDigest(deps, job.payload);
    },
  },
  {
    // Invites and password resets: the link in the mail is the only copy of its secret.
    kind: "account.mail",
    ...RETRY,
    giveUpAfterMs: 3_600_000,
    async run(deps, job) {
      await sendOnce(deps, {
        ...accountMailOf(job.payload),
        kind: "account",
        key: `account:${job.id}`,
      });
    },
  },
  {
    kind: "quarter-end.plan",
    async run(deps, job) {
      for (const planned of await planQuarterEnd(deps, slotOf(job.runAt))) {
        await enqueueJob(deps, { kind: "quarter-end.send", key: planned.key, payload: planned });
      }
    },
  },
  {
    kind: "quarter-end.send",
    ...RETRY,
    async run(deps, job) {
      await sendQuarterEnd(deps, job.payload);
    },
  },
];

export const RHYTHM_SCHEDULES: readonly Schedule[] = [
  // Every hour: each person's slot is an hour in their own time zone.
  { name: "reminders", cron: "0 * * * *", kind: "reminders.plan" },
  { name: "weekly-digest", cron: "0 8 * * 1", kind: "digest.plan" },
  { name: "quarter-end", cron: "0 9 * * *", kind: "quarter-end.plan" },
];
