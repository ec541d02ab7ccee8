/**
 * okr's own metrics, for the `/metrics` page in Prometheus's text format (prom-client): the
 * requests it answers (by route template and status, never by path, so no id or name shows),
 * how long they take, the check-ins it records, its job queue, its webhook deliveries and its
 * sources' last successful reading. Counts and times only: nothing confidential is a label.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Actor } from "./deps.js";

/** One registry per process: what `/metrics` shows. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "okr_" });

const requests = new Counter({
  name: "okr_http_requests_total",
  help: "HTTP requests answered, by route template, method and status",
  labelNames: ["route", "method", "status"] as const,
  registers: [metricsRegistry],
});

const latency = new Histogram({
  name: "okr_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by route template and method",
  labelNames: ["route", "method"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const checkIns = new Counter({
  name: "okr_check_ins_recorded_total",
  help: "Check-ins recorded by this process, by who recorded them (user, token, system)",
  labelNames: ["by"] as const,
  registers: [metricsRegistry],
});

const deliveries = new Counter({
  name: "okr_webhook_delivery_attempts_total",
  help: "Webhook delivery attempts, by outcome (delivered, failed)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

const sourceLastSuccess = new Gauge({
  name: "okr_source_last_success_timestamp_seconds",
  help: "When each source of progress last read a value successfully (Unix time)",
  labelNames: ["source_id", "kind"] as const,
  registers: [metricsRegistry],
});

/** One series of each request metric, kept: labelling a value costs more than counting it. */
interface RequestSeries {
  counted: { inc(): void };
  timed: { observe(seconds: number): void };
}

/** The series by route, method and status; routes are templates, so they are few. */
const requestSeries = new Map<string, RequestSeries>();

/** Counts one answered request; `route` is the matched template (`/api/people/:id`). */
export function observeRequest(route: string, method: string, status: number, seconds: number) {
  const key = `${method} ${status} ${route}`;
  let series = requestSeries.get(key);
  if (!series) {
    series = {
      counted: requests.labels({ route, method, status: String(status) }),
      timed: latency.labels({ route, method }),
    };
    requestSeries.set(key, series);
  }
  series.counted.inc();
  series.timed.observe(seconds);
}

/** Counts one recorded check-in. */
export function countCheckIn(actor: Pick<Actor, "kind">): void {
  checkIns.inc({ by: actor.kind });
}

/** Counts one webhook delivery attempt. */
export function countDeliveryAttempt(outcome: "delivered" | "failed"): void {
  deliveries.inc({ outcome });
}

/**
 * Notes that a source of progress read a value successfully at `at`: the gauge a company alerts
 * on when a source stops working. `sourceId` is the source's id (never its URL or token).
 */
export function setSourceLastSuccess(sourceId: string, kind: string, at: Date): void {
  sourceLastSuccess.set({ source_id: sourceId, kind }, at.getTime() / 1000);
}

/** Forgets a removed source, so its last success stops being reported. */
export function forgetSource(sourceId: string, kind: string): void {
  sourceLastSuccess.remove({ source_id: sourceId, kind });
}
