import { sql } from "kysely";
import type {
  Health,
  Id,
  IsoDateTime,
  KeyResult,
  KeyResultKind,
  Link,
  MetricUnit,
  Owner,
  Period,
} from "../core/types.js";
import { confidentialAboveSql } from "./confidential-walk.js";
import { boolOf, columnsOfPatch, type Db, type FieldColumns, intOf, isPostgres } from "./db.js";
import { ITEM_FIELD_COLUMNS, type ItemFields, itemBaseOf, ownerOf } from "./item-columns.js";
import { itemRows, itemsWithLinks, type NewItemRow } from "./item-rows.js";
import { periodOf } from "./periods.repository.js";
import { prepared } from "./prepared.js";
import type { KeyResultsTable } from "./schema-items.js";
import {
  parseWriteCounters,
  type WriteCounters,
  writeCountersText,
} from "./write-counters.repository.js";

/** A new key result as the app builds it; `links` (optional) are inserted with it. */
export interface NewKeyResult extends ItemFields {
  id: Id;
  objectiveId: Id;
  kind: KeyResultKind;
  unit: MetricUnit | null;
  start: number | null;
  target: number | null;
  direction: "above" | "below" | null;
  targetConfidential: boolean;
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  lastCheckInAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  /** Default 1. */
  version?: number;
  links?: readonly Link[];
}

/** What an update may change; `updatedAt` is always set. */
export type KeyResultPatch = Partial<
  Omit<NewKeyResult, "id" | "createdAt" | "version" | "links" | "updatedAt">
> & {
  updatedAt: IsoDateTime;
};

const FIELD_COLUMNS: FieldColumns<
  Omit<NewKeyResult, "id" | "createdAt" | "version" | "links">,
  KeyResultsTable
> = {
  ...ITEM_FIELD_COLUMNS,
  objectiveId: (value) => ({ objective_id: value }),
  kind: (value) => ({ kind: value }),
  unit: (value) => ({ unit: value }),
  start: (value) => ({ start_value: value }),
  target: (value) => ({ target_value: value }),
  direction: (value) => ({ direction: value }),
  targetConfidential: (value) => ({ target_confidential: intOf(value) }),
  current: (value) => ({ current_value: value }),
  progress: (value) => ({ progress: value }),
  health: (value) => ({ health: value }),
  confidence: (value) => ({ confidence: value }),
  lastCheckInAt: (value) => ({ last_check_in_at: value }),
};

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Maps a row (and its links) to the domain type. */
export function keyResultOf(row: KeyResultsTable, links: Link[] = []): KeyResult {
  return {
    type: "key_result",
    ...itemBaseOf(row, links),
    objectiveId: row.objective_id,
    kind: row.kind as KeyResultKind,
    unit: row.unit as MetricUnit | null,
    start: numberOrNull(row.start_value),
    target: numberOrNull(row.target_value),
    direction: row.direction as KeyResult["direction"],
    targetConfidential: boolOf(row.target_confidential),
    current: numberOrNull(row.current_value),
    progress: numberOrNull(row.progress),
    health: row.health as Health | null,
    confidence: numberOrNull(row.confidence),
    lastCheckInAt: row.last_check_in_at,
  };
}

const KEY_RESULTS = { table: "key_results", name: "Key result", itemOf: keyResultOf } as const;
/** A new key result's row with its links, as held until written. */
export type NewKeyResultRow = NewItemRow<typeof KEY_RESULTS>;

const ROWS = itemRows<typeof KEY_RESULTS, NewKeyResult, KeyResultPatch>(KEY_RESULTS, (fields) =>
  columnsOfPatch(fields, FIELD_COLUMNS),
);

/** The row for a new key result. */
export const keyResultRowOf: (item: NewKeyResult) => KeyResultsTable = ROWS.rowOf;
export const {
  insert: insertKeyResult,
  find: findKeyResult,
  get: getKeyResult,
  byPeriod: listKeyResultsByPeriod,
  byOwner: listKeyResultsByOwner,
  bySourceKey: listKeyResultsBySourceKey,
  newRowOf: newKeyResultRow,
  insertMany: insertKeyResults,
  storedOf: storedKeyResultOf,
} = ROWS;

/** Applies `patch` at `expectedVersion` (else `version_conflict`); links follow a new period. */
export async function updateKeyResult(
  db: Db,
  id: Id,
  expectedVersion: number,
  patch: KeyResultPatch,
): Promise<KeyResult> {
  await ROWS.update(db, id, expectedVersion, patch);
  if (patch.periodId !== undefined) {
    // Links carry their period for the one-query tree read: move them too.
    await db
      .updateTable("links")
      .set({ period_id: patch.periodId })
      .where("key_result_id", "=", id)
      .execute();
  }
  return getKeyResult(db, id);
}

/** An objective's key results, in position order, with their links. */
export async function listKeyResultsByObjective(db: Db, objectiveId: Id): Promise<KeyResult[]> {
  const rows = await db
    .selectFrom("key_results")
    .selectAll()
    .where("objective_id", "=", objectiveId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return itemsWithLinks(db, KEY_RESULTS, rows);
}

/** A key result with what a check-in on it checks: its objective and its period. */
export interface KeyResultInContext {
  keyResult: KeyResult;
  /** Undefined when the objective row is missing (stored data out of step). */
  objective:
    | {
        id: Id;
        owner: Owner | null;
        confidential: boolean;
        /** The item it is aligned under (a key result before an objective), if any. */
        parentId: Id | null;
      }
    | undefined;
  /** Undefined when the period row is missing. */
  period: Period | undefined;
}

function keyResultInContextQuery(db: Db, id: Id) {
  return db
    .selectFrom("key_results as kr")
    .leftJoin("objectives as o", "o.id", "kr.objective_id")
    .leftJoin("periods as p", "p.id", "kr.period_id")
    .leftJoin("links as l", "l.key_result_id", "kr.id")
    .selectAll("kr")
    .select([
      "o.id as o_id",
      "o.owner_kind as o_owner_kind",
      "o.owner_id as o_owner_id",
      "o.owner_name as o_owner_name",
      "o.confidential as o_confidential",
      "o.parent_objective_id as o_parent_objective_id",
      "o.parent_key_result_id as o_parent_key_result_id",
      "p.id as p_id",
      "p.label as p_label",
      "p.closed_at as p_closed_at",
      "p.kind as p_kind",
      "p.start_date as p_start_date",
      "p.end_date as p_end_date",
      "l.id as l_id",
      "l.kind as l_kind",
      "l.text as l_text",
      "l.url as l_url",
      "l.position as l_position",
    ])
    .where("kr.id", "=", id);
}

const inContext = prepared((db, p: { id: Id }) => keyResultInContextQuery(db, p.id));

/**
 * A key result with its links, its objective's owner and alignment, and its period, in one
 * read (one row per link); undefined when there is no such key result. To build a write on
 * it, read it locked with `findKeyResultToCheckIn`.
 */
export async function findKeyResultInContext(
  db: Db,
  id: Id,
): Promise<KeyResultInContext | undefined> {
  const { rows } = await inContext(db, { id });
  return inContextOf(rows);
}

type InContextRow = Awaited<ReturnType<typeof inContext>>["rows"][number];

function inContextOf(rows: readonly InContextRow[]): KeyResultInContext | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const links = rows
    .filter((row) => row.l_id !== null)
    .sort(
      (a, b) =>
        Number(a.l_position) - Number(b.l_position) ||
        ((a.l_id as string) < (b.l_id as string) ? -1 : 1),
    )
    .map((row) => ({
      id: row.l_id as string,
      kind: row.l_kind as Link["kind"],
      text: row.l_text as string,
      url: row.l_url as string,
    }));
  return {
    keyResult: keyResultOf(first, links),
    objective:
      first.o_id === null
        ? undefined
        : {
            id: first.o_id,
            owner: ownerOf({
              owner_kind: first.o_owner_kind,
              owner_id: first.o_owner_id,
              owner_name: first.o_owner_name,
            }),
            confidential: boolOf(first.o_confidential),
            parentId: first.o_parent_key_result_id ?? first.o_parent_objective_id ?? null,
          },
    period:
      first.p_id === null
        ? undefined
        : periodOf({
            id: first.p_id,
            label: first.p_label as string,
            kind: first.p_kind as string,
            start_date: first.p_start_date as string,
            end_date: first.p_end_date as string,
            closed_at: first.p_closed_at,
            created_at: "",
          }),
  };
}

/** A key result to check in on, with what deciding whether the actor may was asked for. */
export interface KeyResultToCheckIn extends KeyResultInContext {
  /** Whether a confidential objective is found going up from the key result (when asked). */
  confidentialAbove: boolean;
  /** The team and title of the person asked about, when asked and on record. */
  person: { teamId: Id | null; title: string | null } | undefined;
  /** The write counters as they stand (what the check-in tells its followers and webhooks by). */
  counters: WriteCounters;
}

/**
 * `findKeyResultInContext` with the key result's row locked until the transaction ends
 * (PostgreSQL `FOR UPDATE`; SQLite's write transactions hold the whole database already), so
 * what is read is what a write builds on; and in the same statement what the rules ask of the
 * actor: whether the key result sits under a confidential objective (`confidentialAbove`, for
 * those who are not insiders) and the team and title of their person (`personId`, for those
 * who are not editors), and the write counters. One round trip where there were four. With
 * `lock: false`, read as it stands, to be written only where it has not moved since
 * (`recordCheckInIfUnchanged`).
 */
export async function findKeyResultToCheckIn(
  db: Db,
  id: Id,
  ask: { confidentialAbove: boolean; personId: Id | null; lock?: boolean },
): Promise<KeyResultToCheckIn | undefined> {
  const lock = ask.lock !== false && isPostgres(db);
  const variant = `${lock ? "lock" : ""}:${ask.confidentialAbove}:${ask.personId !== null}`;
  let statement = toCheckIn.get(variant);
  if (!statement) {
    statement = toCheckInStatement(lock, ask.confidentialAbove, ask.personId !== null);
    toCheckIn.set(variant, statement);
  }
  const { rows } = await statement(db, { id, personId: ask.personId ?? "" });
  const found = inContextOf(rows);
  const first = rows[0];
  if (!found || !first) return undefined;
  return {
    ...found,
    confidentialAbove: first.confidential_above !== null && first.confidential_above !== undefined,
    person:
      first.m_person_id === null || first.m_person_id === undefined
        ? undefined
        : { teamId: first.m_team_id ?? null, title: first.m_title ?? null },
    counters: parseWriteCounters(first.write_counters),
  };
}

const toCheckIn = new Map<string, ReturnType<typeof toCheckInStatement>>();

function toCheckInStatement(lock: boolean, confidentialAbove: boolean, person: boolean) {
  return prepared((db, p: { id: Id; personId: Id }) => {
    const none = sql<string | null>`null`;
    const query = keyResultInContextQuery(db, p.id).select((eb) => {
      const ofPerson = (column: "id" | "team_id" | "title") =>
        person
          ? eb
              .selectFrom("people")
              .select(`people.${column}`)
              .where("people.id", "=", p.personId)
              .$castTo<string | null>()
          : none;
      return [
        confidentialAbove
          ? sql<number | null>`(${confidentialAboveSql(p.id)})`.as("confidential_above")
          : sql<number | null>`null`.as("confidential_above"),
        ofPerson("id").as("m_person_id"),
        ofPerson("team_id").as("m_team_id"),
        ofPerson("title").as("m_title"),
        writeCountersText(db).as("write_counters"),
      ];
    });
    return lock ? query.forUpdate("kr") : query;
  });
}
