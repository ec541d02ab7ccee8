/**
 * Sources refresh through the durable job queue: one `source.refresh` job per refresh asked
 * for (on save, on demand, by a webhook, by the schedule), run one at a time per key result in
 * the order asked; a failed read is retried with backoff while its error shows on the key
 * result. The schedule enqueues every source's refresh once per slot.
 */
import type { Db } from "../store/db.js";
import { listSources } from "../store/sources.repository.js";
import type { AppDeps } from "./deps.js";
import { enqueueJob, type JobKind, type Schedule } from "./jobs.js";
import { refreshSource } from "./key-result-sources.js";

export const SOURCE_REFRESH = "source.refresh";
export const SOURCES_SCHEDULED = "sources.refresh-all";

/** How often every source is read, unless `OKR_SOURCES_CRON` says otherwise. */
export const SOURCES_CRON = process.env.OKR_SOURCES_CRON?.trim() || "*/15 * * * *";

/** Asks for a refresh of the key result's source; with `deps.db` a transaction, with its write. */
export async function enqueueSourceRefresh(deps: AppDeps, keyResultId: string, key?: string) {
  return enqueueJob(
    deps,
    {
      kind: SOURCE_REFRESH,
      payload: { keyResultId },
      orderingKey: `source:${keyResultId}`,
      ...(key ? { key } : {}),
    },
    deps.db as Db,
  );
}

function keyResultIdOf(payload: unknown): string {
  const id = (payload as { keyResultId?: unknown } | null)?.keyResultId;
  if (typeof id !== "string") throw new Error("source.refresh job without a keyResultId");
  return id;
}

export const SOURCE_JOB_KINDS: JobKind[] = [
  {
    kind: SOURCE_REFRESH,
    run: (deps, job) => refreshSource(deps, keyResultIdOf(job.payload)),
    // Short: later refreshes of the same key result wait behind a failing one.
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
          source.keyResultId,
          `${source.keyResultId}@${job.key ?? job.id}`,
        );
      }
    },
  },
];

export const SOURCE_SCHEDULES: Schedule[] = [
  { name: "sources", cron: SOURCES_CRON, kind: SOURCES_SCHEDULED },
];
