/** `okr migrate`: bring the database's schema up to date (the server also does this at start). */
import type { Command } from "commander";
import { openDatabase, redactUrl, resolveDatabaseUrl } from "../../store/database.js";

export interface MigrateCommandOptions {
  databaseUrl?: string;
  /** Where progress lines go. Default stdout. */
  out?: NodeJS.WritableStream;
}

/** Applies pending migrations, printing each one; returns the names applied. */
export async function runMigrate(options: MigrateCommandOptions = {}): Promise<string[]> {
  const out = options.out ?? process.stdout;
  const url = resolveDatabaseUrl(options.databaseUrl, process.env);
  const { listPendingMigrations, migrateToLatest } = await import("../../store/migrate.js");
  const opened = await openDatabase(url);
  try {
    const pending = await listPendingMigrations(opened.db);
    out.write(
      `Database ${redactUrl(url)}: ${pending.length} pending migration${pending.length === 1 ? "" : "s"}\n`,
    );
    let index = 0;
    const report = await migrateToLatest(opened.db, {
      onStart: (name) => {
        index++;
        out.write(`  [${index}/${pending.length}] ${name}\n`);
      },
    });
    out.write(
      report.applied.length === 0
        ? `Up to date (${report.total} migration${report.total === 1 ? "" : "s"})\n`
        : `Applied ${report.applied.length}; up to date (${report.total} migration${report.total === 1 ? "" : "s"})\n`,
    );
    return report.applied;
  } finally {
    await opened.close();
  }
}

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (the server also does this when it starts)")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: { databaseUrl?: string }) => {
      await runMigrate({ databaseUrl: flags.databaseUrl });
    });
}
