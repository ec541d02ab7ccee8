/** SQLite through better-sqlite3: one file (or memory), WAL, foreign keys on. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { SqliteDialect } from "kysely";
import { OkrError } from "../../core/errors.js";

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

/** Opens (and creates) the SQLite file, failing with one clear line when it cannot be written. */
export function openSqliteDialect(path: string): {
  dialect: SqliteDialect;
  database: SqliteDatabase.Database;
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
    database.pragma("busy_timeout = 5000");
    database.pragma("synchronous = NORMAL");
    // Proves the file is writable now, not at the first check-in.
    database.exec(
      "CREATE TABLE IF NOT EXISTS okr_write_probe (x INTEGER); DROP TABLE okr_write_probe;",
    );
  } catch (error) {
    database.close();
    throw unwritable(path, error);
  }
  return { dialect: new SqliteDialect({ database }), database };
}

function unwritable(path: string, error: unknown): OkrError {
  const reason =
    (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  return new OkrError(
    "invalid_config",
    `Cannot open the SQLite database at ${path} for writing (${reason}); point OKR_DATABASE_URL or --database-url at a writable place, e.g. sqlite:./data/okr.db`,
  );
}
