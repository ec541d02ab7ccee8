/**
 * Rows in bulk, for example data, benchmarks, backup and restore: multi-row inserts sized to
 * stay under both dialects' parameter limits, and reading a whole table page by page.
 */
import type { Insertable, Kysely } from "kysely";
import type { Db } from "./db.js";
import { noteReadScopes, WORKSPACE_SCOPE } from "./read-versions.repository.js";
import type { Database, TableName } from "./schema.js";

/** SQLite allows 32,766 parameters per statement, PostgreSQL 65,535; stay well below both. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS_PER_STATEMENT = 1000;

/** The primary key of each table: the order a table is read in. */
export const PRIMARY_KEYS: Record<TableName, string> = {
  settings: "key",
  people: "id",
  teams: "id",
  users: "id",
  sessions: "id",
  api_tokens: "id",
  sign_in_attempts: "key",
  oidc_sign_ins: "id",
  periods: "id",
  objectives: "id",
  key_results: "id",
  check_ins: "id",
  links: "id",
  retrospectives: "id",
  page_sources: "period_id",
  audit_events: "id",
  audit_journal: "id",
  webhooks: "id",
  comments: "id",
  notifications: "id",
  follows: "id",
  reminder_preferences: "person_id",
  mail_unsubscribes: "id",
  chat_webhooks: "id",
  account_links: "id",
  mail_sends: "message_id",
  connections: "id",
  source_readings: "check_in_id",
  webhook_deliveries: "id",
  kpis: "id",
  kpi_readings: "id",
  key_result_kpis: "key_result_id",
  notification_channels: "id",
  personal_chat_webhooks: "user_id",
  notification_deliveries: "id",
  sources: "id",
};

function rowsPerStatement(row: object): number {
  const columns = Math.max(Object.keys(row).length, 1);
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
}

// Table names are checked by the signature; inside, the row shape varies with the table.
// biome-ignore lint/suspicious/noExplicitAny: generic over every table
function untyped(db: Db): Kysely<any> {
  // biome-ignore lint/suspicious/noExplicitAny: generic over every table
  return db as unknown as Kysely<any>;
}

/** Inserts rows with as few statements as the parameter limits allow; returns how many. */
export async function insertRows<T extends TableName>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  // Bulk loads record no audit events; whatever they load, every cached answer is stale.
  await noteReadScopes(db, [WORKSPACE_SCOPE]);
  return insertRowsInStatements(db, table, rows);
}

/**
 * Inserts rows, in the order given, with as few statements as the parameter limits allow,
 * noting nothing: for a caller that notes what its write changes itself.
 */
export async function insertRowsInStatements<T extends TableName>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const size = rowsPerStatement(first);
  for (let i = 0; i < rows.length; i += size) {
    await untyped(db)
      .insertInto(table)
      .values(rows.slice(i, i + size) as Record<string, unknown>[])
      .execute();
  }
  return rows.length;
}

export interface BatchOptions {
  /** Rows per batch (each batch is one transaction). Default: as many as one statement takes. */
  batchSize?: number;
  /** Called after each batch with the rows written so far. */
  onProgress?: (done: number) => void;
}

/**
 * Inserts rows from a (possibly lazy) source in batches, each in its own transaction, so
 * millions of rows never sit in memory at once. Returns how many were written.
 */
export async function insertRowsInBatches<T extends TableName>(
  db: Db,
  table: T,
  rows: Iterable<Insertable<Database[T]>> | AsyncIterable<Insertable<Database[T]>>,
  options: BatchOptions = {},
): Promise<number> {
  let batch: Insertable<Database[T]>[] = [];
  let size = options.batchSize ?? 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    if (db.isTransaction) await insertRows(db, table, current);
    else await db.transaction().execute((trx) => insertRows(trx, table, current));
    done += current.length;
    options.onProgress?.(done);
  };
  for await (const row of rows) {
    if (size === 0) size = rowsPerStatement(row as object);
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  await flush();
  return done;
}

/** Every row of a table, in primary-key order, a page at a time (constant memory). */
export async function* streamRows<T extends TableName>(
  db: Db,
  table: T,
  pageSize = 1000,
): AsyncGenerator<Record<string, unknown>[]> {
  const key: string = PRIMARY_KEYS[table];
  const name: string = table;
  let after: string | undefined;
  for (;;) {
    let query = untyped(db).selectFrom(name).selectAll().orderBy(key).limit(pageSize);
    if (after !== undefined) query = query.where(key, ">", after);
    const page = (await query.execute()) as Record<string, unknown>[];
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = String(page[page.length - 1]?.[key]);
  }
}

/** How many rows each table holds. */
export async function countRows(db: Db): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const table of Object.keys(PRIMARY_KEYS) as TableName[]) {
    const row = await untyped(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}
