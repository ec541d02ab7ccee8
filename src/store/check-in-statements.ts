/**
 * The statements a check-in writes, prepared once (`prepared.ts`): every check-in runs the
 * same text with its own values. `recordCheckIn` in `check-ins.repository.ts` decides which
 * run; the rules they carry (a check-in becomes the state only where it is the newest,
 * decisions/0008) live in the builders here.
 */
import { type ExpressionBuilder, sql } from "kysely";
import type { Health, Id, IsoDateTime, Status } from "../core/types.js";
import { AUDIT_COLUMNS } from "./audit.repository.js";
import { confidentialAboveSql } from "./confidential-walk.js";
import { type Db, isPostgres } from "./db.js";
import { prepared } from "./prepared.js";
import { withCheckInChangeCtes } from "./read-versions.repository.js";
import type { Database } from "./schema.js";
import type { AuditEventsTable } from "./schema-accounts.js";
import type { CheckInsTable } from "./schema-items.js";
import type { NotificationsTable } from "./schema-rhythm.js";
import { type WriteCounterName, writeCountersText } from "./write-counters.repository.js";

/** The state a check-in leaves on its key result when it is the latest. */
export interface CheckInState {
  /** The check-in's id: between check-ins at the same time, the greater id is the later. */
  checkInId: Id;
  at: IsoDateTime;
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  /** The status it leaves; undefined leaves the status as it is. */
  status?: Status | null;
}

/**
 * Where the check-in (`at`, `checkInId`) is newer than the latest one recorded on the key
 * result: none recorded, an earlier one, or one at the same time with a smaller id. Evaluated
 * on the row the UPDATE writes, so it holds whatever order transactions commit in.
 */
export function isNewerThanRecorded(
  eb: ExpressionBuilder<Database, "key_results">,
  keyResultId: Id,
  state: Pick<CheckInState, "at" | "checkInId">,
) {
  return eb.or([
    eb("key_results.last_check_in_at", "is", null),
    eb("key_results.last_check_in_at", "<", state.at),
    eb.and([
      eb("key_results.last_check_in_at", "=", state.at),
      eb.not(
        eb.exists(
          eb
            .selectFrom("check_ins as later")
            .select(sql<number>`1`.as("one"))
            .where("later.key_result_id", "=", keyResultId)
            .where("later.created_at", "=", state.at)
            .where("later.id", ">", state.checkInId),
        ),
      ),
    ]),
  ]);
}

/** The key result's latest-check-in columns (and one version step) for `state`. */
export function latestColumnsOf(state: CheckInState) {
  return {
    current_value: state.current,
    progress: state.progress,
    health: state.health,
    confidence: state.confidence,
    ...(state.status !== undefined ? { status: state.status } : {}),
    last_check_in_at: state.at,
    updated_at: state.at,
    version: sql<number>`version + 1`,
  };
}

/** A check-in's values for its statements, flat: each is one place in the text. */
export type CheckInValues = CheckInsTable & {
  state_current: number | null;
  state_progress: number | null;
  state_health: Health | null;
  state_confidence: number | null;
  /** Only for the statements that set the status. */
  state_status: Status | null;
} & { [K in keyof AuditEventsTable as `audit_${K}`]: AuditEventsTable[K] } & {
  /** Only for the statements that log the period's change in themselves. */
  period: string;
};

function stateOf(v: Readonly<CheckInValues>, withStatus: boolean): CheckInState {
  return {
    checkInId: v.id,
    at: v.created_at,
    current: v.state_current,
    progress: v.state_progress,
    health: v.state_health,
    confidence: v.state_confidence,
    ...(withStatus ? { status: v.state_status } : {}),
  };
}

function rowOf(v: Readonly<CheckInValues>): CheckInsTable {
  return {
    id: v.id,
    key_result_id: v.key_result_id,
    value: v.value,
    progress: v.progress,
    health: v.health,
    confidence: v.confidence,
    note: v.note,
    author_id: v.author_id,
    author_name: v.author_name,
    created_at: v.created_at,
  };
}

/** SQLite, first: the check-in appended to the history. */
export const appendCheckIn = prepared((db, v: CheckInValues) =>
  db.insertInto("check_ins").values(rowOf(v)),
);

function applyLatest(withStatus: boolean) {
  return prepared((db, v: CheckInValues) =>
    db
      .updateTable("key_results")
      .set(latestColumnsOf(stateOf(v, withStatus)))
      .where("id", "=", v.key_result_id)
      .where((eb) => isNewerThanRecorded(eb, v.key_result_id, stateOf(v, withStatus))),
  );
}

/** SQLite, second: the key result's state where the check-in is the newest (with or without a status). */
export const APPLY_LATEST = { withStatus: applyLatest(true), keepStatus: applyLatest(false) };

/** SQLite, third: the audit event, into the journal (its `after` as the caller chose). */
export const insertAuditEvent = prepared((db, v: AuditEventsTable) =>
  db.insertInto("audit_journal").values({
    id: v.id,
    actor_id: v.actor_id,
    actor_name: v.actor_name,
    at: v.at,
    action: v.action,
    entity: v.entity,
    entity_id: v.entity_id,
    before: v.before,
    after: v.after,
  }),
);

/** What a guarded check-in holds to, beside the key result's version. */
type Guard = "none" | "version" | "kept" | "keptOutsideConfidential";

/** The values a guard compares with; only the guards that need them are given them. */
export interface GuardValues {
  expected_version?: number;
  /** The key result's link ids, sorted, joined by commas. */
  expected_links?: string;
  /** The write counters as `writeCountersText` gives them (`writeCountersTextOf`). */
  expected_counters?: string;
  /** SQLite: each write counter's value, null where the database has none. */
  expected_accounts?: number | null;
  expected_follows?: number | null;
  expected_webhooks?: number | null;
  /** The notifications the check-in writes with it, as a JSON array of rows (only where told). */
  notifications?: string;
}

/**
 * The row a guarded check-in locks, selected only where the key result is as its state was
 * computed from: at `expected_version`; for a plan made from what the process kept
 * (decisions/0041) also in the period the statement steps, with the same links, the period
 * open, the write counters where the process kept its followers and webhooks and, for readers
 * who are no insiders, under no confidential objective: what the read it skipped would have
 * checked.
 */
function guardRow(db: Db, v: CheckInValues & GuardValues, guard: Exclude<Guard, "none">) {
  const query = guardQuery(db, v, guard);
  // SQLite holds the whole file's write lock from the transaction's start.
  return isPostgres(db) ? query.forUpdate() : query;
}

function guardQuery(db: Db, v: CheckInValues & GuardValues, guard: Exclude<Guard, "none">) {
  let query = db
    .selectFrom("key_results as kr")
    .select("kr.id")
    .where("kr.id", "=", v.key_result_id)
    .where("kr.version", "=", v.expected_version as number);
  if (guard !== "version") {
    query = query
      .where("kr.period_id", "=", v.period)
      .where(
        sql<boolean>`exists (select 1 from periods p where p.id = kr.period_id and p.closed_at is null)`,
      )
      .where(sameLinks(db, v))
      .where(sameCounters(db, v));
  }
  if (guard === "keptOutsideConfidential") {
    query = query.where(sql<boolean>`not exists (${confidentialAboveSql(v.key_result_id)})`);
  }
  return query;
}

/** Whether `kr`'s links are `expected_links` (their ids in plain code-unit order, joined by commas). */
function sameLinks(db: Db, v: GuardValues) {
  if (isPostgres(db)) {
    return sql<boolean>`coalesce((select string_agg(l.id, ',' order by l.id collate "C") from links l where l.key_result_id = kr.id), '') = ${v.expected_links}`;
  }
  // Most key results have none: then no list is built to compare.
  return sql<boolean>`case when ${v.expected_links} = ''
    then not exists (select 1 from links l where l.key_result_id = kr.id)
    else coalesce((select group_concat(l.id, ',' order by l.id) from links l where l.key_result_id = kr.id), '') = ${v.expected_links} end`;
}

/** Whether the write counters are as expected: on SQLite one look-up of each by its name. */
function sameCounters(db: Db, v: GuardValues) {
  if (isPostgres(db)) return sql<boolean>`${writeCountersText(db)} = ${v.expected_counters}`;
  const each = {
    accounts: v.expected_accounts,
    follows: v.expected_follows,
    webhooks: v.expected_webhooks,
  } satisfies Record<WriteCounterName, unknown>;
  return sql<boolean>`${sql.join(
    Object.entries(each).map(
      ([name, value]) =>
        sql`(select n from write_counters where name = ${sql.lit(name)}) is ${value}`,
    ),
    sql` and `,
  )}`;
}

/**
 * PostgreSQL: the whole check-in in one statement (one round trip): the history row, the state
 * where it is the newest, the audit event (its `after` falling back to its `before` where it is
 * not), and optionally the period's version step with its note, answered with whether the
 * state moved. Guarded, it writes nothing at all (and answers no row) unless the key result is
 * still as its state was computed from (`guardRow`), which it locks for the statement.
 */
function wholeCheckIn(logsChange: boolean, withStatus: boolean, guarded: Guard, tells = false) {
  return prepared((db: Db, v: CheckInValues & GuardValues) => {
    const guard = sql<boolean>`exists (select 1 from guard)`;
    const onlyIf = guarded !== "none" ? guard : sql<boolean>`true`;
    const from =
      guarded !== "none" ? (db.with("guard", () => guardRow(db, v, guarded)) as unknown as Db) : db;
    const start = logsChange
      ? (withCheckInChangeCtes(
          from,
          v.period,
          { keyResultId: v.key_result_id, checkInId: v.id },
          guarded !== "none" ? guard : undefined,
        ) as unknown as Db)
      : from;
    const row = rowOf(v);
    const told = tells
      ? (start.with("told", (q) =>
          q
            .insertInto("notifications")
            .columns(NOTIFICATION_COLUMNS)
            .expression(
              sql`select ${sql.join(NOTIFICATION_COLUMNS.map((c) => sql.ref(c)))}
                from jsonb_to_recordset(cast(${v.notifications} as jsonb)) as t(${sql.join(
                  NOTIFICATION_COLUMNS.map((c) => sql`${sql.ref(c)} text`),
                )}) where ${onlyIf}`,
            ),
        ) as unknown as Db)
      : start;
    return told
      .with("appended", (q) =>
        guarded !== "none"
          ? q
              .insertInto("check_ins")
              .columns(CHECK_IN_COLUMNS)
              .expression(
                sql`select ${sql.join(
                  CHECK_IN_COLUMNS.map((c) =>
                    // A value in a SELECT has no column to take its type from.
                    NUMBER_COLUMNS.has(c)
                      ? sql`cast(${row[c]} as double precision)`
                      : sql`${row[c]}`,
                  ),
                )} where ${guard}`,
              )
          : q.insertInto("check_ins").values(row),
      )
      .with("latest", (q) =>
        q
          .updateTable("key_results")
          .set(latestColumnsOf(stateOf(v, withStatus)))
          .where("id", "=", v.key_result_id)
          .where(onlyIf)
          .where((eb) => isNewerThanRecorded(eb, v.key_result_id, stateOf(v, withStatus)))
          .returning("id"),
      )
      .insertInto("audit_journal")
      .columns(AUDIT_COLUMNS)
      .expression(
        sql`select ${v.audit_id}, ${v.audit_actor_id}, ${v.audit_actor_name}, ${v.audit_at},
          ${v.audit_action}, ${v.audit_entity}, ${v.audit_entity_id}, ${v.audit_before},
          case when exists (select 1 from latest) then ${v.audit_after} else ${v.audit_before} end
          where ${onlyIf}`,
      )
      .returning(sql<boolean>`exists (select 1 from latest)`.as("applied"));
  });
}

const CHECK_IN_COLUMNS = [
  "id",
  "key_result_id",
  "value",
  "progress",
  "health",
  "confidence",
  "note",
  "author_id",
  "author_name",
  "created_at",
] as const satisfies readonly (keyof CheckInsTable)[];
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(["value", "progress", "confidence"]);
const NOTIFICATION_COLUMNS = [
  "id",
  "user_id",
  "kind",
  "title",
  "body",
  "link",
  "item_id",
  "created_at",
  "read_at",
] as const satisfies readonly (keyof NotificationsTable)[];

/** The one-statement check-in by whether it logs the period's change and sets a status. */
export const WHOLE_CHECK_IN = {
  logged: {
    withStatus: wholeCheckIn(true, true, "none"),
    keepStatus: wholeCheckIn(true, false, "none"),
  },
  unlogged: {
    withStatus: wholeCheckIn(false, true, "none"),
    keepStatus: wholeCheckIn(false, false, "none"),
  },
};

/**
 * The one-statement check-in that writes only where the key result has not moved (logged);
 * `told`, with the notifications of its followers (`notifications`, every one of them text).
 */
export const GUARDED_CHECK_IN = {
  untold: {
    withStatus: wholeCheckIn(true, true, "version"),
    keepStatus: wholeCheckIn(true, false, "version"),
  },
  told: {
    withStatus: wholeCheckIn(true, true, "version", true),
    keepStatus: wholeCheckIn(true, false, "version", true),
  },
};

/**
 * The one-statement check-in planned from a kept key result (logged): written only where the
 * read it skipped would have found what it was planned from (`guardRow`).
 */
export const KEPT_CHECK_IN = {
  insider: {
    withStatus: wholeCheckIn(true, true, "kept"),
    keepStatus: wholeCheckIn(true, false, "kept"),
  },
  outsider: {
    withStatus: wholeCheckIn(true, true, "keptOutsideConfidential"),
    keepStatus: wholeCheckIn(true, false, "keptOutsideConfidential"),
  },
};

/**
 * SQLite, first, for a check-in planned from a kept key result (decisions/0041, 0047): the
 * check-in appended only where the read it skipped would have found what it was planned from
 * (`guardRow`), in the write transaction that then writes the rest. No row appended means
 * nothing holds: the caller writes nothing more.
 */
function keptAppend(guard: "kept" | "keptOutsideConfidential") {
  return prepared((db: Db, v: CheckInValues & GuardValues) => {
    const row = rowOf(v);
    return db
      .insertInto("check_ins")
      .columns(CHECK_IN_COLUMNS)
      .expression(
        sql`select ${sql.join(CHECK_IN_COLUMNS.map((c) => sql`${row[c]}`))}
          where exists ${guardRow(db, v, guard)}`,
      );
  });
}

export const KEPT_APPEND = {
  insider: keptAppend("kept"),
  outsider: keptAppend("keptOutsideConfidential"),
};
