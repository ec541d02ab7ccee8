/** `okr restore FILE`: load a backup into an empty database, SQLite or PostgreSQL. */
import { createReadStream, existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import { openDatabase, redactUrl, resolveDatabaseUrl } from "../../store/database.js";
import type { TableName } from "../../store/schema.js";
import { createProgressPrinter } from "./backup.js";

export interface RestoreCommandOptions {
  databaseUrl?: string;
  /** Progress and summary. Default stderr. */
  out?: NodeJS.WritableStream;
}

/** Restores FILE into the (empty) database; all rows or none. */
export async function runRestore(
  file: string,
  options: RestoreCommandOptions = {},
): Promise<Record<TableName, number>> {
  const out = options.out ?? process.stderr;
  if (!existsSync(file)) throw new OkrError("invalid_input", `${file} does not exist`);
  const url = resolveDatabaseUrl(options.databaseUrl, process.env);
  const { restoreBackup } = await import("../../store/backup.js");
  const opened = await openDatabase(url, { migrate: true });
  try {
    out.write(`Restoring ${file} into ${redactUrl(url)}\n`);
    const raw = createReadStream(file);
    let input: Readable = raw;
    if (file.endsWith(".gz")) {
      const gunzip = createGunzip();
      raw.on("error", (error) => gunzip.destroy(error));
      input = raw.pipe(gunzip);
    }
    const printer = createProgressPrinter(out);
    let counts: Record<TableName, number>;
    try {
      counts = await restoreBackup(opened.db, input, { onProgress: printer.update });
    } catch (error) {
      if ((error as { code?: string }).code === "Z_DATA_ERROR") {
        throw new OkrError(
          "invalid_input",
          `${file} is not a gzip file; rename it without .gz if it is plain JSON lines`,
        );
      }
      throw error;
    } finally {
      printer.finish();
    }
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    out.write(`Restored ${rows} rows; every table's count matches the backup\n`);
    return counts;
  } finally {
    await opened.close();
  }
}

export function registerRestoreCommand(program: Command): void {
  program
    .command("restore")
    .description(
      "Load a backup written by okr backup into an empty database (SQLite or PostgreSQL)",
    )
    .argument("<file>", "the backup file to read")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (file: string, flags: { databaseUrl?: string }) => {
      await runRestore(file, flags);
    });
}
