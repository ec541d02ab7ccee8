/**
 * `okr remind --dry-run`: who would get a check-in reminder now, and for what;
 * `okr remind --now`: sends those reminders (through the job queue, once per person and hour).
 */
import type { Command } from "commander";
import type { PlannedReminder } from "../../app/reminders.js";
import { OkrError } from "../../core/errors.js";
import { describeReminder } from "../../core/reminders.js";
import { withDatabase } from "./user.js";

interface RemindFlags {
  dryRun?: boolean;
  now?: boolean;
  at?: string;
  slot?: boolean;
  databaseUrl?: string;
}

const CHANNEL_WORDS = { "in-app": "in the app", email: "by email", chat: "in their chat" };

/** The plan as people read it: one block per person, one line per due key result. */
export function formatReminderPlan(planned: readonly PlannedReminder[]): string {
  if (planned.length === 0) return "Nobody has a key result due for a check-in.\n";
  const blocks = planned.map((p) => {
    const to = p.email ? `<${p.email}>` : "(no email address)";
    const head = `${p.name} ${to}: ${p.due.length} due; reminders ${describeReminder(p.preference)}, ${CHANNEL_WORDS[p.channel]}${p.skipped ? ` — not sent: ${p.skipped}` : ""}`;
    const lines = p.due.map(
      (kr) =>
        `  - ${kr.title} (${kr.periodLabel}; last check-in ${kr.lastCheckInAt?.slice(0, 10) ?? "never"})\n    ${kr.link}`,
    );
    return [head, ...lines].join("\n");
  });
  const people = planned.filter((p) => !p.skipped).length;
  return `${blocks.join("\n\n")}\n\n${people} of ${planned.length} ${planned.length === 1 ? "person" : "people"} would get a reminder.\n`;
}

function parseAt(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) {
    throw new OkrError(
      "invalid_input",
      `--at must be a date and time like 2026-03-02T09:00:00Z, got '${raw}'`,
    );
  }
  return at;
}

export function registerRemindCommand(program: Command): void {
  program
    .command("remind")
    .description("Check-in reminders: --dry-run shows who would get what now, --now sends them")
    .option("--dry-run", "print who would get a reminder now and for which key results")
    .option("--now", "send those reminders now (needs OKR_SMTP_URL)")
    .option("--slot", "only people whose own reminder slot is this hour (what the schedule sends)")
    .option("--at <time>", "pretend it is this time (ISO 8601), e.g. to preview Monday morning")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: RemindFlags) => {
      if (Boolean(flags.dryRun) === Boolean(flags.now)) {
        throw new OkrError("invalid_input", "Say either --dry-run (show) or --now (send)");
      }
      const at = parseAt(flags.at);
      const [{ planReminders, reminderJobKey }, { rhythmOf }] = await Promise.all([
        import("../../app/reminders.js"),
        import("../../app/mail.js"),
      ]);
      await withDatabase(flags.databaseUrl, async (base) => {
        const deps = at ? { ...base, now: () => new Date(at.getTime()) } : base;
        const planned = await planReminders(deps, deps.now(), { anySlot: !flags.slot });
        if (flags.dryRun) {
          process.stdout.write(formatReminderPlan(planned));
          return;
        }
        // Refused before anything is said or queued: the plan is printed only when it is sent.
        const toSend = planned.filter((p) => !p.skipped);
        const byEmail = toSend.filter((p) => p.channel === "email").length;
        if (byEmail > 0 && !rhythmOf(deps).mail) {
          throw new OkrError(
            "invalid_config",
            `Mail is off: set OKR_SMTP_URL (and OKR_MAIL_FROM) to send reminders; ${byEmail === toSend.length ? (byEmail === 1 ? "the reminder due goes" : `all ${byEmail} reminders due go`) : `${byEmail} of the ${toSend.length} reminders due go`} by email (--dry-run shows who)`,
          );
        }
        process.stdout.write(formatReminderPlan(planned));
        const [{ enqueueJob, createJobRunner, jobStatus }, { JOB_KINDS }] = await Promise.all([
          import("../../app/jobs.js"),
          import("../../app/job-kinds.js"),
        ]);
        let queued = 0;
        for (const p of toSend) {
          const job = await enqueueJob(deps, {
            kind: "reminder.send",
            key: reminderJobKey(p.personId, p.slot),
            payload: { personId: p.personId, slot: p.slot },
          });
          if (job.created) queued += 1;
        }
        await createJobRunner(deps, { kinds: JOB_KINDS }).runOnce();
        const [status] = await jobStatus(deps, "reminder.send");
        const total = toSend.length;
        process.stdout.write(
          `Queued ${queued} reminder${queued === 1 ? "" : "s"}${queued < total ? ` (${total - queued} went out earlier this hour)` : ""} and ran the queue.\n`,
        );
        if (status && status.pending + status.failed > 0 && status.lastError) {
          process.stdout.write(
            `${status.pending} waiting to retry, ${status.failed} failed; last error: ${status.lastError}\n`,
          );
          process.exitCode = 1;
        }
      });
    });
}
