/**
 * SQLite statements run at once inside a write transaction, and whole write transactions run
 * at once where nothing else holds the connection. better-sqlite3 runs a statement
 * synchronously; Kysely still passes each one through its executor, its connection provider
 * and the driver's wrappers, a chain of promises that costs a check-in about as much as its
 * smaller statements take to run (decisions/0048). A statement prepared once (`prepared.ts`)
 * inside a transaction of `withTransaction` skips that chain: the transaction holds the one
 * connection while its work runs, so the statement runs on it at once, and what the chain does
 * for a statement is done here: driver errors mapped, the query logged to the database's log
 * function. Statements that write credentials keep the chain, which steps the credential
 * epoch; so does a transaction whose work has ended, which Kysely's chain refuses.
 *
 * A write that needs no await between its statements (a check-in planned from what the process
 * keeps) can run as one transaction at once (`transactionAtOnce`): BEGIN, its statements and
 * COMMIT in one synchronous call, where the connection is free and the file's write lock is
 * taken without waiting. Nothing else runs on the connection meanwhile, since nothing else runs
 * at all; where it cannot start so, the caller runs the same statements the usual way.
 */
import {
  CompiledQuery,
  type DialectAdapter,
  type Kysely,
  type LogEvent,
  type QueryResult,
} from "kysely";
import type { CredentialWatch } from "../credential-changes.js";
import { mapDriverError } from "./driver-errors.js";

/** Runs a compiled statement now; undefined where it must go the usual way. */
export type RunAtOnce = (query: CompiledQuery) => QueryResult<unknown> | undefined;

/** Where statements run at once: the database they compile against, and the runner. */
export interface AtOnce {
  // biome-ignore lint/suspicious/noExplicitAny: any table types
  readonly db: Kysely<any>;
  readonly run: RunAtOnce;
}

/** The connection as a transaction run at once needs it. */
export interface AtOnceConnection {
  /** The statement `text`, kept prepared. */
  prepare(text: string): Statement;
  /**
   * Begins a write transaction now where it can without waiting: nothing holds the connection
   * and no other process the file's write lock. False, having begun nothing, otherwise.
   */
  beginNow(): boolean;
  /** Whether a transaction is open on the connection. */
  readonly inTransaction: boolean;
}

interface Runner {
  /** Runs a statement now, except one that writes credentials. */
  run: RunAtOnce;
  /** Runs any statement now (COMMIT, ROLLBACK). */
  runAny(query: CompiledQuery): QueryResult<unknown>;
  connection: AtOnceConnection;
}

/** The statement as better-sqlite3 prepares it (kept prepared by the dialect). */
interface Statement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/** The runner of each opened SQLite database, by its adapter (which its transactions share). */
const runners = new WeakMap<DialectAdapter, Runner>();

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
 * Lets `db`'s transactions run prepared statements at once on `connection`, and its writes run
 * whole transactions at once (`transactionAtOnce`). `log` is the function Kysely logs through,
 * if any (tests read the statements from it).
 */
export function runStatementsAtOnce(
  // biome-ignore lint/suspicious/noExplicitAny: any table types
  db: Kysely<any>,
  connection: AtOnceConnection,
  options: { watch?: CredentialWatch; log?: (event: LogEvent) => void },
): void {
  const { watch, log } = options;
  const run = (query: CompiledQuery): QueryResult<unknown> => {
    const started = log ? performance.now() : 0;
    let result: QueryResult<unknown>;
    try {
      result = runNow(connection.prepare(query.sql), query.parameters);
    } catch (error) {
      log?.({ level: "error", error, query, queryDurationMillis: performance.now() - started });
      throw mapDriverError(error);
    }
    log?.({ level: "query", query, queryDurationMillis: performance.now() - started });
    return result;
  };
  runners.set(db.getExecutor().adapter, {
    run: (query) => (watch?.writes(query.sql) ? undefined : run(query)),
    runAny: run,
    connection,
  });
}

/**
 * Where `db` is a transaction whose work is running, on a database that has a runner: only then
 * is the connection sure to be its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: any table types
export function atOnceIn(db: Kysely<any>): AtOnce | undefined {
  const runner = holding.has(db) ? runners.get(db.getExecutor().adapter) : undefined;
  return runner && { db, run: runner.run };
}

const COMMIT = CompiledQuery.raw("commit");
const ROLLBACK = CompiledQuery.raw("rollback");

/**
 * Runs `work` as one write transaction at once on `db` (not a transaction): BEGIN, the
 * statements `work` runs through what it is given, and COMMIT, with no await between them;
 * what `work` throws rolls it back and is thrown. Undefined, having run nothing, where it
 * cannot begin without waiting (see `AtOnceConnection.beginNow`) or `db` has no runner: then
 * the caller writes the usual way (`withTransaction`), which waits its turn.
 */
export function transactionAtOnce<T>(
  // biome-ignore lint/suspicious/noExplicitAny: any table types
  db: Kysely<any>,
  work: (now: AtOnce) => T,
): { value: T } | undefined {
  const runner = db.isTransaction ? undefined : runners.get(db.getExecutor().adapter);
  if (!runner?.connection.beginNow()) return undefined;
  let value: T;
  try {
    value = work({ db, run: runner.run });
  } catch (error) {
    endAtOnce(runner, ROLLBACK);
    throw error;
  }
  endAtOnce(runner, COMMIT);
  return { value };
}

/** Commits or rolls back; a failed commit is rolled back where SQLite left it open. */
function endAtOnce(runner: Runner, end: CompiledQuery): void {
  try {
    runner.runAny(end);
  } catch (error) {
    if (runner.connection.inTransaction) runner.runAny(ROLLBACK);
    throw error;
  }
}

/** What Kysely's SQLite connection answers for a statement. */
function runNow(statement: Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
