/**
 * `okr jobs`: the background work per kind (what waits, what failed and why);
 * `okr jobs run`: runs what is due now, once, in this process (e.g. from cron without a server).
 */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { JobKindStatus } from "../../app/jobs.js";
import { withDatabase } from "./user.js";

export function formatJobStatus(kinds: readonly JobKindStatus[]): string {
  if (kinds.length === 0) return "No background jobs yet.\n";
  const lines = kinds.map((k) => {
    const counts = `${k.pending} waiting, ${k.running} running, ${k.done} done, ${k.failed} failed`;
    const success = k.lastSuccessAt ? `; last success ${k.lastSuccessAt}` : "";
    const error = k.lastError ? `\n    last error ${k.lastErrorAt}: ${k.lastError}` : "";
    return `${k.kind}: ${counts}${success}${error}`;
  });
  return `${lines.join("\n")}\n`;
}

export function registerJobsCommand(program: Command): void {
  const jobs = program
    .command("jobs")
    .description("Background work: `okr jobs` shows it per kind, `okr jobs run` runs what is due");
  jobs
    .command("status", { isDefault: true })
    .description("Per kind: what waits, what failed and why")
    .option("--kind <kind>", "only this kind")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: { kind?: string; databaseUrl?: string }) => {
      const { readJobStatus } = await import("../../app/jobs.js");
      const kinds = await withDatabase(flags.databaseUrl, (deps) =>
        readJobStatus(deps, SYSTEM_ACTOR, flags.kind),
      );
      process.stdout.write(formatJobStatus(kinds));
    });
  jobs
    .command("run")
    .description("Run the jobs and schedule slots that are due now, then exit")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: { databaseUrl?: string }) => {
      const [{ createJobRunner }, { CHORES, JOB_KINDS, SCHEDULES }] = await Promise.all([
        import("../../app/jobs.js"),
        import("../../app/job-kinds.js"),
      ]);
      const ran = await withDatabase(flags.databaseUrl, (deps) =>
        createJobRunner(deps, { kinds: JOB_KINDS, schedules: SCHEDULES, chores: CHORES }).runOnce(),
      );
      process.stdout.write(`Ran ${ran} job${ran === 1 ? "" : "s"}.\n`);
    });
}
