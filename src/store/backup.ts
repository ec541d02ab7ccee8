/**
 * Backups as portable JSON lines: one header line (format, migrations, row counts), then one
 * line per row (`{"table":…,"row":{…}}`), then a trailer with the counts again. Rows are read
 * a page at a time inside one read transaction (a consistent snapshot) and written with
 * back-pressure, so any size fits in constant memory. The same file restores into an empty
 * SQLite or PostgreSQL database: columns are spelled the same on both (docs/decisions/0004).
 */
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { OkrError } from "../core/errors.js";
import { NUL_MESSAGE, nulPathOf } from "../core/nul-character.js";
import { upgradeBackupCounts, upgradeBackupRow } from "./backup-upgrades.js";
import { countRows, insertRows, PRIMARY_KEYS, streamRows } from "./bulk.repository.js";
import type { Db } from "./db.js";
import { MIGRATIONS } from "./migrations/index.js";
import { TABLES, type TableName } from "./schema.js";

export const BACKUP_FORMAT = "okr-backup/1";

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The dialect it was taken from (informational; restore works into either). */
  source: "sqlite" | "postgres";
  /** Migrations the source had: a restore needs all of them. */
  migrations: string[];
  counts: Record<TableName, number>;
}

export interface BackupProgress {
  table: TableName;
  done: number;
  total: number;
}

export interface BackupOptions {
  source: "sqlite" | "postgres";
  createdAt?: string;
  onProgress?: (progress: BackupProgress) => void;
  /** Rows read per query. Default 1000. */
  pageSize?: number;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/** Writes every table to `out` as JSON lines; returns the counts written. */
export async function writeBackup(
  db: Db,
  out: Writable,
  options: BackupOptions,
): Promise<Record<TableName, number>> {
  const run = async (trx: Db) => {
    const counts = await countRows(trx);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: options.createdAt ?? new Date().toISOString(),
      source: options.source,
      migrations: Object.keys(MIGRATIONS),
      counts,
    };
    await write(out, `${JSON.stringify(header)}\n`);
    const written = {} as Record<TableName, number>;
    for (const table of TABLES) {
      let done = 0;
      options.onProgress?.({ table, done, total: counts[table] });
      for await (const page of streamRows(trx, table, options.pageSize ?? 1000)) {
        let chunk = "";
        for (const row of page) chunk += `${JSON.stringify({ table, row })}\n`;
        await write(out, chunk);
        done += page.length;
        options.onProgress?.({ table, done, total: counts[table] });
      }
      written[table] = done;
    }
    await write(out, `${JSON.stringify({ end: true, counts: written })}\n`);
    return written;
  };
  if (db.isTransaction) return run(db);
  // One snapshot: rows written while the backup runs are either all in it or all out.
  if (options.source === "postgres") {
    return db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(run);
  }
  return db.transaction().setAccessMode("read only").execute(run);
}

export interface RestoreOptions {
  onProgress?: (progress: BackupProgress) => void;
  /** Rows per insert batch. Default 500. */
  batchSize?: number;
}

function badLine(line: number, why: string): OkrError {
  return new OkrError("invalid_input", `Backup line ${line}: ${why}`);
}

/** Refuses to restore over data: every table must be empty. */
export async function assertEmptyDatabase(db: Db): Promise<void> {
  const counts = await countRows(db);
  const used = Object.entries(counts).filter(([, n]) => n > 0);
  if (used.length > 0) {
    const what = used.map(([table, n]) => `${table} (${n})`).join(", ");
    throw new OkrError(
      "conflict",
      `Restore needs an empty database, but this one has rows in ${what}; restore into a new database instead`,
    );
  }
}

/**
 * Restores a backup from `input` into an empty, migrated database, in one transaction:
 * either every row lands and the counts match the header, or nothing does.
 */
export async function restoreBackup(
  db: Db,
  input: Readable,
  options: RestoreOptions = {},
): Promise<Record<TableName, number>> {
  const batchSize = options.batchSize ?? 500;
  return db.transaction().execute(async (trx) => {
    await assertEmptyDatabase(trx);
    let header: BackupHeader | undefined;
    let trailer: Record<string, number> | undefined;
    const restored = Object.fromEntries(TABLES.map((table) => [table, 0])) as Record<
      TableName,
      number
    >;
    let batch: Record<string, unknown>[] = [];
    let batchTable: TableName | undefined;
    const flush = async () => {
      if (!batchTable || batch.length === 0) return;
      await insertRows(trx, batchTable, batch as never[]);
      restored[batchTable] += batch.length;
      options.onProgress?.({
        table: batchTable,
        done: restored[batchTable],
        total: header?.counts[batchTable] ?? 0,
      });
      batch = [];
    };
    let lineNumber = 0;
    for await (const text of linesOf(input)) {
      lineNumber++;
      if (text.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        throw badLine(lineNumber, "not JSON; is this an okr backup file?");
      }
      if (typeof record !== "object" || record === null) throw badLine(lineNumber, "not an object");
      if (!header) {
        header = readHeader(record, lineNumber);
        continue;
      }
      if (trailer) throw badLine(lineNumber, "data after the end of the backup");
      if ("end" in record) {
        await flush();
        trailer = upgradeBackupCounts((record as { counts?: Record<string, number> }).counts ?? {});
        continue;
      }
      const sent = record as { table?: unknown; row?: unknown };
      const { table, row } =
        typeof sent.table === "string" && typeof sent.row === "object" && sent.row !== null
          ? upgradeBackupRow(sent.table, sent.row as Record<string, unknown>)
          : sent;
      if (typeof table !== "string" || !(table in PRIMARY_KEYS)) {
        throw badLine(lineNumber, `unknown table ${JSON.stringify(table)}`);
      }
      if (typeof row !== "object" || row === null || Array.isArray(row))
        throw badLine(lineNumber, "row is not an object");
      // Kept by SQLite before okr refused it (decisions/0057); PostgreSQL cannot store it.
      const nul = nulPathOf(row);
      if (nul !== null) {
        throw badLine(
          lineNumber,
          `${table}.${nul.join(".")} ${NUL_MESSAGE}; take it out of that line and restore again`,
        );
      }
      if (table !== batchTable || batch.length >= batchSize) {
        await flush();
        batchTable = table as TableName;
      }
      batch.push(row as Record<string, unknown>);
    }
    await flush();
    if (!header) throw new OkrError("invalid_input", "The backup is empty");
    if (!trailer) {
      throw new OkrError(
        "invalid_input",
        "The backup ends early (no end line): it was cut off while being written or copied",
      );
    }
    for (const table of TABLES) {
      const expected = header.counts[table] ?? 0;
      if (restored[table] !== expected || (trailer[table] ?? 0) !== expected) {
        throw new OkrError(
          "invalid_input",
          `The backup promised ${expected} ${table} rows but held ${restored[table]}; nothing was restored`,
        );
      }
    }
    return restored;
  });
}

function readHeader(record: object, lineNumber: number): BackupHeader {
  const header = record as Partial<BackupHeader>;
  if (header.format !== BACKUP_FORMAT) {
    throw badLine(lineNumber, `not an okr backup (expected format "${BACKUP_FORMAT}")`);
  }
  const unknown = (header.migrations ?? []).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new OkrError(
      "invalid_input",
      `The backup was made by a newer okr (migrations ${unknown.join(", ")} are unknown here); upgrade okr and restore again`,
    );
  }
  if (typeof header.counts !== "object" || header.counts === null)
    throw badLine(lineNumber, "header has no counts");
  return { ...header, counts: upgradeBackupCounts(header.counts) } as BackupHeader;
}

/** Longest line of a backup, in characters: a row is a few kilobytes. */
export const MAX_BACKUP_LINE = 16 * 1024 * 1024;
/** Most bytes a backup may hold once decompressed. */
export const MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * The lines of a stream, read in paused mode so none are lost while the caller awaits. Each
 * chunk is scanned once (a line spread over many chunks is joined once, at its end), and a
 * line or a stream past the limits stops the restore: a small gzip file can unpack to
 * gigabytes of one line.
 */
async function* linesOf(
  input: Readable,
  limits: { line: number; bytes: number } = { line: MAX_BACKUP_LINE, bytes: MAX_BACKUP_BYTES },
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let parts: string[] = [];
  let partLength = 0;
  let bytes = 0;
  let lineNumber = 1;
  const tooLong = () =>
    new OkrError(
      "invalid_input",
      `Line ${lineNumber} of the backup is longer than ${limits.line.toLocaleString("en")} characters, the limit: not an okr backup`,
    );
  const take = (tail: string): string => {
    parts.push(tail);
    const line = parts.length === 1 ? tail : parts.join("");
    parts = [];
    partLength = 0;
    if (line.length > limits.line) throw tooLong();
    lineNumber++;
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  };
  for await (const chunk of input) {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
    if (bytes > limits.bytes) {
      throw new OkrError(
        "invalid_input",
        `The backup unpacks to more than ${limits.bytes.toLocaleString("en")} bytes, the limit: not an okr backup`,
      );
    }
    const text =
      typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let from = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
      yield take(text.slice(from, nl));
      from = nl + 1;
    }
    if (from < text.length) {
      parts.push(text.slice(from));
      partLength += text.length - from;
      if (partLength > limits.line) throw tooLong();
    }
  }
  const last = parts.join("") + decoder.decode();
  parts = [];
  if (last !== "") yield take(last);
}
