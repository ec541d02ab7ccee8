/**
 * Connections and key results' sources: rows in, domain records out. Tokens arrive here
 * already encrypted; nothing in this file ever sees them in clear.
 */
import type { ConnectionKind, Reading, SourceConfig, SourceKind } from "../core/sources.js";
import type { Id, IsoDateTime } from "../core/types.js";
import { type Db, parseJson } from "./db.js";
import type { ConnectionsTable, SourcesTable } from "./schema-connected.js";

export interface ConnectionRecord {
  id: Id;
  name: string;
  kind: ConnectionKind;
  baseUrl: string;
  tokenCipher: string | null;
  webhookSecretCipher: string | null;
  authHeader: string | null;
  lastSuccessAt: IsoDateTime | null;
  lastError: string | null;
  lastErrorAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** What a source belongs to: a key result or a KPI, each with at most one source. */
export type SourceOwner = { kind: "key_result"; id: Id } | { kind: "kpi"; id: Id };

export interface SourceRecord {
  id: Id;
  owner: SourceOwner;
  /** The owner's id when it is a key result, else null. */
  keyResultId: Id | null;
  /** The owner's id when it is a KPI, else null. */
  kpiId: Id | null;
  connectionId: Id;
  kind: SourceKind;
  config: SourceConfig;
  lastReading: Reading | null;
  lastSuccessAt: IsoDateTime | null;
  lastError: string | null;
  lastErrorAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** The column that names the owner, and its value. */
function ownerColumn(owner: SourceOwner) {
  return owner.kind === "kpi" ? ("kpi_id" as const) : ("key_result_id" as const);
}

function connectionOf(row: ConnectionsTable): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ConnectionKind,
    baseUrl: row.base_url,
    tokenCipher: row.token_cipher,
    webhookSecretCipher: row.webhook_secret_cipher,
    authHeader: row.auth_header,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function sourceOf(row: SourcesTable): SourceRecord {
  const owner: SourceOwner =
    row.kpi_id !== null
      ? { kind: "kpi", id: row.kpi_id }
      : { kind: "key_result", id: row.key_result_id as Id };
  return {
    id: row.id,
    owner,
    keyResultId: row.key_result_id,
    kpiId: row.kpi_id,
    connectionId: row.connection_id,
    kind: row.kind as SourceKind,
    config: parseJson(row.config) as SourceConfig,
    lastReading: parseJson(row.last_reading) as Reading | null,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertConnection(db: Db, c: ConnectionRecord): Promise<void> {
  await db
    .insertInto("connections")
    .values({
      id: c.id,
      name: c.name,
      kind: c.kind,
      base_url: c.baseUrl,
      token_cipher: c.tokenCipher,
      webhook_secret_cipher: c.webhookSecretCipher,
      auth_header: c.authHeader,
      last_success_at: c.lastSuccessAt,
      last_error: c.lastError,
      last_error_at: c.lastErrorAt,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    })
    .execute();
}

export async function listConnections(db: Db, kind?: ConnectionKind): Promise<ConnectionRecord[]> {
  let query = db.selectFrom("connections").selectAll().orderBy("name");
  if (kind) query = query.where("kind", "=", kind);
  return (await query.execute()).map(connectionOf);
}

export async function findConnection(
  db: Db,
  idOrName: string,
): Promise<ConnectionRecord | undefined> {
  const row = await db
    .selectFrom("connections")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", idOrName), eb("name", "=", idOrName)]))
    .executeTakeFirst();
  return row ? connectionOf(row) : undefined;
}

export async function deleteConnection(db: Db, id: Id): Promise<void> {
  await db.deleteFrom("connections").where("id", "=", id).execute();
}

/** How many key results and KPIs read through the connection. */
export async function countSourcesOfConnection(db: Db, id: Id): Promise<number> {
  const row = await db
    .selectFrom("sources")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("connection_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records how the connection's last use went: a success clears nothing but says when. */
export async function noteConnectionOutcome(
  db: Db,
  id: Id,
  at: IsoDateTime,
  error: string | null,
): Promise<void> {
  await db
    .updateTable("connections")
    .set(error === null ? { last_success_at: at } : { last_error: error, last_error_at: at })
    .where("id", "=", id)
    .execute();
}

/** A connection's name, base URL, token or header changed (`updated_at` set). */
export async function updateConnection(
  db: Db,
  id: Id,
  patch: Partial<
    Pick<
      ConnectionRecord,
      "name" | "baseUrl" | "tokenCipher" | "webhookSecretCipher" | "authHeader"
    >
  >,
  at: IsoDateTime,
): Promise<void> {
  await db
    .updateTable("connections")
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.baseUrl !== undefined ? { base_url: patch.baseUrl } : {}),
      ...(patch.tokenCipher !== undefined ? { token_cipher: patch.tokenCipher } : {}),
      ...(patch.webhookSecretCipher !== undefined
        ? { webhook_secret_cipher: patch.webhookSecretCipher }
        : {}),
      ...(patch.authHeader !== undefined ? { auth_header: patch.authHeader } : {}),
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

/** The source of a key result or a KPI, if it has one. */
export async function findSource(db: Db, owner: SourceOwner): Promise<SourceRecord | undefined> {
  const row = await db
    .selectFrom("sources")
    .selectAll()
    .where(ownerColumn(owner), "=", owner.id)
    .executeTakeFirst();
  return row ? sourceOf(row) : undefined;
}

/** Every source (key results' and KPIs'), or those of one connection. */
export async function listSources(db: Db, connectionId?: Id): Promise<SourceRecord[]> {
  let query = db.selectFrom("sources").selectAll().orderBy("id");
  if (connectionId) query = query.where("connection_id", "=", connectionId);
  return (await query.execute()).map(sourceOf);
}

/** Sets the owner's source; a changed source starts with no reading and no error. */
export async function upsertSource(
  db: Db,
  source: { id: Id; owner: SourceOwner } & Pick<SourceRecord, "connectionId" | "kind" | "config">,
  at: IsoDateTime,
): Promise<void> {
  const values = {
    connection_id: source.connectionId,
    kind: source.kind,
    config: JSON.stringify(source.config),
    last_reading: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    updated_at: at,
  };
  const column = ownerColumn(source.owner);
  await db
    .insertInto("sources")
    .values({ id: source.id, [column]: source.owner.id, created_at: at, ...values })
    .onConflict((oc) => oc.column(column).doUpdateSet(values))
    .execute();
}

export async function deleteSource(db: Db, owner: SourceOwner): Promise<void> {
  await db.deleteFrom("sources").where(ownerColumn(owner), "=", owner.id).execute();
}

/** A good reading: kept as the last one, the last error cleared. */
export async function noteSourceReading(
  db: Db,
  owner: SourceOwner,
  reading: Reading,
  at: IsoDateTime,
): Promise<void> {
  await db
    .updateTable("sources")
    .set({
      last_reading: JSON.stringify(reading),
      last_success_at: at,
      last_error: null,
      last_error_at: null,
    })
    .where(ownerColumn(owner), "=", owner.id)
    .execute();
}

/** A failed refresh: the last good reading stays, the error is shown beside it. */
export async function noteSourceError(
  db: Db,
  owner: SourceOwner,
  error: string,
  at: IsoDateTime,
): Promise<void> {
  await db
    .updateTable("sources")
    .set({ last_error: error, last_error_at: at })
    .where(ownerColumn(owner), "=", owner.id)
    .execute();
}

/** Keeps the raw reading behind a check-in the source made. */
export async function insertSourceReading(
  db: Db,
  row: { checkInId: Id; keyResultId: Id; kind: SourceKind; reading: Reading; at: IsoDateTime },
): Promise<void> {
  await db
    .insertInto("source_readings")
    .values({
      check_in_id: row.checkInId,
      key_result_id: row.keyResultId,
      kind: row.kind,
      reading: JSON.stringify(row.reading),
      at: row.at,
    })
    .execute();
}

/** The raw readings of a key result's source check-ins, by check-in id. */
export async function listSourceReadings(db: Db, keyResultId: Id): Promise<Map<Id, Reading>> {
  const rows = await db
    .selectFrom("source_readings")
    .select(["check_in_id", "reading"])
    .where("key_result_id", "=", keyResultId)
    .execute();
  return new Map(rows.map((r) => [r.check_in_id, JSON.parse(r.reading) as Reading]));
}
