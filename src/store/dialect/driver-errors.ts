/**
 * Driver errors in the product's vocabulary. better-sqlite3 and pg throw their own errors;
 * every query goes through `withMappedErrors`, so callers only ever see OkrError codes for
 * the failures a user can act on: the database is gone, or a unique value is taken.
 */
import type {
  DatabaseConnection,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
import { OkrError } from "../../core/errors.js";
import type { CredentialWatch } from "../credential-changes.js";

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);

interface DriverError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  constraint?: unknown;
}

/** The OkrError a driver error means, or the error itself when it means nothing we name. */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof OkrError || typeof error !== "object" || error === null) return error;
  const { code, message, detail } = error as DriverError;
  const text = typeof message === "string" ? message : String(error);
  if (
    (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|database is locked/i.test(
      text,
    )
  ) {
    return new OkrError("database_unavailable", `The database is unavailable: ${text}`);
  }
  if (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  ) {
    const what = typeof detail === "string" ? detail : text;
    return new OkrError("conflict", `Already exists: ${what}`);
  }
  if (code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
    return new OkrError(
      "invalid_input",
      "Refers to something that does not exist (or is still referred to)",
    );
  }
  return error;
}

/** `work`'s answer, its driver error mapped (one promise more, not an async function's three). */
function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work().catch(rethrowMapped);
  } catch (error) {
    return Promise.reject(mapDriverError(error));
  }
}

function rethrowMapped(error: unknown): never {
  throw mapDriverError(error);
}

class MappedConnection implements DatabaseConnection {
  /** Whether the open transaction wrote a credential (stepped again when it ends). */
  wroteCredentials = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly watch: CredentialWatch | undefined,
  ) {}

  executeQuery<R>(
    query: Parameters<DatabaseConnection["executeQuery"]>[0],
  ): Promise<QueryResult<R>> {
    if (this.watch?.writes(query.sql)) return this.writingCredentials(this.watch, query);
    return mapped(() => this.inner.executeQuery<R>(query));
  }

  private async writingCredentials<R>(
    watch: CredentialWatch,
    query: Parameters<DatabaseConnection["executeQuery"]>[0],
  ): Promise<QueryResult<R>> {
    this.wroteCredentials = true;
    watch.step();
    try {
      return await mapped(() => this.inner.executeQuery<R>(query));
    } finally {
      watch.step();
    }
  }

  async *streamQuery<R>(
    query: Parameters<DatabaseConnection["streamQuery"]>[0],
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw mapDriverError(error);
    }
  }
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof MappedConnection ? connection.inner : connection;
}

class MappedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly watch: CredentialWatch | undefined,
  ) {}
  init(): Promise<void> {
    return mapped(() => this.inner.init());
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await mapped(() => this.inner.acquireConnection());
    return new MappedConnection(connection, this.watch);
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return mapped(() => this.inner.beginTransaction(innerOf(connection), settings));
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.ending(connection, () => this.inner.commitTransaction(innerOf(connection)));
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.ending(connection, () => this.inner.rollbackTransaction(innerOf(connection)));
  }
  /** A transaction that wrote a credential steps the epoch once more as it ends. */
  private async ending(connection: DatabaseConnection, end: () => Promise<void>): Promise<void> {
    try {
      await mapped(end);
    } finally {
      if (connection instanceof MappedConnection && connection.wroteCredentials) {
        connection.wroteCredentials = false;
        this.watch?.step();
      }
    }
  }
  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await mapped(async () => this.inner.savepoint?.(innerOf(connection), name, compile));
  }
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await mapped(async () => this.inner.rollbackToSavepoint?.(innerOf(connection), name, compile));
  }
  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await mapped(async () => this.inner.releaseSavepoint?.(innerOf(connection), name, compile));
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * Wraps a dialect so every driver error passes through `mapDriverError`, and every write to
 * the credentials tables steps `watch` (`credential-changes.ts`).
 */
export function withMappedErrors(dialect: Dialect, watch?: CredentialWatch): Dialect {
  return {
    createDriver: () => new MappedDriver(dialect.createDriver(), watch),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: (): DialectAdapter => dialect.createAdapter(),
    // biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
    createIntrospector: (db: Kysely<any>) => dialect.createIntrospector(db),
  };
}
