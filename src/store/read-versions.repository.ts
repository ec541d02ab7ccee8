/**
 * Write counters for the answer cache. Every write names the scopes it changed (a period's id,
 * or `*` for what every view shows: people, teams, settings); the transaction helper bumps each
 * once, just before commit, in a fixed order (two writers never wait on each other in a cycle).
 * A reader reads the counters of its period and `*` in one query before it reads the data, so
 * an answer cached under those counters is never newer than they say, and any write from any
 * process makes the next read miss.
 */
import { type RawBuilder, sql } from "kysely";
import type { Db } from "./db.js";
import { type AtOnce, atOnceIn } from "./dialect/at-once.js";
import { firstRow, prepared } from "./prepared.js";

/** The scope of writes every period's views depend on. */
export const WORKSPACE_SCOPE = "*";

/** A check-in, as the change log of its period's read version records it (decisions/0029). */
export interface CheckInChange {
  keyResultId: string;
  checkInId: string;
}

/** What an open transaction's writes changed: scopes written any way, and check-ins by scope. */
interface Pending {
  scopes: Set<string>;
  checkIns: Map<string, CheckInChange[]>;
}

/** How many steps of a period's change log are kept: a process further behind reads it all. */
const CHANGES_KEPT = 1000;
/** Every how many steps the log drops what is past `CHANGES_KEPT`. */
const PRUNE_EVERY = 64;

const pending = new WeakMap<object, Pending>();

/** Starts collecting the scopes a transaction's writes change. */
export function openReadScopes(trx: Db): void {
  pending.set(trx, { scopes: new Set(), checkIns: new Map() });
}

/**
 * Notes that a write changed `scopes`. Inside a transaction opened by the store's helper they
 * are bumped once at its end; anywhere else (a bulk load's own transaction, autocommit) now.
 */
export async function noteReadScopes(db: Db, scopes: Iterable<string>): Promise<void> {
  const collecting = pending.get(db);
  if (collecting) {
    for (const scope of scopes) collecting.scopes.add(scope);
    return;
  }
  await bumpReadVersions(db, [...new Set(scopes)]);
}

/**
 * Notes that a check-in was recorded in period `periodId`. When nothing else in the
 * transaction changed that period, its version step is logged with the check-in, so a process
 * holding the period's answers can apply it instead of reading the period again.
 */
export async function noteCheckInChange(
  db: Db,
  periodId: string,
  change: CheckInChange,
): Promise<void> {
  const collecting = pending.get(db);
  if (!collecting) {
    await bumpAndLog(db, periodId, [change]);
    return;
  }
  const list = collecting.checkIns.get(periodId);
  if (list) list.push(change);
  else collecting.checkIns.set(periodId, [change]);
}

/**
 * Whether the check-in about to be written may bump its period's version and log itself in
 * its own statement (one round trip on PostgreSQL): only as the transaction's first noted write
 * and the last that locks existing rows (decisions/0030), so the counter row is still locked
 * after every other lock a writer of it may hold. When it says yes, the
 * caller must write `checkInChangeCtes` in that statement; the transaction's flush leaves the
 * period alone unless a later write notes it again.
 */
export function mayLogCheckInInline(db: Db): boolean {
  const collecting = pending.get(db);
  return collecting !== undefined && collecting.scopes.size === 0 && collecting.checkIns.size === 0;
}

/** Bumps what the transaction's writes noted; call last, inside the transaction. */
export async function flushReadScopes(trx: Db): Promise<void> {
  const noted = pending.get(trx);
  pending.delete(trx);
  if (!noted) return;
  const scopes = [...new Set([...noted.scopes, ...noted.checkIns.keys()])].sort();
  for (const scope of scopes) {
    const checkIns = noted.checkIns.get(scope);
    // Written any other way too: the step is not check-ins only, so it goes unlogged.
    if (checkIns && !noted.scopes.has(scope)) await bumpAndLog(trx, scope, checkIns);
    else await bumpReadVersions(trx, [scope]);
  }
}

/** Steps each scope's version; nothing is logged, so the new versions are not needed. */
async function bumpReadVersions(db: Db, scopes: string[]): Promise<void> {
  for (const scope of scopes.sort()) await stepVersion(db, { scope });
}

const upsertVersion = (db: Db, scope: string) =>
  db
    .insertInto("read_versions")
    .values({ scope, version: 1 })
    .onConflict((oc) =>
      oc.column("scope").doUpdateSet({ version: sql<number>`read_versions.version + 1` }),
    );

const stepVersion = prepared((db, p: { scope: string }) => upsertVersion(db, p.scope));
const stepAndAnswerVersion = prepared((db, p: { scope: string }) =>
  upsertVersion(db, p.scope).returning("version"),
);
/**
 * Steps a scope's version and answers the new one, in the same statement (`RETURNING`): on
 * PostgreSQL, and on SQLite outside a transaction, where another writer may come between.
 */
async function bumpOne(db: Db, scope: string): Promise<number> {
  const row = await firstRow(stepAndAnswerVersion, db, { scope });
  if (!row) throw new Error(`read version of ${scope} not stepped`);
  return Number(row.version);
}

/** The usual step: one check-in. */
const logOneChange = prepared(
  (db, p: { scope: string; version: number; keyResultId: string; checkInId: string }) =>
    db.insertInto("read_changes").values({
      scope: p.scope,
      version: p.version,
      key_result_id: p.keyResultId,
      check_in_id: p.checkInId,
    }),
);

/**
 * A check-in's log row on SQLite in a transaction, its version taken from the stepped row. SQLite
 * answers a statement with `RETURNING` through a temporary table of its own (about 20 µs, ten
 * times the step), and no other writer comes between the step and this.
 */
const logOneStepped = prepared((db, p: { scope: string; keyResultId: string; checkInId: string }) =>
  db
    .insertInto("read_changes")
    .columns(["scope", "version", "key_result_id", "check_in_id"])
    .expression((eb) =>
      eb
        .selectFrom("read_versions")
        .select((s) => [
          s.val(p.scope).as("scope"),
          "version",
          s.val(p.keyResultId).as("key_result_id"),
          s.val(p.checkInId).as("check_in_id"),
        ])
        .where("scope", "=", p.scope),
    ),
);

/** Drops the steps of `scope` further behind its version than `CHANGES_KEPT`. */
const pruneBehind = prepared((db, p: { scope: string }) =>
  db
    .deleteFrom("read_changes")
    .where("scope", "=", p.scope)
    .where(
      "version",
      "<=",
      sql<number>`(select version from read_versions where scope = ${p.scope}) - ${CHANGES_KEPT}`,
    ),
);

/** Steps this process logged on SQLite in transactions since it last dropped old ones. */
let loggedSincePrune = 0;

/** Bumps the period's version and logs the step as these check-ins; drops steps long past. */
async function bumpAndLog(db: Db, scope: string, checkIns: CheckInChange[]): Promise<void> {
  // Only SQLite has statements run at once.
  const now = atOnceIn(db);
  if (now) {
    stepAndLogNow(now, scope, checkIns);
    return;
  }
  const version = await bumpOne(db, scope);
  const [only] = checkIns;
  if (only && checkIns.length === 1) await logOneChange(db, { scope, version, ...only });
  else
    await db
      .insertInto("read_changes")
      .values(
        checkIns.map((c) => ({
          scope,
          version,
          key_result_id: c.keyResultId,
          check_in_id: c.checkInId,
        })),
      )
      .execute();
  // Now and then, not on every step: one statement fewer for most check-ins.
  if (version % PRUNE_EVERY === 0) await pruneBehind(db, { scope });
}

/**
 * `bumpAndLog` on SQLite, in a transaction whose statements run at once (`dialect/at-once.ts`):
 * the step, then each check-in's log row with the version taken from the stepped row.
 */
export function stepAndLogNow(now: AtOnce, scope: string, checkIns: readonly CheckInChange[]) {
  stepVersion.now(now, { scope });
  for (const change of checkIns) {
    logOneStepped.now(now, {
      scope,
      keyResultId: change.keyResultId,
      checkInId: change.checkInId,
    });
  }
  loggedSincePrune += 1;
  if (loggedSincePrune >= PRUNE_EVERY) {
    loggedSincePrune = 0;
    pruneBehind.now(now, { scope });
  }
}

/**
 * The same as `bumpAndLog` for one check-in, as common table expressions of the statement that
 * writes it (`bumped`, `logged`, `pruned`): PostgreSQL runs them all in that one statement.
 * With `onlyIf`, nothing steps unless it holds (a condition of the same statement).
 */
export function withCheckInChangeCtes(
  db: Db,
  scope: string,
  change: CheckInChange,
  onlyIf?: RawBuilder<boolean>,
) {
  return db
    .with("bumped", (q) =>
      q
        .insertInto("read_versions")
        .columns(["scope", "version"])
        .expression(onlyIf ? sql`select ${scope}, 1 where ${onlyIf}` : sql`select ${scope}, 1`)
        .onConflict((oc) =>
          oc.column("scope").doUpdateSet({ version: sql<number>`read_versions.version + 1` }),
        )
        .returning("version"),
    )
    .with("logged", (q) =>
      q
        .insertInto("read_changes")
        .columns(["scope", "version", "key_result_id", "check_in_id"])
        .expression(
          sql`select ${scope}, version, ${change.keyResultId}, ${change.checkInId} from bumped`,
        ),
    )
    .with("pruned", (q) =>
      q
        .deleteFrom("read_changes")
        .where("scope", "=", scope)
        .where("version", "<=", sql<number>`(select version from bumped) - ${CHANGES_KEPT}`)
        .where(sql<boolean>`(select version from bumped) % ${PRUNE_EVERY} = 0`),
    );
}

/** A step of a period's read version and the check-ins that made it. */
export interface ReadChange extends CheckInChange {
  version: number;
}

/**
 * The counters a period's answers depend on, as one text (`workspace.period`): it changes
 * whenever anything that period's views show is written, by any process.
 */
export async function readVersionOf(db: Db, periodId: string): Promise<string> {
  const { rows } = await versionsOf(db, { periodId });
  let workspace = "0";
  let period = "0";
  for (const row of rows) {
    if (row.scope === WORKSPACE_SCOPE) workspace = String(row.version);
    else period = String(row.version);
  }
  return `${workspace}.${period}`;
}

const versionsOf = prepared((db, p: { periodId: string }) =>
  db
    .selectFrom("read_versions")
    .select(["scope", "version"])
    .where("scope", "in", [WORKSPACE_SCOPE, p.periodId]),
);
