/**
 * The use cases of a source, whoever owns it (a key result or a KPI): shown, previewed, set,
 * removed and refreshed on demand. Setting asks for the first refresh in the same
 * transaction; no answer ever waits for the service, except the preview, which is its point.
 */
import { OkrError } from "../core/errors.js";
import type { Id } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import { setKpiSource } from "../store/kpis.repository.js";
import {
  deleteSource,
  findSource,
  type SourceOwner,
  type SourceRecord,
  upsertSource,
} from "../store/sources.repository.js";
import { getConnection } from "./connections.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { enqueueSourceRefresh } from "./source-jobs.js";
import {
  assertMayPointSource,
  assertMaySourceValues,
  parseSourceInput,
  previewReading,
  type SourcePreview,
  type SourceView,
  seeOwner,
  sourceViewOf,
  writeOwner,
} from "./source-model.js";

const NAMES = { key_result: "Key result", kpi: "KPI" } as const;

function noSource(owner: SourceOwner): OkrError {
  return new OkrError("not_found", `${NAMES[owner.kind]} ${owner.id} has no source`);
}

/** The owner's source, or null when it has none. */
export async function getSourceOf(
  deps: AppDeps,
  actor: Actor,
  asked: SourceOwner,
): Promise<SourceView | null> {
  const { owner, target } = await seeOwner(deps.db, actor, asked);
  const source = await findSource(deps.db, owner);
  if (!source) return null;
  return sourceViewOf(source, target, await getConnection(deps.db, source.connectionId), actor);
}

/** Reads a source without saving anything: what it would record on the owner now. */
export async function previewSourceOf(
  deps: AppDeps,
  actor: Actor,
  asked: SourceOwner,
  input: unknown,
): Promise<SourcePreview> {
  assertMayPointSource(actor);
  const { target } = await writeOwner(deps.db, actor, asked, "set the source of");
  return previewReading(deps, actor, target, input);
}

/** Sets (or replaces) the owner's source and asks for its first refresh. */
export async function setSourceOf(
  deps: AppDeps,
  actor: Actor,
  asked: SourceOwner,
  input: unknown,
): Promise<SourceView> {
  assertMayPointSource(actor);
  const { config, connection } = await parseSourceInput(deps, input);
  return withTransaction(deps.db, async (trx) => {
    const { owner, target } = await writeOwner(trx, actor, asked, "set the source of");
    assertMaySourceValues(actor, target, config.kind);
    const before = await findSource(trx, owner);
    const at = nowIso(deps);
    const id = before?.id ?? deps.newId();
    await upsertSource(
      trx,
      { id, owner, connectionId: connection.id, kind: config.kind, config },
      at,
    );
    if (owner.kind === "kpi") await setKpiSource(trx, owner.id, config.kind, id, at);
    await recordAudit(trx, deps, actor, {
      action: "source_set",
      entity: owner.kind,
      entityId: owner.id,
      before: before ? { connectionId: before.connectionId, config: before.config } : null,
      after: { connectionId: connection.id, config },
    });
    await enqueueSourceRefresh({ ...deps, db: trx }, owner);
    const saved = (await findSource(trx, owner)) as SourceRecord;
    return sourceViewOf(saved, target, connection, actor);
  });
}

/** Removes the owner's source; what it recorded stays in the history. */
export async function removeSourceOf(
  deps: AppDeps,
  actor: Actor,
  asked: SourceOwner,
): Promise<void> {
  await withTransaction(deps.db, async (trx) => {
    const { owner } = await writeOwner(trx, actor, asked, "remove the source of");
    const before = await findSource(trx, owner);
    if (!before) throw noSource(owner);
    await deleteSource(trx, owner);
    if (owner.kind === "kpi") await setKpiSource(trx, owner.id, "manual", null, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "source_removed",
      entity: owner.kind,
      entityId: owner.id,
      before: { connectionId: before.connectionId, config: before.config },
      after: null,
    });
  });
}

/** Asks for a refresh now (anyone who may see the owner); answers at once. */
export async function requestRefreshOf(
  deps: AppDeps,
  actor: Actor,
  asked: SourceOwner,
): Promise<{ queued: boolean }> {
  const { owner } = await seeOwner(deps.db, actor, asked);
  if (!(await findSource(deps.db, owner))) throw noSource(owner);
  await enqueueSourceRefresh(deps, owner);
  return { queued: true };
}

/** Shorthands for an owner. */
export const keyResultOwner = (id: Id): SourceOwner => ({ kind: "key_result", id });
export const kpiOwner = (id: Id): SourceOwner => ({ kind: "kpi", id });
