/**
 * `okr backup FILE`: every table into one portable JSON-lines file (gzip when FILE ends in
 * `.gz`), restorable into SQLite or PostgreSQL with `okr restore`.
 */
import { createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import type { BackupProgress } from "../../store/backup.js";
import { openDatabase, redactUrl, resolveDatabaseUrl } from "../../store/database.js";
import type { TableName } from "../../store/schema.js";
import { cannotWrite } from "./output-file.js";

/** Prints progress: a line per table, rewritten in place on a terminal. */
export function createProgressPrinter(out: NodeJS.WritableStream & { isTTY?: boolean }): {
  update: (progress: BackupProgress) => void;
  finish: () => void;
} {
  let current: TableName | undefined;
  let last = "";
  const line = (p: BackupProgress) => `  ${p.table.padEnd(15)} ${p.done}/${p.total}`;
  return {
    update(progress) {
      if (current !== undefined && progress.table !== current)
        out.write(out.isTTY ? `\r${last}\n` : `${last}\n`);
      current = progress.table;
      last = line(progress);
      if (out.isTTY) out.write(`\r${last}`);
    },
    finish() {
      if (current !== undefined) out.write(out.isTTY ? `\r${last}\n` : `${last}\n`);
      current = undefined;
    },
  };
}

export interface BackupCommandOptions {
  databaseUrl?: string;
  force?: boolean;
  /** Progress and summary. Default stderr. */
  out?: NodeJS.WritableStream;
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Writes the backup to a temporary file next to FILE, then renames it: no half-written backups. */
export async function runBackup(
  file: string,
  options: BackupCommandOptions = {},
): Promise<Record<TableName, number>> {
  const out = options.out ?? process.stderr;
  const target = resolve(file);
  if (existsSync(target) && !options.force) {
    throw new OkrError(
      "invalid_input",
      `${file} already exists; choose another name or pass --force to replace it`,
    );
  }
  const url = resolveDatabaseUrl(options.databaseUrl, process.env);
  const { writeBackup } = await import("../../store/backup.js");
  const opened = await openDatabase(url, { migrate: true });
  const temporary = `${target}.partial-${process.pid}`;
  try {
    out.write(`Backing up ${redactUrl(url)} to ${file}\n`);
    const source = new PassThrough();
    let fileStream: Writable;
    try {
      fileStream = createWriteStream(temporary, { flags: "wx" });
      await new Promise<void>((ok, fail) => {
        fileStream.once("open", () => ok());
        fileStream.once("error", fail);
      });
    } catch (error) {
      throw cannotWrite(file, error);
    }
    const written = target.endsWith(".gz")
      ? pipeline(source, createGzip(), fileStream)
      : pipeline(source, fileStream);
    // Awaited below; a failure while reading the database must not leave it unhandled.
    written.catch(() => {});
    const printer = createProgressPrinter(out);
    const counts = await writeBackup(opened.db, source, {
      source: opened.dialect,
      onProgress: printer.update,
    }).finally(() => source.end());
    await written;
    printer.finish();
    await rename(temporary, target);
    out.write(
      `Backed up ${total(counts)} rows from ${Object.keys(counts).length} tables to ${file}\n`,
    );
    return counts;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await opened.close();
  }
}

export function registerBackupCommand(program: Command): void {
  program
    .command("backup")
    .description(
      "Write every table to FILE (JSON lines; .gz compresses); okr restore reads it into SQLite or PostgreSQL",
    )
    .argument("<file>", "the backup file to write")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .option("--force", "replace FILE if it exists")
    .action(async (file: string, flags: { databaseUrl?: string; force?: boolean }) => {
      await runBackup(file, flags);
    });
}
