/**
 * Check-ins: append-only history; the latest (by time, then id) is the key result's current
 * state. Writing one never checks the key result's version: a check-in is an append, and it
 * becomes the current state only where it is newer than the latest one recorded there, decided
 * by the database in the same statement that writes it (docs/decisions/0008).
 */
import { byCodeUnits } from "../core/collections.js";
import type { AuditEvent, CheckIn, Health, Id, KeyResult } from "../core/types.js";
import { auditEventRowOf, readScopesOf } from "./audit.repository.js";
import {
  APPLY_LATEST,
  appendCheckIn,
  type CheckInState,
  type CheckInValues,
  GUARDED_CHECK_IN,
  type GuardValues,
  insertAuditEvent,
  isNewerThanRecorded,
  KEPT_APPEND,
  KEPT_CHECK_IN,
  latestColumnsOf,
  WHOLE_CHECK_IN,
} from "./check-in-statements.js";
import { type Db, isPostgres, jsonOf, withTransaction } from "./db.js";
import { type AtOnce, atOnceIn, transactionAtOnce } from "./dialect/at-once.js";
import { getKeyResult } from "./key-results.repository.js";
import { notificationRowOf, type StoredNotification } from "./notifications.repository.js";
import {
  mayLogCheckInInline,
  noteCheckInChange,
  noteReadScopes,
  stepAndLogNow,
  WORKSPACE_SCOPE,
} from "./read-versions.repository.js";
import type { CheckInsTable } from "./schema-items.js";
import { writeCountersTextOf } from "./write-counters.repository.js";

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

export function checkInOf(row: CheckInsTable): CheckIn {
  return {
    id: row.id,
    keyResultId: row.key_result_id,
    value: numberOrNull(row.value),
    progress: numberOrNull(row.progress),
    health: row.health as Health | null,
    confidence: numberOrNull(row.confidence),
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}

export function checkInRowOf(checkIn: CheckIn): CheckInsTable {
  return {
    id: checkIn.id,
    key_result_id: checkIn.keyResultId,
    value: checkIn.value,
    progress: checkIn.progress,
    health: checkIn.health,
    confidence: checkIn.confidence,
    note: checkIn.note,
    author_id: checkIn.authorId,
    author_name: checkIn.authorName,
    created_at: checkIn.createdAt,
  };
}

export async function insertCheckIn(db: Db, checkIn: CheckIn): Promise<CheckIn> {
  await db.insertInto("check_ins").values(checkInRowOf(checkIn)).execute();
  return checkIn;
}

/** A key result's history, oldest first. */
export async function listCheckIns(db: Db, keyResultId: Id): Promise<CheckIn[]> {
  const rows = await db
    .selectFrom("check_ins")
    .selectAll()
    .where("key_result_id", "=", keyResultId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(checkInOf);
}

/** The newest check-in of a key result. */
export async function findLatestCheckIn(db: Db, keyResultId: Id): Promise<CheckIn | undefined> {
  const row = await db
    .selectFrom("check_ins")
    .selectAll()
    .where("key_result_id", "=", keyResultId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? checkInOf(row) : undefined;
}

/** Every check-in on a period's key results, oldest first (progress over time). */
export async function listCheckInsByPeriod(db: Db, periodId: Id): Promise<CheckIn[]> {
  const rows = await db
    .selectFrom("check_ins")
    .innerJoin("key_results", "key_results.id", "check_ins.key_result_id")
    .selectAll("check_ins")
    .where("key_results.period_id", "=", periodId)
    .orderBy("check_ins.created_at")
    .orderBy("check_ins.id")
    .execute();
  return rows.map(checkInOf);
}

/**
 * Records `state` as the key result's current state where the check-in is the newest it has
 * (see `isNewerThanRecorded`) and returns the key result as it is now. For writing history
 * straight into the store (example data); a check-in by a person goes through `recordCheckIn`.
 */
export async function applyCheckInToKeyResult(
  db: Db,
  keyResultId: Id,
  state: CheckInState,
): Promise<KeyResult> {
  await db
    .updateTable("key_results")
    .set(latestColumnsOf(state))
    .where("id", "=", keyResultId)
    .where((eb) => isNewerThanRecorded(eb, keyResultId, state))
    .execute();
  return getKeyResult(db, keyResultId);
}

export interface NewCheckIn {
  checkIn: CheckIn;
  /** What it makes the key result's current state, where it is the newest check-in. */
  state: CheckInState;
  /** The audit event; its `after` is the key result as it is when the check-in is the newest. */
  audit: AuditEvent;
}

/**
 * Appends a check-in, makes it its key result's current state where it is the newest one
 * (one version step; no expected version, so simultaneous check-ins never conflict), and
 * records the audit event (whose `after` falls back to its `before` where the check-in was not
 * the newest). On PostgreSQL the three writes are one statement, one round trip. Answers
 * whether the check-in became the current state. The period's version steps here, and its row
 * stays locked until the transaction ends: write it last, just before the commit, so that other
 * check-ins on the period wait as little as they can. Run it in the transaction that locked the
 * key result (`findKeyResultToCheckIn`), so the state was computed from the latest.
 */
export async function recordCheckIn(db: Db, write: NewCheckIn): Promise<{ applied: boolean }> {
  const parts = checkInValuesOf(write);
  const { values, period, scopes, change, status } = parts;
  if (isPostgres(db)) {
    // The counter step and its note go in the same statement when nothing else was written.
    let statements = WHOLE_CHECK_IN.unlogged;
    if (period !== undefined && mayLogCheckInInline(db)) statements = WHOLE_CHECK_IN.logged;
    else if (period !== undefined) await noteCheckInChange(db, period, change);
    else await noteReadScopes(db, scopes);
    const [row] = (await statements[status](db, values)).rows;
    if (!row) throw new Error("the check-in statement answered no row");
    return { applied: row.applied === true };
  }
  await appendCheckIn(db, values);
  if (period !== undefined) await noteCheckInChange(db, period, change);
  else await noteReadScopes(db, scopes);
  const now = atOnceIn(db);
  if (now) return applyAndAuditNow(now, parts);
  // A transaction begun some other way than `withTransaction`: Kysely's way.
  const applied = Number((await APPLY_LATEST[status](db, values)).numAffectedRows ?? 0) > 0;
  await insertAuditEvent(db, auditRowOf(parts, applied));
  return { applied };
}

/**
 * SQLite, after the check-in's history row, in its transaction (its statements run at once):
 * the key result's state where the check-in is the newest, the audit event.
 */
function applyAndAuditNow(
  now: AtOnce,
  parts: ReturnType<typeof checkInValuesOf>,
): { applied: boolean } {
  const { values, status } = parts;
  const applied = Number(APPLY_LATEST[status].now(now, values).numAffectedRows ?? 0) > 0;
  insertAuditEvent.now(now, auditRowOf(parts, applied));
  return { applied };
}

/** The audit event's row: its `after` is its `before` where the check-in did not apply. */
function auditRowOf(parts: ReturnType<typeof checkInValuesOf>, applied: boolean) {
  const { auditRow } = parts;
  return applied ? auditRow : { ...auditRow, after: auditRow.before };
}

/**
 * The JSON of key results a check-in left, as its audit event's `after` wrote it: the `before`
 * of the next check-in on the key result is most often that same object, never changed since
 * (a state that committed, kept by the process: `app/kept-key-results.ts`), so its text is
 * not made twice.
 */
const textOfLeft = new WeakMap<object, string>();

function snapshotText(snapshot: unknown): string | null {
  if (snapshot === null || typeof snapshot !== "object") return jsonOf(snapshot);
  return textOfLeft.get(snapshot) ?? jsonOf(snapshot);
}

/** A check-in's values for its statements, and the one period it changes (if one). */
function checkInValuesOf(write: NewCheckIn) {
  const { checkIn, state, audit } = write;
  const auditRow = auditEventRowOf(audit, snapshotText);
  if (audit.after !== null && typeof audit.after === "object" && auditRow.after !== null) {
    textOfLeft.set(audit.after, auditRow.after);
  }
  // A check-in changes one period: its read version steps with a note of which check-in it was.
  const scopes = [...new Set(readScopesOf(audit))];
  const period = scopes.length === 1 && scopes[0] !== WORKSPACE_SCOPE ? scopes[0] : undefined;
  const change = { keyResultId: checkIn.keyResultId, checkInId: checkIn.id };
  const status: "withStatus" | "keepStatus" =
    state.status !== undefined ? "withStatus" : "keepStatus";
  // Added to the row in place: a spread copy with fields added costs microseconds (decisions/0049).
  const values: CheckInValues = Object.assign(checkInRowOf(checkIn), {
    state_current: state.current,
    state_progress: state.progress,
    state_health: state.health,
    state_confidence: state.confidence,
    state_status: state.status ?? null,
    audit_id: auditRow.id,
    audit_actor_id: auditRow.actor_id,
    audit_actor_name: auditRow.actor_name,
    audit_at: auditRow.at,
    audit_action: auditRow.action,
    audit_entity: auditRow.entity,
    audit_entity_id: auditRow.entity_id,
    audit_before: auditRow.before,
    audit_after: auditRow.after,
    period: period ?? "",
  });
  return { values, period, scopes, change, status, auditRow };
}

/**
 * Whether a check-in read without a lock can be written in one statement that holds only where
 * the key result has not moved since (`recordCheckInIfUnchanged`): on PostgreSQL, where that
 * spares the transaction's three round trips. SQLite writes one transaction at a time in
 * process, so there the locked read costs nothing more.
 */
export function checksInInOneStatement(db: Db): boolean {
  return isPostgres(db) && !db.isTransaction;
}

/**
 * Whether a check-in planned from a key result the process kept can be written where it still
 * holds (`recordCheckInIfKept`): outside a transaction, on either database.
 */
export function checksInFromKept(db: Db): boolean {
  return !db.isTransaction;
}

/**
 * `recordCheckIn` in one statement of its own, outside any transaction, written only where the
 * key result is still at `expectedVersion` (the version its state was computed from; locked
 * for the statement), with `notifications` (the followers told of it) in the same statement.
 * Answers undefined, having written nothing, where it moved, or where the check-in is not one
 * period's: then record it in a transaction that locks the key result.
 */
export async function recordCheckInIfUnchanged(
  db: Db,
  write: NewCheckIn,
  expectedVersion: number,
  notifications: readonly StoredNotification[] = [],
): Promise<{ applied: boolean } | undefined> {
  const { values, period, status } = checkInValuesOf(write);
  if (period === undefined) return undefined;
  const told = notifications.length > 0;
  const guard: GuardValues = { expected_version: expectedVersion };
  if (told) guard.notifications = JSON.stringify(notifications.map(notificationRowOf));
  const { rows } = await GUARDED_CHECK_IN[told ? "told" : "untold"][status](
    db,
    Object.assign(values, guard),
  );
  const [row] = rows;
  return row ? { applied: row.applied === true } : undefined;
}

/** What a check-in planned without a read was planned from (decisions/0041). */
export interface KeptPlanBasis {
  /** The key result's version the state was computed from. */
  version: number;
  /** Its link ids (the links are no column of the key result: adding one steps no version). */
  linkIds: readonly Id[];
  /** The write counters the process kept its followers and webhooks under. */
  counters: Readonly<Record<string, string>>;
  /** Whether the actor sees what sits under confidential objectives. */
  insider: boolean;
}

/**
 * `recordCheckInIfUnchanged` for a check-in planned from a key result the process kept instead
 * of reading it: written only where the database still holds everything the skipped read
 * would have checked — the key result at that version, in that period, with those links, the
 * period open, the write counters as kept and, for a reader who is no insider, no confidential
 * objective above it. Answers undefined, having written nothing, otherwise. On PostgreSQL one
 * statement; on SQLite a write transaction whose first statement appends the check-in only
 * where all that holds.
 */
export async function recordCheckInIfKept(
  db: Db,
  write: NewCheckIn,
  basis: KeptPlanBasis,
): Promise<{ applied: boolean } | undefined> {
  const parts = checkInValuesOf(write);
  const { values, period, status } = parts;
  if (period === undefined) return undefined;
  // The guard's values join the check-in's in place, not in a spread copy (decisions/0049).
  const guarded: CheckInValues & GuardValues = Object.assign(values, {
    expected_version: basis.version,
    expected_links: [...basis.linkIds].sort(byCodeUnits).join(","),
  });
  if (!isPostgres(db)) {
    const counter = (name: string) => {
      const value = basis.counters[name];
      return value === undefined || value === "" ? null : Number(value);
    };
    const append = basis.insider ? KEPT_APPEND.insider : KEPT_APPEND.outsider;
    const kept = Object.assign(guarded, {
      expected_accounts: counter("accounts"),
      expected_follows: counter("follows"),
      expected_webhooks: counter("webhooks"),
    });
    // The write lock is held from the transaction's start: what the guard saw stays so. Nothing
    // else is written with it, so the period's version steps here, logged with the check-in.
    const write = (now: AtOnce) => {
      if (Number(append.now(now, kept).numAffectedRows ?? 0) === 0) return undefined;
      const done = applyAndAuditNow(now, parts);
      stepAndLogNow(now, period, [parts.change]);
      return done;
    };
    // One synchronous transaction where the connection is free (decisions/0055); else in turn.
    const atOnce = transactionAtOnce(db, write);
    if (atOnce) return atOnce.value;
    return withTransaction(db, async (trx) => {
      const now = atOnceIn(trx);
      if (!now) throw new Error("withTransaction runs statements at once on SQLite");
      return write(now);
    });
  }
  const statements = basis.insider ? KEPT_CHECK_IN.insider : KEPT_CHECK_IN.outsider;
  const [row] = (
    await statements[status](
      db,
      Object.assign(guarded, { expected_counters: writeCountersTextOf(basis.counters) }),
    )
  ).rows;
  return row ? { applied: row.applied === true } : undefined;
}
