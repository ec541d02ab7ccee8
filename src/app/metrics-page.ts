/** The `/metrics` page: the registry's metrics, with the job queue read at scrape time. */
import type { AppDeps } from "./deps.js";
import { metricsRegistry } from "./metrics.js";

export interface MetricsPage {
  text: string;
  contentType: string;
}

/** Renders every metric in Prometheus's text format. */
export async function renderMetrics(_deps: AppDeps): Promise<MetricsPage> {
  return { text: await metricsRegistry.metrics(), contentType: metricsRegistry.contentType };
}
