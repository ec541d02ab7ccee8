/**
 * Sources refresh through the durable job queue: one `source.refresh` job per refresh asked
 * for (on save, on demand, by a webhook, by the schedule), run one at a time per source owner
 * (key result or KPI) in the order asked; a failed read is retried with backoff while its
 * error shows on the owner. The schedule enqueues every source's refresh once per slot.
 * Webhooks in ask through `enqueueMergedRefresh`: a burst of events makes one refresh per
 * source, not one per event.
 */
import type { Db } from "../store/db.js";
import { findLatestStartedJob, findWaitingJob } from "../store/jobs.repository.js";
import { listSources, type SourceOwner } from "../store/sources.repository.js";
import type { AppDeps } from "./deps.js";
import { enqueueJob, type JobKind, type Schedule } from "./jobs.js";
import { refreshSourceOf } from "./source-model.js";

export const SOURCE_REFRESH = "source.refresh";
export const SOURCES_SCHEDULED = "sources.refresh-all";

/** How often every source is read, unless `OKR_SOURCES_CRON` says otherwise. */
export const SOURCES_CRON = process.env.OKR_SOURCES_CRON?.trim() || "*/15 * * * *";

/**
 * How long a refresh asked for by a webhook waits for the rest of a burst: every event for the
 * source until it starts joins it.
 */
export const HOOK_MERGE_MS = 250;

/** A key result's jobs keep the ordering key they always had; a KPI's are apart from them. */
function orderingKeyOf(owner: SourceOwner): string {
  return owner.kind === "kpi" ? `source:kpi:${owner.id}` : `source:${owner.id}`;
}

function payloadOf(owner: SourceOwner) {
  return owner.kind === "kpi" ? { kpiId: owner.id } : { keyResultId: owner.id };
}

/** Asks for a refresh of the owner's source; with `deps.db` a transaction, with its write. */
export async function enqueueSourceRefresh(deps: AppDeps, owner: SourceOwner, key?: string) {
  return enqueueJob(
    deps,
    {
      kind: SOURCE_REFRESH,
      payload: payloadOf(owner),
      orderingKey: orderingKeyOf(owner),
      ...(key ? { key } : {}),
    },
    deps.db as Db,
  );
}

/**
 * Asks for a refresh on behalf of a webhook, merged with any refresh of the same source that
 * has not started yet (it reads the service after this event anyway). Otherwise a new one runs
 * `HOOK_MERGE_MS` later, so the rest of a burst joins it; it is keyed by the source's latest
 * started job, so events arriving together in concurrent requests insert it once, and an event
 * after it started asks for the next one. Answers whether a new refresh was queued.
 */
export async function enqueueMergedRefresh(deps: AppDeps, owner: SourceOwner): Promise<boolean> {
  const db = deps.db as Db;
  const orderingKey = orderingKeyOf(owner);
  if (await findWaitingJob(db, SOURCE_REFRESH, orderingKey)) return false;
  // Keyed by the last refresh that started, never by one that is only queued: a request that
  // missed the queued one (another request's insert not yet visible) computes the same key.
  const latest = await findLatestStartedJob(db, SOURCE_REFRESH, orderingKey);
  const now = deps.now().getTime();
  const { created } = await enqueueJob(
    deps,
    {
      kind: SOURCE_REFRESH,
      key: `hook:${orderingKey}@after:${latest?.id ?? "none"}`,
      payload: payloadOf(owner),
      orderingKey,
      runAt: new Date(now + HOOK_MERGE_MS),
    },
    db,
  );
  return created;
}

function ownerOf(payload: unknown): SourceOwner {
  const { keyResultId, kpiId } = (payload ?? {}) as { keyResultId?: unknown; kpiId?: unknown };
  if (typeof kpiId === "string") return { kind: "kpi", id: kpiId };
  if (typeof keyResultId === "string") return { kind: "key_result", id: keyResultId };
  throw new Error("source.refresh job without a keyResultId or kpiId");
}

export const SOURCE_JOB_KINDS: JobKind[] = [
  {
    kind: SOURCE_REFRESH,
    run: (deps, job) => refreshSourceOf(deps, ownerOf(job.payload)),
    // Short: later refreshes of the same source wait behind a failing one.
    maxAttempts: 4,
    backoff: { baseMs: 10_000, maxMs: 60_000 },
    timeoutMs: 60_000,
  },
  {
    kind: SOURCES_SCHEDULED,
    async run(deps, job) {
      for (const source of await listSources(deps.db)) {
        await enqueueSourceRefresh(
          deps,
          source.owner,
          `${source.owner.kind === "kpi" ? "kpi:" : ""}${source.owner.id}@${job.key ?? job.id}`,
        );
      }
    },
  },
];

export const SOURCE_SCHEDULES: Schedule[] = [
  { name: "sources", cron: SOURCES_CRON, kind: SOURCES_SCHEDULED },
];
