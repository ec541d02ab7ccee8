/**
 * Bulk inserts for large loads (the synthetic organisation, benchmarks): many rows per
 * statement, many statements per transaction. Statements stay under both dialects' limits on
 * bound parameters (SQLite 32,766; PostgreSQL 65,535).
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database, TableName } from "./schema.js";

/** Bound parameters per statement: safely under SQLite's and PostgreSQL's limits. */
const MAX_PARAMETERS = 30_000;

export interface BulkInsertOptions {
  /** Rows per transaction. Default 20,000. */
  rowsPerTransaction?: number;
  /** Called after each committed transaction with the rows written so far. */
  onProgress?: (written: number) => void;
}

/** Rows per statement for rows of `columns` columns. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));
}

/** Inserts `rows` into `table` in one statement per chunk, inside the given transaction or db. */
export async function insertRows<T extends TableName>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const chunk = rowsPerStatement(Object.keys(first).length);
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely cannot type a table chosen at run time; the row type is tied to `table` above.
    await db
      .insertInto(table as "teams")
      .values(rows.slice(i, i + chunk) as unknown as Insertable<Database["teams"]>[])
      .execute();
  }
}

/**
 * Inserts every row of `rows` (any iterable, read lazily) into `table`, committing every
 * `rowsPerTransaction` rows. Returns how many rows it wrote.
 */
export async function insertRowsInBatches<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
  options: BulkInsertOptions = {},
): Promise<number> {
  const perTransaction = options.rowsPerTransaction ?? 20_000;
  let batch: Insertable<Database[T]>[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rowsNow = batch;
    batch = [];
    await db.transaction().execute((trx) => insertRows(trx, table, rowsNow));
    written += rowsNow.length;
    options.onProgress?.(written);
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perTransaction) await flush();
  }
  await flush();
  return written;
}
