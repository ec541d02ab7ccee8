/**
 * Write counters for the answer cache. Every write names the scopes it changed (a period's id,
 * or `*` for what every view shows: people, teams, settings); the transaction helper bumps each
 * once, just before commit, in a fixed order (two writers never wait on each other in a cycle).
 * A reader reads the counters of its period and `*` in one query before it reads the data, so
 * an answer cached under those counters is never newer than they say, and any write from any
 * process makes the next read miss.
 */
import { sql } from "kysely";
import type { Db } from "./db.js";

/** The scope of writes every period's views depend on. */
export const WORKSPACE_SCOPE = "*";

/** Scopes noted by the writes of each open transaction, bumped by `flushReadScopes`. */
const pending = new WeakMap<object, Set<string>>();

/** Starts collecting the scopes a transaction's writes change. */
export function openReadScopes(trx: Db): void {
  pending.set(trx, new Set());
}

/**
 * Notes that a write changed `scopes`. Inside a transaction opened by the store's helper they
 * are bumped once at its end; anywhere else (a bulk load's own transaction, autocommit) now.
 */
export async function noteReadScopes(db: Db, scopes: Iterable<string>): Promise<void> {
  const collecting = pending.get(db);
  if (collecting) {
    for (const scope of scopes) collecting.add(scope);
    return;
  }
  await bumpReadVersions(db, [...new Set(scopes)]);
}

/** Bumps what the transaction's writes noted; call last, inside the transaction. */
export async function flushReadScopes(trx: Db): Promise<void> {
  const scopes = pending.get(trx);
  pending.delete(trx);
  if (scopes && scopes.size > 0) await bumpReadVersions(trx, [...scopes]);
}

async function bumpReadVersions(db: Db, scopes: string[]): Promise<void> {
  for (const scope of scopes.sort()) {
    await db
      .insertInto("read_versions")
      .values({ scope, version: 1 })
      .onConflict((oc) =>
        oc.column("scope").doUpdateSet({ version: sql<number>`read_versions.version + 1` }),
      )
      .execute();
  }
}

/**
 * The counters a period's answers depend on, as one text (`workspace.period`): it changes
 * whenever anything that period's views show is written, by any process.
 */
export async function readVersionOf(db: Db, periodId: string): Promise<string> {
  const rows = await db
    .selectFrom("read_versions")
    .select(["scope", "version"])
    .where("scope", "in", [WORKSPACE_SCOPE, periodId])
    .execute();
  let workspace = "0";
  let period = "0";
  for (const row of rows) {
    if (row.scope === WORKSPACE_SCOPE) workspace = String(row.version);
    else period = String(row.version);
  }
  return `${workspace}.${period}`;
}
