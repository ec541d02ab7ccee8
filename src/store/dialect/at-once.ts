/**
 * SQLite statements run at once inside a write transaction. better-sqlite3 runs a statement
 * synchronously; Kysely still passes each one through its executor, its connection provider
 * and the driver's wrappers, a chain of promises that costs a check-in about as much as its
 * smaller statements take to run (decisions/0048). A statement prepared once (`prepared.ts`)
 * inside a transaction of `withTransaction` skips that chain: the transaction holds the one
 * connection while its work runs, so the statement runs on it at once, and what the chain does
 * for a statement is done here: driver errors mapped, the query logged to the database's log
 * function. Statements that write credentials keep the chain, which steps the credential
 * epoch; so does a transaction whose work has ended, which Kysely's chain refuses.
 */
import type { CompiledQuery, DialectAdapter, Kysely, LogEvent, QueryResult } from "kysely";
import type { CredentialWatch } from "../credential-changes.js";
import { mapDriverError } from "./driver-errors.js";

/** Runs a compiled statement now; undefined where it must go the usual way. */
export type RunAtOnce = (query: CompiledQuery) => QueryResult<unknown> | undefined;

/** The statement as better-sqlite3 prepares it (kept prepared by the dialect). */
interface Statement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/** The runner of each opened SQLite database, by its adapter (which its transactions share). */
const runners = new WeakMap<DialectAdapter, RunAtOnce>();

/** Transactions whose work is running: each holds its database's connection meanwhile. */
// biome-ignore lint/suspicious/noExplicitAny: any table types
const holding = new WeakSet<Kysely<any>>();

/** Notes that `trx`'s work runs (it holds the connection); call what it answers when it ends. */
// biome-ignore lint/suspicious/noExplicitAny: any table types
export function holdConnection(trx: Kysely<any>): () => void {
  holding.add(trx);
  return () => holding.delete(trx);
}

/**
 * Lets `db`'s transactions run prepared statements at once on `prepare`'s connection.
 * `log` is the function Kysely logs through, if any (tests read the statements from it).
 */
export function runStatementsAtOnce(
  // biome-ignore lint/suspicious/noExplicitAny: any table types
  db: Kysely<any>,
  prepare: (text: string) => Statement,
  options: { watch?: CredentialWatch; log?: (event: LogEvent) => void },
): void {
  const { watch, log } = options;
  runners.set(db.getExecutor().adapter, (query) => {
    if (watch?.writes(query.sql)) return undefined;
    const started = log ? performance.now() : 0;
    let result: QueryResult<unknown>;
    try {
      result = runNow(prepare(query.sql), query.parameters);
    } catch (error) {
      log?.({ level: "error", error, query, queryDurationMillis: performance.now() - started });
      throw mapDriverError(error);
    }
    log?.({ level: "query", query, queryDurationMillis: performance.now() - started });
    return result;
  });
}

/**
 * The runner for `db` where it is a transaction whose work is running, on a database that has
 * one: only then is the connection sure to be its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: any table types
export function atOnceIn(db: Kysely<any>): RunAtOnce | undefined {
  return holding.has(db) ? runners.get(db.getExecutor().adapter) : undefined;
}

/** What Kysely's SQLite connection answers for a statement. */
function runNow(statement: Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
