/**
 * The audit log: who changed what, when, with the before and after. An event is written to
 * `audit_journal` in its change's transaction, one row with no index to keep; `moveAuditJournal`
 * moves them into `audit_events` and its indexes in batches, and a read takes both at once
 * (decisions/0053).
 */
import { sql } from "kysely";
import type { AuditEvent, Id, IsoDateTime } from "../core/types.js";
import { insertRowsInStatements } from "./bulk.repository.js";
import { type Db, isPostgres, jsonOf, parseJson, withTransaction } from "./db.js";
import { noteReadScopes, WORKSPACE_SCOPE } from "./read-versions.repository.js";
import type { AuditEventsTable } from "./schema-accounts.js";

export function auditEventOf(row: AuditEventsTable): AuditEvent {
  return {
    id: row.id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parseJson(row.before),
    after: parseJson(row.after),
  };
}

/** An event as stored; `textOf` writes its snapshots (JSON). */
export function auditEventRowOf(
  event: AuditEvent,
  textOf: (snapshot: unknown) => string | null = jsonOf,
): AuditEventsTable {
  return {
    id: event.id,
    actor_id: event.actorId,
    actor_name: event.actorName,
    at: event.at,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    before: textOf(event.before),
    after: textOf(event.after),
  };
}

/** Entities whose writes change nothing any period's tree or dashboard shows. */
const UNSHOWN_ENTITIES = new Set(["user", "api_token", "session", "comment", "kpi", "webhook"]);

function periodIdOf(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const id = (snapshot as { periodId?: unknown }).periodId;
  return typeof id === "string" ? id : null;
}

const CHAIN_FIELDS = ["confidential", "parentObjectiveId", "parentKeyResultId", "objectiveId"];

/**
 * Whether an item's write changes who may see it or what is under it: its confidential mark,
 * or the item it hangs under. Creations and deletions are not among them: a new item is named
 * by no other period's item until a write there names it, and a gone one answers as missing.
 */
function changesWhoSees(before: unknown, after: unknown): boolean {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return false;
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  return CHAIN_FIELDS.some((field) => field in is && (was[field] ?? null) !== (is[field] ?? null));
}

/**
 * The read scopes an audited write changes: an objective or key result its period (both, when
 * it moved); a period itself; people, teams, settings, links and anything else every period
 * (`*`), since owners, names and rules show in every view. An item's write that changes who
 * may see it (its confidential mark, its parent) notes `*` too.
 */
export function readScopesOf(
  event: Pick<AuditEvent, "entity" | "entityId" | "before" | "after">,
): string[] {
  if (UNSHOWN_ENTITIES.has(event.entity)) return [];
  if (event.entity === "period") return [event.entityId];
  if (event.entity === "objective" || event.entity === "key_result") {
    const scopes = [periodIdOf(event.before), periodIdOf(event.after)].filter(
      (id): id is string => id !== null,
    );
    if (scopes.length === 0) return [WORKSPACE_SCOPE];
    // Who may see it changed: other periods' items that name it or what is under it (carried
    // from or to, decisions/0066) show those names again, so every period reads anew.
    if (changesWhoSees(event.before, event.after)) scopes.push(WORKSPACE_SCOPE);
    return scopes;
  }
  return [WORKSPACE_SCOPE];
}

/**
 * Records an event; pass the transaction of the change so both land or neither does. Every
 * write records one, so here it also notes which cached answers the write makes stale.
 */
export async function insertAuditEvent(db: Db, event: AuditEvent): Promise<AuditEvent> {
  await insertAuditEvents(db, [event]);
  return event;
}

/** Records events (a page's, say) with as few statements as the parameter limits allow. */
export async function insertAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  await noteReadScopes(db, new Set(events.flatMap(readScopesOf)));
  await insertRowsInStatements(
    db,
    "audit_journal",
    events.map((event) => auditEventRowOf(event)),
  );
}

export interface AuditFilter {
  entity?: string;
  entityId?: Id;
  actorId?: Id;
  action?: string;
  /** Only events at or after this instant. */
  since?: IsoDateTime;
  /** Only events strictly before this instant (paging backwards). */
  before?: IsoDateTime;
  /** Only events after this one in newest-first order: the next page (ties on `at` by id). */
  olderThan?: { at: IsoDateTime; id: Id };
  /** Default 100, at most 1001 (a page of 1000 and one more to tell whether more follow). */
  limit?: number;
}

/** Where events are: the indexed log, and the journal not yet moved into it. */
type AuditTable = "audit_events" | "audit_journal";

/** An audit event's columns, in the order both tables have them. */
export const AUDIT_COLUMNS = [
  "id",
  "actor_id",
  "actor_name",
  "at",
  "action",
  "entity",
  "entity_id",
  "before",
  "after",
] as const satisfies readonly (keyof AuditEventsTable)[];

/** One table's events matching the filter, newest first, at most `limit`. */
function matching(db: Db, table: AuditTable, filter: AuditFilter, limit: number) {
  // Both tables have the same columns; the builder is typed by the first.
  let query = db.selectFrom(table as "audit_events").select(AUDIT_COLUMNS);
  if (filter.entity) query = query.where("entity", "=", filter.entity);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.actorId) query = query.where("actor_id", "=", filter.actorId);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.since) query = query.where("at", ">=", filter.since);
  if (filter.before) query = query.where("at", "<", filter.before);
  const older = filter.olderThan;
  if (older) {
    query = query.where((eb) =>
      eb.or([eb("at", "<", older.at), eb.and([eb("at", "=", older.at), eb("id", "<", older.id)])]),
    );
  }
  return query.orderBy("at", "desc").orderBy("id", "desc").limit(limit);
}

/**
 * Events matching the filter, newest first: from the log and the journal in one statement, so
 * one snapshot of both, and an event being moved is read once, wherever it is.
 */
export async function listAuditEvents(db: Db, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1001);
  const rows = await db
    .selectFrom(matching(db, "audit_events", filter, limit).as("logged"))
    .selectAll()
    .unionAll(db.selectFrom(matching(db, "audit_journal", filter, limit).as("journal")).selectAll())
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(auditEventOf);
}

const COLUMN_LIST = sql.raw(AUDIT_COLUMNS.map((column) => `"${column}"`).join(", "));

/**
 * Moves up to `batch` journal entries into the indexed log, in one transaction; answers how
 * many. On SQLite the oldest written go first. Safe beside other processes moving at the same
 * time: on PostgreSQL each takes rows the others have not locked, and SQLite writes one
 * transaction at a time. Which are moved first changes nothing a read answers.
 */
export async function moveAuditJournal(db: Db, batch = 1000): Promise<number> {
  if (isPostgres(db)) {
    const result = await sql`
      with moved as (
        delete from audit_journal
        where ctid in (select ctid from audit_journal limit ${batch} for update skip locked)
        returning ${COLUMN_LIST}
      )
      insert into audit_events (${COLUMN_LIST}) select ${COLUMN_LIST} from moved`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }
  const move = async (trx: Db) => {
    const { rows } = await sql<{ last: number | null }>`
      select max(rowid) as last
      from (select rowid from audit_journal order by rowid limit ${batch})`.execute(trx);
    const last = rows[0]?.last;
    if (last === null || last === undefined) return 0;
    await sql`
      insert into audit_events (${COLUMN_LIST})
      select ${COLUMN_LIST} from audit_journal where rowid <= ${last} order by rowid`.execute(trx);
    const deleted = await sql`delete from audit_journal where rowid <= ${last}`.execute(trx);
    return Number(deleted.numAffectedRows ?? 0);
  };
  return withTransaction(db, move);
}
