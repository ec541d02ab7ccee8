/** KPIs, their readings, and the key results that follow them. */

import { OkrError } from "../core/errors.js";
import type { Kpi, KpiReading } from "../core/kpis.js";
import type { Id, IsoDateTime, Owner } from "../core/types.js";
import { columnsOfPatch, type Db, type FieldColumns, isPostgres, notFound } from "./db.js";
import { ownerOf } from "./item-columns.js";
import type { KpiReadingsTable, KpisTable } from "./schema-connected.js";

export type KpiPatch = Partial<
  Pick<
    Kpi,
    | "name"
    | "description"
    | "unit"
    | "targetLow"
    | "targetHigh"
    | "owner"
    | "sourceKind"
    | "sourceId"
  >
>;

const FIELD_COLUMNS: FieldColumns<KpiPatch, KpisTable> = {
  name: (value) => ({ name: value }),
  description: (value) => ({ description: value }),
  unit: (value) => ({ unit: value }),
  targetLow: (value) => ({ target_low: value }),
  targetHigh: (value) => ({ target_high: value }),
  owner: (value: Owner | null) => ({
    owner_kind: value?.kind ?? null,
    owner_id: value?.id ?? null,
    owner_name: value?.name ?? null,
  }),
  sourceKind: (value) => ({ source_kind: value }),
  sourceId: (value) => ({ source_id: value }),
};

const numberOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

function kpiOf(row: KpisTable): Kpi {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    unit: row.unit,
    targetLow: numberOrNull(row.target_low),
    targetHigh: numberOrNull(row.target_high),
    owner: ownerOf(row),
    sourceKind: row.source_kind,
    sourceId: row.source_id,
    current: numberOrNull(row.current),
    currentAt: row.current_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

function readingOf(row: KpiReadingsTable): KpiReading {
  return {
    id: row.id,
    kpiId: row.kpi_id,
    value: Number(row.value),
    at: row.at,
    note: row.note,
    source: row.source,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}

export async function insertKpi(db: Db, kpi: Kpi): Promise<Kpi> {
  await db
    .insertInto("kpis")
    .values({
      id: kpi.id,
      name: kpi.name,
      description: kpi.description,
      unit: kpi.unit,
      target_low: kpi.targetLow,
      target_high: kpi.targetHigh,
      owner_kind: kpi.owner?.kind ?? null,
      owner_id: kpi.owner?.id ?? null,
      owner_name: kpi.owner?.name ?? null,
      source_kind: kpi.sourceKind,
      source_id: kpi.sourceId,
      current: kpi.current,
      current_at: kpi.currentAt,
      created_at: kpi.createdAt,
      updated_at: kpi.updatedAt,
      version: kpi.version,
    })
    .execute();
  return kpi;
}

export async function findKpi(
  db: Db,
  id: Id,
  options: { lock?: boolean } = {},
): Promise<Kpi | undefined> {
  let query = db.selectFrom("kpis").selectAll().where("id", "=", id);
  if (options.lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? kpiOf(row) : undefined;
}

export async function getKpi(db: Db, id: Id, options: { lock?: boolean } = {}): Promise<Kpi> {
  const kpi = await findKpi(db, id, options);
  if (!kpi) throw notFound("KPI", id);
  return kpi;
}

export async function findKpiByName(db: Db, name: string): Promise<Kpi | undefined> {
  const row = await db.selectFrom("kpis").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? kpiOf(row) : undefined;
}

/** Every KPI, by name. */
export async function listKpis(db: Db): Promise<Kpi[]> {
  const rows = await db.selectFrom("kpis").selectAll().orderBy("name").orderBy("id").execute();
  return rows.map(kpiOf);
}

/** Sets `patch` when the KPI is still at `expectedVersion` (`version_conflict` otherwise). */
export async function updateKpi(
  db: Db,
  id: Id,
  expectedVersion: number,
  patch: KpiPatch,
  at: IsoDateTime,
): Promise<Kpi> {
  const result = await db
    .updateTable("kpis")
    .set({ ...columnsOfPatch(patch, FIELD_COLUMNS), updated_at: at, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = await getKpi(db, id);
    throw new OkrError(
      "version_conflict",
      `KPI ${id} changed since version ${expectedVersion} (now version ${current.version}); reload and try again`,
      { current },
    );
  }
  return getKpi(db, id);
}

export async function deleteKpi(db: Db, id: Id): Promise<void> {
  await db.deleteFrom("key_result_kpis").where("kpi_id", "=", id).execute();
  await db.deleteFrom("kpi_readings").where("kpi_id", "=", id).execute();
  const result = await db.deleteFrom("kpis").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("KPI", id);
}

/**
 * Appends a reading and, where it is the newest (by time, then id), makes it the KPI's
 * current value. Answers whether it became the current value.
 */
export async function insertKpiReading(
  db: Db,
  reading: KpiReading,
  /** JSON text: the raw reading a source answered, when a source recorded it. */
  raw: string | null = null,
): Promise<boolean> {
  await db
    .insertInto("kpi_readings")
    .values({
      id: reading.id,
      kpi_id: reading.kpiId,
      value: reading.value,
      at: reading.at,
      note: reading.note,
      source: reading.source,
      author_name: reading.authorName,
      created_at: reading.createdAt,
      reading: raw,
    })
    .execute();
  const newer = await db
    .selectFrom("kpi_readings")
    .select("id")
    .where("kpi_id", "=", reading.kpiId)
    .where((eb) =>
      eb.or([
        eb("at", ">", reading.at),
        eb.and([eb("at", "=", reading.at), eb("id", ">", reading.id)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (newer) return false;
  await db
    .updateTable("kpis")
    .set({ current: reading.value, current_at: reading.at })
    .where("id", "=", reading.kpiId)
    .execute();
  return true;
}

/** A KPI's readings, oldest first (the newest `limit`). */
export async function listKpiReadings(db: Db, kpiId: Id, limit = 1000): Promise<KpiReading[]> {
  const rows = await db
    .selectFrom("kpi_readings")
    .selectAll()
    .where("kpi_id", "=", kpiId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(Math.trunc(limit), 1), 10_000))
    .execute();
  return rows.map(readingOf).reverse();
}

/** Makes a key result follow a KPI (or none: `kpiId` null). */
export async function setKeyResultKpi(
  db: Db,
  keyResultId: Id,
  kpiId: Id | null,
  at: IsoDateTime,
): Promise<void> {
  await db.deleteFrom("key_result_kpis").where("key_result_id", "=", keyResultId).execute();
  if (kpiId === null) return;
  await db
    .insertInto("key_result_kpis")
    .values({ key_result_id: keyResultId, kpi_id: kpiId, created_at: at })
    .execute();
}

/** The KPI a key result follows, if any. */
export async function findKpiIdOfKeyResult(db: Db, keyResultId: Id): Promise<Id | undefined> {
  const row = await db
    .selectFrom("key_result_kpis")
    .select("kpi_id")
    .where("key_result_id", "=", keyResultId)
    .executeTakeFirst();
  return row?.kpi_id;
}

/** The key results that follow a KPI. */
export async function listKeyResultsFollowing(db: Db, kpiId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("key_result_kpis")
    .select("key_result_id")
    .where("kpi_id", "=", kpiId)
    .orderBy("key_result_id")
    .execute();
  return rows.map((row) => row.key_result_id);
}

/** Says where the KPI's readings come from: `manual`, or its source's kind and id. */
export async function setKpiSource(
  db: Db,
  id: Id,
  sourceKind: string,
  sourceId: Id | null,
  at: IsoDateTime,
): Promise<void> {
  await db
    .updateTable("kpis")
    .set({ source_kind: sourceKind, source_id: sourceId, updated_at: at })
    .where("id", "=", id)
    .execute();
}
