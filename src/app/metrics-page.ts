/** The `/metrics` page: the registry's metrics, with the job queue read at scrape time. */
import { Gauge } from "prom-client";
import type { AppDeps } from "./deps.js";
import { jobStatus } from "./jobs.js";
import { metricsRegistry } from "./metrics.js";

export interface MetricsPage {
  text: string;
  contentType: string;
}

const jobsWaiting = new Gauge({
  name: "okr_jobs",
  help: "Jobs in the durable queue, by kind and state (pending, running, failed)",
  labelNames: ["kind", "state"] as const,
  registers: [metricsRegistry],
});

const jobsLastSuccess = new Gauge({
  name: "okr_jobs_last_success_timestamp_seconds",
  help: "When a job of each kind last finished successfully (Unix time)",
  labelNames: ["kind"] as const,
  registers: [metricsRegistry],
});

/** Renders every metric in Prometheus's text format; the queue's depth is read now. */
export async function renderMetrics(deps: AppDeps): Promise<MetricsPage> {
  jobsWaiting.reset();
  for (const status of await jobStatus(deps)) {
    jobsWaiting.set({ kind: status.kind, state: "pending" }, status.pending);
    jobsWaiting.set({ kind: status.kind, state: "running" }, status.running);
    jobsWaiting.set({ kind: status.kind, state: "failed" }, status.failed);
    if (status.lastSuccessAt) {
      jobsLastSuccess.set({ kind: status.kind }, new Date(status.lastSuccessAt).getTime() / 1000);
    }
  }
  return { text: await metricsRegistry.metrics(), contentType: metricsRegistry.contentType };
}
