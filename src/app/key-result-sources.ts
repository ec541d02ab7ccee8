/**
 * A key result's source of progress: set, shown, previewed, removed, and refreshed. A refresh
 * reads the source and, when the reading changed, checks in through the one check-in writer
 * (`checkIn`), authored by the source, with the raw reading kept beside the check-in. A failed
 * refresh keeps the last good reading and value and records the error on the source and its
 * connection, where the key result and Settings show it.
 */
import { OkrError } from "../core/errors.js";
import { progressOf } from "../core/progress.js";
import {
  checkInOfReading,
  describeReading,
  type Reading,
  SOURCE_CONNECTION_KIND,
  type SourceConfig,
  type SourceKind,
  sameReading,
} from "../core/sources.js";
import type { Id, IsoDateTime, KeyResult } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import { getKeyResult } from "../store/key-results.repository.js";
import {
  type ConnectionRecord,
  deleteSource,
  findConnection,
  findSource,
  insertSourceReading,
  noteConnectionOutcome,
  noteSourceError,
  noteSourceReading,
  type SourceRecord,
  upsertSource,
} from "../store/sources.repository.js";
import { checkIn } from "./check-ins.js";
import { accessOf, getConnection } from "./connections.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { expectKeyResult, getVisibleItem, loadForWrite } from "./items.js";
import { IdSchema } from "./schemas.js";
import { enqueueSourceRefresh } from "./source-jobs.js";
import { SourceConfigSchema, SourceInputSchema } from "./source-schemas.js";
import { readSource, SourceError } from "./sources/index.js";

/** A key result's source as the API shows it. */
export interface SourceView {
  keyResultId: Id;
  connectionId: Id;
  connectionName: string;
  kind: SourceKind;
  config: SourceConfig;
  lastReading: Reading | null;
  /** The last reading in words ("7 of 12 closed → 58%"), or null before the first. */
  description: string | null;
  lastSuccessAt: IsoDateTime | null;
  lastError: string | null;
  lastErrorAt: IsoDateTime | null;
}

/** What a preview read: the reading, in words, and what it would check in. */
export interface SourcePreview {
  reading: Reading;
  description: string;
  value: number | null;
  progress: number | null;
}

/** The reading's check-in on `kr`, with the progress a value gives through start and target. */
function outcomeOf(kr: KeyResult, reading: Reading) {
  const made = checkInOfReading(kr, reading);
  const progress = made.progress ?? (made.value !== null ? progressOf(kr, made.value) : null);
  return { ...made, progress, description: describeReading(reading, progress) };
}

function viewOf(source: SourceRecord, kr: KeyResult, connection: ConnectionRecord): SourceView {
  return {
    keyResultId: source.keyResultId,
    connectionId: connection.id,
    connectionName: connection.name,
    kind: source.kind,
    config: source.config,
    lastReading: source.lastReading,
    description: source.lastReading ? outcomeOf(kr, source.lastReading).description : null,
    lastSuccessAt: source.lastSuccessAt,
    lastError: source.lastError,
    lastErrorAt: source.lastErrorAt,
  };
}

/** The input checked, and its connection found and of the kind the source reads through. */
async function parseSourceInput(deps: AppDeps, input: unknown) {
  const data = parseInput(SourceInputSchema, input);
  const config = data.config as SourceConfig;
  const connection = await findConnection(deps.db, data.connection);
  if (!connection)
    throw new OkrError(
      "invalid_input",
      `Invalid input: connection: no connection '${data.connection}'`,
      [{ path: "connection", message: `no connection '${data.connection}'` }],
    );
  const needed = SOURCE_CONNECTION_KIND[config.kind];
  if (connection.kind !== needed)
    throw new OkrError(
      "invalid_input",
      `Invalid input: connection: a ${config.kind} source reads through a ${needed} connection; '${connection.name}' is ${connection.kind}`,
      [{ path: "connection", message: `must be a ${needed} connection` }],
    );
  return { config, connection };
}

/** The key result's source, or null when it has none. */
export async function getSource(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
): Promise<SourceView | null> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, keyResultId));
  const kr = expectKeyResult(item);
  const source = await findSource(deps.db, kr.id);
  if (!source) return null;
  return viewOf(source, kr, await getConnection(deps.db, source.connectionId));
}

/** Reads a source without saving anything: what it would check in now. */
export async function previewSource(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
  input: unknown,
): Promise<SourcePreview> {
  const { item } = await loadForWrite(
    deps.db,
    actor,
    parseInput(IdSchema, keyResultId),
    "set the source of",
  );
  const kr = expectKeyResult(item);
  const { config, connection } = await parseSourceInput(deps, input);
  let reading: Reading;
  try {
    reading = await readSource(accessOf(connection), config);
  } catch (error) {
    if (error instanceof SourceError) throw new OkrError("source_failed", error.message);
    throw error;
  }
  const { description, value, progress } = outcomeOf(kr, reading);
  return { reading, description, value, progress };
}

/**
 * Sets (or replaces) the key result's source, as for editing the key result, and asks for its
 * first refresh: the answer never waits for the service.
 */
export async function setSource(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
  input: unknown,
): Promise<SourceView> {
  const id = parseInput(IdSchema, keyResultId);
  const { config, connection } = await parseSourceInput(deps, input);
  return withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, id, "set the source of");
    const kr = expectKeyResult(item);
    const before = await findSource(trx, kr.id);
    const at = nowIso(deps);
    await upsertSource(
      trx,
      { keyResultId: kr.id, connectionId: connection.id, kind: config.kind, config },
      at,
    );
    await recordAudit(trx, deps, actor, {
      action: "source_set",
      entity: "key_result",
      entityId: kr.id,
      before: before ? { connectionId: before.connectionId, config: before.config } : null,
      after: { connectionId: connection.id, config },
    });
    await enqueueSourceRefresh({ ...deps, db: trx }, kr.id);
    const saved = (await findSource(trx, kr.id)) as SourceRecord;
    return viewOf(saved, kr, connection);
  });
}

export async function removeSource(deps: AppDeps, actor: Actor, keyResultId: Id): Promise<void> {
  const id = parseInput(IdSchema, keyResultId);
  await withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, id, "remove the source of");
    const before = await findSource(trx, item.id);
    if (!before) throw new OkrError("not_found", `Key result ${item.id} has no source`);
    await deleteSource(trx, item.id);
    await recordAudit(trx, deps, actor, {
      action: "source_removed",
      entity: "key_result",
      entityId: item.id,
      before: { connectionId: before.connectionId, config: before.config },
      after: null,
    });
  });
}

/** Asks for a refresh now (anyone who may see the key result); answers at once. */
export async function requestSourceRefresh(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
): Promise<{ queued: boolean }> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, keyResultId));
  if (!(await findSource(deps.db, item.id)))
    throw new OkrError("not_found", `Key result ${item.id} has no source`);
  await enqueueSourceRefresh(deps, item.id);
  return { queued: true };
}

/** The source as the author of its check-ins. */
function sourceActor(connection: ConnectionRecord): Actor {
  return {
    kind: "system",
    userId: null,
    name: `source: ${connection.name}`,
    role: "admin",
    insider: true,
    personId: null,
  };
}

/** Why a refresh failed, in words for the key result and Settings. */
function messageOf(error: unknown): string | null {
  if (error instanceof SourceError || error instanceof OkrError) return error.message;
  return null;
}

/**
 * Reads the key result's source and, when the reading changed, checks it in. On failure the
 * error is recorded (the last good reading and value stay); a failure worth retrying soon (rate
 * limit, timeout, server error) is thrown again so the job that runs this is retried with
 * backoff, others (a refused token, a wrong project or path) wait for the next refresh. Does
 * nothing when the source was removed meanwhile.
 */
export async function refreshSource(deps: AppDeps, keyResultId: Id): Promise<void> {
  const source = await findSource(deps.db, keyResultId);
  if (!source) return;
  const connection = await findConnection(deps.db, source.connectionId);
  if (!connection) return;
  try {
    const config = parseInput(SourceConfigSchema, source.config) as SourceConfig;
    const reading = await readSource(accessOf(connection), config);
    const kr = await getKeyResult(deps.db, keyResultId);
    const made = outcomeOf(kr, reading);
    if (made.value === null && made.progress === null)
      throw new SourceError(
        `The source read ${made.description}: there is no progress to check in`,
      );
    await withTransaction(deps.db, async (trx) => {
      const at = nowIso(deps);
      if (!sameReading(source.lastReading, reading)) {
        const done = await checkIn({ ...deps, db: trx }, sourceActor(connection), keyResultId, {
          value: made.value,
          progress: made.progress,
          note: `${connection.name}: ${made.description}`,
        });
        await insertSourceReading(trx, {
          checkInId: done.checkIn.id,
          keyResultId,
          kind: source.kind,
          reading,
          at,
        });
      }
      await noteSourceReading(trx, keyResultId, reading, at);
      await noteConnectionOutcome(trx, connection.id, at, null);
    });
  } catch (error) {
    const message = messageOf(error);
    if (message === null) throw error;
    const at = nowIso(deps);
    await withTransaction(deps.db, async (trx) => {
      await noteSourceError(trx, keyResultId, message, at);
      // The connection's own record: what the service answered, not a closed period here.
      if (error instanceof SourceError)
        await noteConnectionOutcome(trx, connection.id, at, message);
    });
    if (error instanceof SourceError && error.transient) throw error;
  }
}
