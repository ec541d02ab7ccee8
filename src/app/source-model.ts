/**
 * One source model for key results and KPIs: a source belongs to a key result or to a KPI
 * (`SourceOwner`), reads through a connection, keeps its last good reading and its last
 * error, and is refreshed through the job queue. What differs between the two owners is only
 * who may see and change it, and what a reading becomes: on a key result a check-in through
 * the one check-in writer (`checkIn`), on a KPI a reading through `recordKpiReading`, which
 * moves the key results that follow the KPI. The raw reading is kept beside either.
 */
import { OkrError } from "../core/errors.js";
import type { Kpi } from "../core/kpis.js";
import { progressOf } from "../core/progress.js";
import {
  checkInOfReading,
  describeReading,
  formatShare,
  type Reading,
  SOURCE_CONNECTION_KIND,
  type SourceConfig,
  type SourceKind,
  sameReading,
} from "../core/sources.js";
import type { Id, IsoDateTime, KeyResult } from "../core/types.js";
import { type Db, withTransaction } from "../store/db.js";
import { getKeyResult } from "../store/key-results.repository.js";
import { findKpi, getKpi } from "../store/kpis.repository.js";
import {
  type ConnectionRecord,
  findConnection,
  findSource,
  insertSourceReading,
  noteConnectionOutcome,
  noteSourceError,
  noteSourceReading,
  type SourceOwner,
  type SourceRecord,
} from "../store/sources.repository.js";
import { checkIn } from "./check-ins.js";
import { accessOf } from "./connections.js";
import { nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { expectKeyResult, getVisibleItem, loadForWrite } from "./items.js";
import { recordKpiReading } from "./kpis.js";
import { setSourceLastSuccess } from "./metrics.js";
import { assertEditor, assertMayChangeConfidential, isInsider } from "./permissions.js";
import { IdSchema } from "./schemas.js";
import { SourceConfigSchema, SourceInputSchema } from "./source-schemas.js";
import { readSource, SourceError } from "./sources/index.js";

export type { SourceOwner };

/** A source as the API shows it, on a key result or on a KPI. */
export interface SourceView {
  keyResultId: Id | null;
  kpiId: Id | null;
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

/** What a preview read: the reading, in words, and what it would record. */
export interface SourcePreview {
  reading: Reading;
  description: string;
  value: number | null;
  progress: number | null;
}

/** What a reading becomes on the source's owner. */
export interface ReadingOutcome {
  value: number | null;
  progress: number | null;
  description: string;
}

/** The owner, loaded: what a reading means for it, and how a new one is recorded. */
export interface SourceTarget {
  /** A key result whose target is confidential: a value it reads is one of its hidden numbers. */
  hidesValues: boolean;
  outcome(reading: Reading): ReadingOutcome;
  /** Records a new reading in `deps.db` (the refresh's transaction), authored by `actor`. */
  record(
    deps: AppDeps,
    actor: Actor,
    source: SourceRecord,
    reading: Reading,
    note: string,
  ): Promise<void>;
}

/** Source kinds that read a value (not a share of things done). */
const VALUE_SOURCE_KINDS: ReadonlySet<SourceKind> = new Set([
  "prometheus",
  "http_json",
  "github_project_field",
]);

/**
 * A reading in words; on a key result whose target is confidential a value is not spelled
 * (the words become the note of its check-in, which everyone who sees the key result reads).
 */
function wordsOf(reading: Reading, progress: number | null, hidesValues: boolean): string {
  if (!hidesValues || reading.type !== "value") return describeReading(reading, progress);
  return progress === null
    ? "a confidential value"
    : `a confidential value → ${formatShare(progress)}`;
}

/** A reading on a key result: its check-in, with the progress a value gives. */
function keyResultTarget(kr: KeyResult): SourceTarget {
  const hidesValues = kr.targetConfidential;
  const outcome = (reading: Reading): ReadingOutcome => {
    const made = checkInOfReading(kr, reading);
    const progress = made.progress ?? (made.value !== null ? progressOf(kr, made.value) : null);
    return { ...made, progress, description: wordsOf(reading, progress, hidesValues) };
  };
  return {
    hidesValues,
    outcome,
    async record(deps, actor, source, reading, note) {
      const made = outcome(reading);
      const done = await checkIn(deps, actor, kr.id, {
        value: made.value,
        progress: made.progress,
        note,
      });
      await insertSourceReading(deps.db, {
        checkInId: done.checkIn.id,
        keyResultId: kr.id,
        kind: source.kind,
        reading,
        at: nowIso(deps),
      });
    },
  };
}

/** A reading on a KPI: a value as it is, a share in percent (7 of 12 closed → 58.33). */
function kpiTarget(kpi: Kpi): SourceTarget {
  const outcome = (reading: Reading): ReadingOutcome => {
    if (reading.type === "value")
      return { value: reading.value, progress: null, description: describeReading(reading, null) };
    const share = reading.total === 0 ? null : reading.done / reading.total;
    return {
      value: share === null ? null : Math.round(share * 10_000) / 100,
      progress: share,
      description: describeReading(reading, share),
    };
  };
  return {
    hidesValues: false,
    outcome,
    async record(deps, actor, source, reading, note) {
      const made = outcome(reading);
      await recordKpiReading(
        deps,
        actor,
        kpi.id,
        { value: made.value, note },
        source.kind,
        reading,
      );
    },
  };
}

/** The owner as the refresh sees it (no actor), or null when it is gone. */
async function targetOf(db: Db, owner: SourceOwner): Promise<SourceTarget | null> {
  if (owner.kind === "kpi") {
    const kpi = await findKpi(db, owner.id);
    return kpi ? kpiTarget(kpi) : null;
  }
  return keyResultTarget(await getKeyResult(db, owner.id));
}

/** The owner, if the actor may see it: a visible key result, or any KPI (everyone reads them). */
export async function seeOwner(
  db: Db,
  actor: Actor,
  owner: SourceOwner,
): Promise<{ owner: SourceOwner; target: SourceTarget }> {
  const id = parseInput(IdSchema, owner.id);
  if (owner.kind === "kpi") {
    const kpi = await getKpi(db, id);
    return { owner: { kind: "kpi", id: kpi.id }, target: kpiTarget(kpi) };
  }
  const { item } = await getVisibleItem(db, actor, id);
  const kr = expectKeyResult(item);
  return { owner: { kind: "key_result", id: kr.id }, target: keyResultTarget(kr) };
}

/** The owner, if the actor may change its source: as for editing the key result; KPIs: editors. */
export async function writeOwner(
  db: Db,
  actor: Actor,
  owner: SourceOwner,
  what: string,
): Promise<{ owner: SourceOwner; target: SourceTarget }> {
  const id = parseInput(IdSchema, owner.id);
  if (owner.kind === "kpi") {
    assertEditor(actor, `${what} KPIs`);
    const kpi = await getKpi(db, id);
    return { owner: { kind: "kpi", id: kpi.id }, target: kpiTarget(kpi) };
  }
  const { item } = await loadForWrite(db, actor, id, what);
  const kr = expectKeyResult(item);
  return { owner: { kind: "key_result", id: kr.id }, target: keyResultTarget(kr) };
}

/**
 * Only editors point a key result at a source, or try one: a source reads through a
 * connection an admin made, whose token reaches far more than the key result (any number or
 * count under its address). A key result's owner who is a viewer may refresh or remove it.
 */
export function assertMayPointSource(actor: Actor): void {
  assertEditor(
    actor,
    "set or try a key result's source of progress: it reads through a connection's token, which reaches far more than this key result (ask an editor)",
  );
}

/**
 * Only insiders give a key result whose target is confidential a source that reads a value:
 * its readings are check-ins of a value (decisions/0005), and a value beside the progress it
 * gives spells out the hidden start and target.
 */
export function assertMaySourceValues(actor: Actor, target: SourceTarget, kind: SourceKind): void {
  assertMayChangeConfidential(
    actor,
    { hiddenNumbers: target.hidesValues && VALUE_SOURCE_KINDS.has(kind) },
    `A ${kind} source reads a value. `,
  );
}

/** A source as `actor` may see it: a non-insider is not shown a hidden target's last value. */
export function sourceViewOf(
  source: SourceRecord,
  target: SourceTarget,
  connection: ConnectionRecord,
  actor: Actor,
): SourceView {
  const hidden = target.hidesValues && source.lastReading?.type === "value" && !isInsider(actor);
  return {
    keyResultId: source.keyResultId,
    kpiId: source.kpiId,
    connectionId: connection.id,
    connectionName: connection.name,
    kind: source.kind,
    config: source.config,
    lastReading: hidden ? null : source.lastReading,
    description: source.lastReading ? target.outcome(source.lastReading).description : null,
    lastSuccessAt: source.lastSuccessAt,
    lastError: source.lastError,
    lastErrorAt: source.lastErrorAt,
  };
}

/** The input checked, and its connection found and of the kind the source reads through. */
export async function parseSourceInput(deps: AppDeps, input: unknown) {
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

/** Reads a source without saving anything: what it would record now on `target`. */
export async function previewReading(
  deps: AppDeps,
  actor: Actor,
  target: SourceTarget,
  input: unknown,
): Promise<SourcePreview> {
  const { config, connection } = await parseSourceInput(deps, input);
  assertMaySourceValues(actor, target, config.kind);
  let reading: Reading;
  try {
    reading = await readSource(accessOf(connection), config);
  } catch (error) {
    if (error instanceof SourceError) throw new OkrError("upstream_failed", error.message);
    throw error;
  }
  const { description, value, progress } = target.outcome(reading);
  return { reading, description, value, progress };
}

/** The source as the author of what it records. */
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

/** Why a refresh failed, in words for the owner's page and Settings. */
function messageOf(error: unknown): string | null {
  if (error instanceof SourceError || error instanceof OkrError) return error.message;
  return null;
}

/**
 * Reads the owner's source and, when the reading changed, records it. On failure the error is
 * recorded (the last good reading and value stay); a failure worth retrying soon (rate limit,
 * timeout, server error) is thrown again so the job that runs this is retried with backoff,
 * others (a refused token, a wrong project or path) wait for the next refresh. Does nothing
 * when the source (or its owner) was removed meanwhile.
 */
export async function refreshSourceOf(deps: AppDeps, owner: SourceOwner): Promise<void> {
  const source = await findSource(deps.db, owner);
  if (!source) return;
  const connection = await findConnection(deps.db, source.connectionId);
  if (!connection) return;
  try {
    const config = parseInput(SourceConfigSchema, source.config) as SourceConfig;
    const reading = await readSource(accessOf(connection), config);
    const target = await targetOf(deps.db, owner);
    if (!target) return;
    const made = target.outcome(reading);
    if (made.value === null && made.progress === null)
      throw new SourceError(`The source read ${made.description}: there is no progress to record`);
    await withTransaction(deps.db, async (trx) => {
      const at = nowIso(deps);
      if (!sameReading(source.lastReading, reading))
        await target.record(
          { ...deps, db: trx },
          sourceActor(connection),
          source,
          reading,
          `${connection.name}: ${made.description}`,
        );
      await noteSourceReading(trx, owner, reading, at);
      await noteConnectionOutcome(trx, connection.id, at, null);
    });
    // What /metrics shows as the source's last success.
    setSourceLastSuccess(owner.id, source.kind, deps.now());
  } catch (error) {
    const message = messageOf(error);
    if (message === null) throw error;
    const at = nowIso(deps);
    await withTransaction(deps.db, async (trx) => {
      await noteSourceError(trx, owner, message, at);
      // The connection's own record: what the service answered, not a closed period here.
      if (error instanceof SourceError)
        await noteConnectionOutcome(trx, connection.id, at, message);
    });
    if (error instanceof SourceError && error.transient) throw error;
  }
}
