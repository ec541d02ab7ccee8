/**
 * Runs the migrations listed in `migrations/index.ts` with Kysely's Migrator; an empty SQLite
 * file is made in one step from what they make (`fresh-schema.ts`).
 */

import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { byCodeUnits } from "../core/collections.js";
import { OkrError } from "../core/errors.js";
import { isPostgres } from "./db.js";
import { builtFreshSchema, type FreshSchema, makeFreshSchema } from "./fresh-schema.js";
import { MIGRATIONS } from "./migrations/index.js";

export interface MigrateOptions {
  /**
   * Called before each pending migration runs; for an empty SQLite file made in one step, for
   * each migration once the file is made.
   */
  onStart?: (name: string) => void;
  /**
   * How an empty SQLite file may be made in one step (`fresh-schema.ts`): default, what
   * `npm run build` wrote; false to run every migration.
   */
  freshSchema?: FreshSchema | false;
}

export interface MigrateReport {
  /** Names applied by this run, in order; empty when the database was up to date. */
  applied: string[];
  /** Every migration the database now has. */
  total: number;
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly onStart?: (name: string) => void) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const wrapped: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(MIGRATIONS)) {
      wrapped[name] = {
        up: async (db) => {
          this.onStart?.(name);
          await migration.up(db);
        },
        down: migration.down,
      };
    }
    return wrapped;
  }
}

/**
 * Kysely's migrator over our list. Names sort by their UTF-16 code units ("0001-…" before
 * "0002-…"), not Kysely's default `localeCompare`, whose first call loads the runtime's
 * collation data: some 30 ms of every start on an existing database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
function migratorOver(db: Kysely<any>, provider: MigrationProvider): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: "okr_migrations",
    migrationLockTableName: "okr_migrations_lock",
    nameComparator: byCodeUnits,
  });
}

/** Applies every pending migration; safe to run again and from several processes at once. */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
  db: Kysely<any>,
  options: MigrateOptions = {},
): Promise<MigrateReport> {
  const names = Object.keys(MIGRATIONS);
  const fresh = isPostgres(db) ? false : (options.freshSchema ?? builtFreshSchema());
  if (fresh && (await makeFreshSchema(db, fresh, names))) {
    for (const name of names) options.onStart?.(name);
    return { applied: names, total: names.length };
  }
  const migrator = migratorOver(db, new StaticProvider(options.onStart));
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    if (error instanceof OkrError) throw error;
    const failed = results.find((result) => result.status === "Error");
    const message = error instanceof Error ? error.message : String(error);
    throw new OkrError(
      "internal_error",
      `Migration ${failed?.migrationName ?? "(setup)"} failed: ${message}; the database was left at the last good migration`,
    );
  }
  return {
    applied: results
      .filter((result) => result.status === "Success")
      .map((result) => result.migrationName),
    total: Object.keys(MIGRATIONS).length,
  };
}

/**
 * Migrates up or down to the migration `name`, and no further: a test of a migration starts
 * from the one before it. Fails with the migrator's error.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await migratorOver(db, new StaticProvider()).migrateTo(name);
  if (error) throw error;
}

/** Names of migrations not yet applied. */
// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function listPendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = migratorOver(db, new StaticProvider());
  const migrations = await migrator.getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}
