/**
 * KPIs beside OKRs: named metrics without a period, a target band, an owner, a source and a
 * history of readings. Everyone reads; editors define them; editors and a KPI's owners record
 * readings. A key result may follow a KPI: each reading that becomes the KPI's current value is
 * checked in on it through the one check-in writer (`checkIn`), in the reading's transaction.
 */
import { OkrError } from "../core/errors.js";
import { type Kpi, type KpiBandStatus, type KpiReading, kpiBandStatusOf } from "../core/kpis.js";
import { ownerDirectory } from "../core/owners.js";
import type { Id } from "../core/types.js";
import { type Db, withTransaction } from "../store/db.js";
import { findKeyResultInContext } from "../store/key-results.repository.js";
import * as store from "../store/kpis.repository.js";
import { hasConfidentialAbove } from "../store/objectives.repository.js";
import { listPeople } from "../store/people.repository.js";
import { listTeams } from "../store/teams.repository.js";
import { checkIn } from "./check-ins.js";
import { loadMembership, nowIso, recordAudit, resolveOwner } from "./context.js";
import { type Actor, type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { parseInput } from "./input.js";
import { getVisibleItem } from "./items.js";
import {
  CreateKpiInputSchema,
  KeyResultKpiInputSchema,
  KpiListInputSchema,
  KpiReadingInputSchema,
  UpdateKpiInputSchema,
} from "./kpi-schemas.js";
import { assertCanWriteItem, assertEditor, isInsider } from "./permissions.js";
import { IdSchema } from "./schemas.js";

/** A KPI with where its current value stands against its band. */
export type KpiView = Kpi & { bandStatus: KpiBandStatus };

/** One KPI with its history and the key results that follow it. */
export interface KpiDetail {
  kpi: KpiView;
  readings: KpiReading[];
  keyResultIds: Id[];
}

function viewOf(kpi: Kpi): KpiView {
  return { ...kpi, bandStatus: kpiBandStatusOf(kpi, kpi.current) };
}

async function assertNameFree(db: Db, name: string, except?: Id): Promise<void> {
  const taken = await store.findKpiByName(db, name);
  if (taken && taken.id !== except) {
    throw new OkrError("conflict", `A KPI named "${name}" exists already`, [
      { path: "name", message: "is taken by another KPI" },
    ]);
  }
}

/** Every KPI by name; `personId`/`teamId` keep those the owner model says are theirs. */
export async function listKpis(
  deps: AppDeps,
  _actor: Actor,
  input: unknown = {},
): Promise<KpiView[]> {
  const filter = parseInput(KpiListInputSchema, input);
  let kpis = await store.listKpis(deps.db);
  if (filter.personId || filter.teamId) {
    const directory = ownerDirectory(await listPeople(deps.db), await listTeams(deps.db));
    kpis = kpis.filter(
      (kpi) =>
        (!filter.personId || directory.ownedByPerson(kpi.owner, filter.personId)) &&
        (!filter.teamId || directory.ownedByTeam(kpi.owner, filter.teamId)),
    );
  }
  return kpis.map(viewOf);
}

/**
 * One KPI, its readings (oldest first) and the key results that follow it: those the actor may
 * see (a key result under a confidential objective is not named to a non-insider).
 */
export async function getKpi(deps: AppDeps, actor: Actor, id: Id): Promise<KpiDetail> {
  const kpi = await store.getKpi(deps.db, parseInput(IdSchema, id));
  const following = await store.listKeyResultsFollowing(deps.db, kpi.id);
  const keyResultIds: Id[] = [];
  for (const krId of following) {
    if (isInsider(actor) || !(await hasConfidentialAbove(deps.db, krId))) keyResultIds.push(krId);
  }
  return { kpi: viewOf(kpi), readings: await store.listKpiReadings(deps.db, kpi.id), keyResultIds };
}

/** A KPI by its id or its exact name (for the CLI: `okr kpi record MTTR 31`). */
export async function findKpiByIdOrName(deps: AppDeps, ref: string): Promise<Kpi> {
  const kpi = (await store.findKpi(deps.db, ref)) ?? (await store.findKpiByName(deps.db, ref));
  if (!kpi) throw new OkrError("not_found", `KPI ${ref} not found (give its id or exact name)`);
  return kpi;
}

export async function createKpi(deps: AppDeps, actor: Actor, input: unknown): Promise<KpiView> {
  const data = parseInput(CreateKpiInputSchema, input);
  assertEditor(actor, "define KPIs");
  return withTransaction(deps.db, async (trx) => {
    await assertNameFree(trx, data.name);
    const at = nowIso(deps);
    const kpi: Kpi = {
      id: deps.newId(),
      name: data.name,
      description: data.description ?? "",
      unit: data.unit ?? "",
      targetLow: data.targetLow ?? null,
      targetHigh: data.targetHigh ?? null,
      owner: await resolveOwner(trx, data.owner),
      // Set by attaching a source (owner-sources.ts); readings by hand until then.
      sourceKind: "manual",
      sourceId: null,
      current: null,
      currentAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await store.insertKpi(trx, kpi);
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "kpi",
      entityId: kpi.id,
      before: null,
      after: kpi,
    });
    return viewOf(kpi);
  });
}

/** Changes a KPI's definition; names the version it started from (`version_conflict`). */
export async function updateKpi(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<KpiView> {
  const kpiId = parseInput(IdSchema, id);
  const { version, owner, ...rest } = parseInput(UpdateKpiInputSchema, input);
  assertEditor(actor, "change KPIs");
  return withTransaction(deps.db, async (trx) => {
    const before = await store.getKpi(trx, kpiId);
    if (rest.name !== undefined) await assertNameFree(trx, rest.name, kpiId);
    const patch: store.KpiPatch = { ...rest };
    if (owner !== undefined) patch.owner = await resolveOwner(trx, owner);
    const band = {
      targetLow: patch.targetLow === undefined ? before.targetLow : patch.targetLow,
      targetHigh: patch.targetHigh === undefined ? before.targetHigh : patch.targetHigh,
    };
    if (band.targetLow !== null && band.targetHigh !== null && band.targetLow > band.targetHigh) {
      throw new OkrError(
        "invalid_input",
        "Invalid input: targetHigh: must not be below targetLow",
        [{ path: "targetHigh", message: "must not be below targetLow" }],
      );
    }
    const after = await store.updateKpi(trx, kpiId, version, patch, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "kpi",
      entityId: kpiId,
      before,
      after,
    });
    return viewOf(after);
  });
}

/** Removes a KPI with its readings; key results that followed it keep their check-ins. */
export async function deleteKpi(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  const kpiId = parseInput(IdSchema, id);
  assertEditor(actor, "remove KPIs");
  await withTransaction(deps.db, async (trx) => {
    const before = await store.getKpi(trx, kpiId);
    await store.deleteKpi(trx, kpiId);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "kpi",
      entityId: kpiId,
      before,
      after: null,
    });
  });
}

export interface KpiReadingResult {
  reading: KpiReading;
  kpi: KpiView;
  /** The key results the reading was checked in on. */
  checkedIn: Id[];
}

/**
 * Records a reading. Editors and the KPI's owners may (a source records as the system, with
 * `source` its kind). Where the reading is the newest, it becomes the KPI's value and a check-in
 * on every key result that follows the KPI and can take one (open period, not archived).
 */
export async function recordKpiReading(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
  source = "manual",
  /** The raw reading a source answered, kept beside the reading. */
  raw: unknown = null,
): Promise<KpiReadingResult> {
  const kpiId = parseInput(IdSchema, id);
  const data = parseInput(KpiReadingInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const kpi = await store.getKpi(trx, kpiId, { lock: true });
    assertCanWriteItem(actor, [kpi.owner], await loadMembership(trx, actor), "record readings");
    const now = nowIso(deps);
    const reading: KpiReading = {
      id: deps.newId(),
      kpiId,
      value: data.value,
      at: data.at ? new Date(data.at).toISOString() : now,
      note: data.note ?? "",
      source,
      authorName: actor.name,
      createdAt: now,
    };
    const isLatest = await store.insertKpiReading(
      trx,
      reading,
      raw === null ? null : JSON.stringify(raw),
    );
    await recordAudit(trx, deps, actor, {
      action: "reading",
      entity: "kpi",
      entityId: kpiId,
      before: null,
      after: reading,
    });
    const after = isLatest ? { ...kpi, current: reading.value, currentAt: reading.at } : kpi;
    const checkedIn = isLatest ? await checkInFollowers(deps, trx, after, reading) : [];
    return { reading, kpi: viewOf(after), checkedIn };
  });
}

/** The actor a KPI's check-ins are authored by: the system, named for the KPI. */
function kpiActor(kpi: Kpi): Actor {
  return { ...SYSTEM_ACTOR, name: `KPI ${kpi.name}` };
}

async function checkInFollowers(
  deps: AppDeps,
  trx: Db,
  kpi: Kpi,
  reading: KpiReading,
): Promise<Id[]> {
  const done: Id[] = [];
  const inTransaction: AppDeps = { ...deps, db: trx };
  for (const keyResultId of await store.listKeyResultsFollowing(trx, kpi.id)) {
    const found = await findKeyResultInContext(trx, keyResultId);
    if (!found || found.keyResult.archived || found.period?.closedAt) continue;
    const note = reading.note ? `${kpi.name}: ${reading.note}` : `${kpi.name} reading`;
    await checkIn(inTransaction, kpiActor(kpi), keyResultId, { value: reading.value, note });
    done.push(keyResultId);
  }
  return done;
}

/**
 * Makes a key result follow a KPI (`kpiId` null: none), as for editing the key result. When the
 * KPI has a value already, it is checked in on the key result at once.
 */
export async function setKeyResultKpi(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
  input: unknown,
): Promise<{ keyResultId: Id; kpiId: Id | null }> {
  const krId = parseInput(IdSchema, keyResultId);
  const { kpiId } = parseInput(KeyResultKpiInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item, ancestors } = await getVisibleItem(trx, actor, krId);
    if (item.type !== "key_result") throw new OkrError("not_found", `Key result ${krId} not found`);
    if (kpiId !== null && item.targetConfidential) {
      // Everyone reads a KPI's readings: they would give the hidden numbers away.
      throw new OkrError(
        "invalid_input",
        "Invalid input: kpiId: a key result with a confidential target cannot follow a KPI (everyone sees a KPI's readings)",
        [{ path: "kpiId", message: "the key result's target is confidential" }],
      );
    }
    const objective = ancestors[0];
    assertCanWriteItem(
      actor,
      [item.owner, objective?.owner ?? null],
      await loadMembership(trx, actor),
      "choose the KPI a key result follows",
    );
    const kpi = kpiId === null ? null : await store.getKpi(trx, kpiId);
    const before = (await store.findKpiIdOfKeyResult(trx, krId)) ?? null;
    await store.setKeyResultKpi(trx, krId, kpiId, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "follow_kpi",
      entity: "key_result",
      entityId: krId,
      before: { kpiId: before, periodId: item.periodId },
      after: { kpiId, periodId: item.periodId },
    });
    if (kpi && kpi.current !== null && kpi.id !== before) {
      const found = await findKeyResultInContext(trx, krId);
      if (found && !found.keyResult.archived && !found.period?.closedAt) {
        await checkIn({ ...deps, db: trx }, kpiActor(kpi), krId, {
          value: kpi.current,
          note: `${kpi.name} reading`,
        });
      }
    }
    return { keyResultId: krId, kpiId };
  });
}

/** The KPI a key result follows, or null. */
export async function findKeyResultKpi(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
): Promise<Kpi | null> {
  const krId = parseInput(IdSchema, keyResultId);
  await getVisibleItem(deps.db, actor, krId);
  const kpiId = await store.findKpiIdOfKeyResult(deps.db, krId);
  return kpiId ? store.getKpi(deps.db, kpiId) : null;
}
