/** `okr seed`: loads the example company (three quarters of OKRs) into an empty workspace. */
import type { Command } from "commander";
import type { ExampleDataSummary } from "../../app/example-data.js";
import { OkrError } from "../../core/errors.js";
import { withDatabase } from "./user.js";

interface SeedFlags {
  databaseUrl?: string;
  now?: string;
  force?: boolean;
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new OkrError("invalid_input", `--now must be a date like 2026-11-26, got '${value}'`);
  }
  return date;
}

/** The summary a person reads after seeding. */
export function formatSeedSummary(summary: ExampleDataSummary): string {
  const lines = ["Loaded the example company Fernhill:"];
  for (const p of summary.periods) {
    lines.push(
      `  ${p.label.padEnd(8)} ${p.start} – ${p.end}  ${String(p.objectives).padStart(2)} objectives, ${String(p.keyResults).padStart(2)} key results, ${String(p.checkIns).padStart(3)} check-ins${p.closed ? ", closed" : ", current"}`,
    );
  }
  lines.push(
    `  ${summary.teams} teams, ${summary.people} people, ${summary.checkIns} check-ins in all`,
  );
  if (summary.carriedOver) lines.push(`  carried over: ${summary.carriedOver}`);
  if (summary.unmatched.length > 0) {
    lines.push(`  check-in plans without their key result: ${summary.unmatched.join("; ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("Load the example company's OKRs (the current quarter and the two before it)")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .option("--now <date>", "the day to load them around (default today), e.g. 2026-11-26")
    .option("--force", "load even when the workspace already holds OKRs")
    .action(async (flags: SeedFlags) => {
      const now = parseNow(flags.now);
      const { isDatabaseEmpty, loadExampleData } = await import("../../app/example-data.js");
      const summary = await withDatabase(flags.databaseUrl, async (deps) => {
        if (!flags.force && !(await isDatabaseEmpty(deps))) {
          throw new OkrError(
            "conflict",
            "The workspace already holds OKRs, people or teams; okr seed loads the example company only into an empty one (--force to add it anyway)",
          );
        }
        return loadExampleData(deps, { now });
      });
      process.stdout.write(formatSeedSummary(summary));
    });
}
