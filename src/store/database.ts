/**
 * Opening the database a URL names: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`.
 * Everything dialect-specific lives in `dialect/`; the rest of the store is the same SQL on both.
 * Kysely, the driver and the migrations load when a database is opened, and only the driver the
 * URL names: importing this module (the CLI does, for every command) stays cheap.
 */
import type { Kysely, LogEvent } from "kysely";
import { OkrError } from "../core/errors.js";
import { redactUrl } from "./dialect/url.js";
import type { Database } from "./schema.js";

export { redactUrl } from "./dialect/url.js";

export type DialectName = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "sqlite:./data/okr.db";

export interface OpenDatabaseOptions {
  /** A function receiving every statement run and every error, as Kysely logs them. */
  log?: (event: LogEvent) => void;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
  /**
   * Let credentials looked up be kept while they cannot have changed: on PostgreSQL a
   * connection listens for notices of changes, on SQLite the file's data version says whether
   * another process committed (`credential-changes.ts`). For long-running servers; off by default.
   */
  watchCredentials?: boolean;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL as given (may hold a password; do not print it — see `redactUrl`). */
  url: string;
  close(): Promise<void>;
}

/** The database URL: the flag, else `OKR_DATABASE_URL`, else `sqlite:./data/okr.db`. */
export function resolveDatabaseUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): string {
  const url = flag?.trim() || env.OKR_DATABASE_URL?.trim();
  return url || DEFAULT_DATABASE_URL;
}

/** The dialect a URL names; throws `invalid_config` for anything else. */
export function dialectOf(url: string): DialectName {
  if (url.startsWith("sqlite:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgres";
  throw new OkrError(
    "invalid_config",
    `Unknown database URL '${redactUrl(url)}': use sqlite:PATH (e.g. sqlite:./data/okr.db), sqlite::memory: or postgres://user:password@host:5432/database`,
  );
}

/** Opens the database and proves it usable (writable file, reachable server) before returning. */
export async function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const dialect = dialectOf(url);
  const [{ Kysely }, { withMappedErrors }] = await Promise.all([
    import("kysely"),
    import("./dialect/driver-errors.js"),
  ]);
  let db: Kysely<Database>;
  let listening: { stop(): Promise<void> } | undefined;
  const { CredentialWatch, attachCredentialWatch } = await import("./credential-changes.js");
  const watch = options.watchCredentials ? new CredentialWatch() : undefined;
  if (dialect === "sqlite") {
    const { openSqliteDialect, sqlitePathOf } = await import("./dialect/sqlite.js");
    const { dialect: sqlite, dataVersion, connection } = openSqliteDialect(sqlitePathOf(url));
    db = new Kysely<Database>({ dialect: withMappedErrors(sqlite, watch), log: options.log });
    watch?.watchOthersBy(dataVersion);
    const { runStatementsAtOnce } = await import("./dialect/at-once.js");
    runStatementsAtOnce(db, connection, { watch, log: options.log });
  } else {
    const { openPostgresDialect, listenForCredentialChanges } = await import(
      "./dialect/postgres.js"
    );
    const { dialect: postgres } = await openPostgresDialect(url, { max: options.poolSize });
    db = new Kysely<Database>({ dialect: withMappedErrors(postgres, watch), log: options.log });
    if (watch) listening = listenForCredentialChanges(url, watch);
  }
  if (watch) attachCredentialWatch(db as Kysely<never>, watch);
  let closed = false;
  const opened: OpenedDatabase = {
    db,
    dialect,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await listening?.stop();
      await db.destroy();
    },
  };
  if (options.migrate) {
    try {
      const { migrateToLatest } = await import("./migrate.js");
      await migrateToLatest(db);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}
