/** SQLite through better-sqlite3: one file (or memory), WAL, foreign keys on. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type TransactionSettings,
} from "kysely";
import { keepNewest } from "../../core/collections.js";
import { OkrError } from "../../core/errors.js";
import type { AtOnceConnection } from "./at-once.js";

export const SQLITE_MEMORY = ":memory:";

/** The file a `sqlite:` URL names, resolved against the working directory, or `:memory:`. */
export function sqlitePathOf(url: string): string {
  let path = url.slice("sqlite:".length);
  if (path === SQLITE_MEMORY || path === "" || path === "//:memory:") {
    if (path === "") {
      throw new OkrError(
        "invalid_config",
        "The database URL 'sqlite:' names no file; write sqlite:./data/okr.db or sqlite::memory:",
      );
    }
    return SQLITE_MEMORY;
  }
  // sqlite:///abs/path and sqlite://./rel both mean the path after the slashes.
  if (path.startsWith("//")) path = path.slice(2);
  return resolve(path);
}

/**
 * Opens (and creates) the SQLite file, failing with one clear line when it cannot be written.
 * `dataVersion` reads SQLite's data version of the connection: it changes whenever another
 * connection to the file (another process) committed since it was last read, never for this
 * connection's own commits. `connection` is the connection as statements run at once use it
 * (`at-once.ts`): the statements the driver keeps prepared, and a write transaction begun now.
 */
export function openSqliteDialect(path: string): {
  dialect: SqliteDialect;
  database: SqliteDatabase.Database;
  dataVersion: () => number;
  connection: AtOnceConnection;
} {
  let database: SqliteDatabase.Database;
  try {
    if (path !== SQLITE_MEMORY) mkdirSync(dirname(path), { recursive: true });
    database = new SqliteDatabase(path);
  } catch (error) {
    throw unwritable(path, error);
  }
  try {
    if (path !== SQLITE_MEMORY) database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma("synchronous = NORMAL");
    // Proves the file is writable now, not at the first check-in.
    database.exec(
      "CREATE TABLE IF NOT EXISTS okr_write_probe (x INTEGER); DROP TABLE okr_write_probe;",
    );
  } catch (error) {
    database.close();
    throw unwritable(path, error);
  }
  const dataVersion = database.prepare("pragma data_version").pluck();
  const statements = withStatementCache(database);
  const dialect = new ImmediateSqliteDialect(statements);
  return {
    dialect,
    database,
    connection: {
      prepare: (text) => statements.prepare(text),
      beginNow: () => dialect.beginNow(),
      get inTransaction() {
        return statements.inTransaction;
      },
    },
    // Read while the connection may not wait (after a write transaction): a rare refusal, while
    // another process recovers the file, is read again with the wait given back.
    dataVersion: () => {
      try {
        return Number(dataVersion.get());
      } catch (error) {
        if (!isBusy(error) || !dialect.busyWait.waitAgain()) throw error;
        return Number(dataVersion.get());
      }
    },
  };
}

/** The connection as the driver uses it: statements prepared once by their text. */
interface CachedStatements {
  close(): void;
  prepare(text: string): SqliteDatabase.Statement;
  /** Whether a transaction is open on the connection. */
  readonly inTransaction: boolean;
}

/** Statements kept prepared per connection; the SQL of the hot paths is far fewer than this. */
const CACHED_STATEMENTS = 500;

/**
 * The database as Kysely's driver sees it, with its statements prepared once and reused: the
 * driver prepares every query it runs, and preparing costs about as much as running a small one.
 * Safe because the driver runs one query at a time on its one connection. The oldest statement
 * is dropped past `CACHED_STATEMENTS` (queries with IN lists of every length are many).
 */
function withStatementCache(database: SqliteDatabase.Database): CachedStatements {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    get inTransaction() {
      return database.inTransaction;
    },
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        keepNewest(statements, text, statement, CACHED_STATEMENTS);
      }
      return statement;
    },
  };
}

function unwritable(path: string, error: unknown): OkrError {
  const reason =
    (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  return new OkrError(
    "invalid_config",
    `Cannot open the SQLite database at ${path} for writing (${reason}); point OKR_DATABASE_URL or --database-url at a writable place, e.g. sqlite:./data/okr.db`,
  );
}

const BUSY_TIMEOUT_MS = 5000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * How long the connection waits for another process's write lock: `BUSY_TIMEOUT_MS` for
 * statements run on their own, none while a write transaction starts (its wait is the driver's
 * own, asynchronous). The setting is changed only when it must be: a write transaction leaves
 * it at none, and it is given back before the next statement that runs outside a transaction.
 * Back-to-back write transactions (check-ins) so change nothing between them.
 */
class BusyWait {
  #waitsNone = false;
  constructor(private readonly database: CachedStatements) {}

  /** No wait, for a write transaction about to start. */
  waitNone(): void {
    if (this.#waitsNone) return;
    this.database.prepare("pragma busy_timeout = 0").run();
    this.#waitsNone = true;
  }

  /** The wait given back for statements outside a transaction; whether it had been taken. */
  waitAgain(): boolean {
    if (!this.#waitsNone || this.database.inTransaction) return false;
    this.database.prepare(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).run();
    this.#waitsNone = false;
    return true;
  }
}

/**
 * Write transactions start with BEGIN IMMEDIATE: they take the write lock up front, so two
 * processes on one file queue instead of failing halfway with SQLITE_BUSY. The wait is
 * asynchronous (retry with a short sleep, up to the busy timeout) so it never blocks the event
 * loop. Transactions marked read only (backups) stay deferred and never block writers.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #database: CachedStatements;
  readonly #busyWait: BusyWait;
  #connection: DatabaseConnection | undefined;
  /** Whether Kysely holds the connection (from its acquiring it to its release). */
  held = false;
  constructor(database: CachedStatements, busyWait: BusyWait) {
    super({ database });
    this.#database = database;
    this.#busyWait = busyWait;
  }

  /** The connection, giving the wait back before any statement run outside a transaction. */
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.held = true;
    if (!this.#connection) {
      const busyWait = this.#busyWait;
      this.#connection = {
        executeQuery(query) {
          busyWait.waitAgain();
          return inner.executeQuery(query);
        },
        streamQuery(query, chunkSize) {
          busyWait.waitAgain();
          return inner.streamQuery(query, chunkSize);
        },
      };
    }
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {
    this.held = false;
    await super.releaseConnection();
  }

  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    if (settings?.accessMode === "read only") {
      await connection.executeQuery(CompiledQuery.raw("begin"));
      return;
    }
    // Tried without waiting first: the usual case takes the lock at once, in one call.
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (;;) {
      if (this.beginNow()) return;
      if (Date.now() > deadline) {
        // The last try, whose refusal is the error.
        this.#database.prepare("begin immediate").run();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }

  /** BEGIN IMMEDIATE without waiting: false where another process holds the write lock. */
  beginNow(): boolean {
    this.#busyWait.waitNone();
    try {
      this.#database.prepare("begin immediate").run();
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    }
  }
}

/** SQLite runs DDL in transactions; saying so makes Kysely's Migrator migrate in one. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: CachedStatements;
  readonly busyWait: BusyWait;
  #driver: ImmediateSqliteDriver | undefined;
  constructor(statements: CachedStatements) {
    super({ database: statements });
    this.#database = statements;
    this.busyWait = new BusyWait(statements);
  }
  override createDriver(): Driver {
    this.#driver = new ImmediateSqliteDriver(this.#database, this.busyWait);
    return this.#driver;
  }

  /**
   * A write transaction begun now, outside Kysely (`at-once.ts`): only where Kysely holds no
   * connection (so no transaction or statement of its own is under way) and no other process
   * holds the file's write lock.
   */
  beginNow(): boolean {
    const driver = this.#driver;
    if (!driver || driver.held || this.#database.inTransaction) return false;
    return driver.beginNow();
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
