/**
 * A bounded mixed load over HTTP with autocannon, 127.0.0.1 only: each connection cycles
 * through reading a period's tree, reading its dashboard, and checking in on a random key
 * result. Several app processes are loaded at once by splitting the connections between them.
 */
import autocannon from "autocannon";
import { createRandom } from "../../src/synthetic/random.js";

export interface LoadTarget {
  /** `http://127.0.0.1:PORT` */
  url: string;
  token: string;
}

export interface LoadPlan {
  periodId: string;
  /** Key results to check in on. */
  keyResultIds: readonly string[];
  seconds: number;
  /** Over all targets. Default 50. */
  connections?: number;
  seed?: number;
  /**
   * Seconds after which an unanswered request counts as an error (a timeout). Default 30, as a
   * person would give up; a correctness check that must not depend on the machine's speed sets
   * it past the run's length, so that only wrong answers and broken connections are errors.
   */
  timeoutSeconds?: number;
}

export interface LoadResult {
  name: string;
  seconds: number;
  connections: number;
  processes: number;
  requests: number;
  /** Requests per second over all processes. */
  throughput: number;
  /** Milliseconds (the worst process's, when several). */
  p50: number;
  p99: number;
  /** Connection errors + timeouts + non-2xx answers. */
  errors: number;
  non2xx: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Check-ins answered 2xx. */
  checkIns: number;
  /** The first few non-2xx answers, to say what went wrong. */
  samples: string[];
}

/** Counts check-ins answered 2xx and keeps the first few failures, over every connection. */
export interface LoadCounters {
  checkIns: number;
  samples: string[];
}

/**
 * What one target's connections send, in order and round again: each request's
 * `setupRequest` may pick its path, body and headers (`random` is seeded per target).
 */
export type LoadProfile = (
  target: LoadTarget,
  random: () => number,
  track: TrackAnswers,
) => autocannon.Request[];

/** Picks a request's path, body and headers just before it is sent. */
export type SetupRequest = (request: autocannon.Request, context: object) => autocannon.Request;

/** Hooks a profile puts on its requests so check-ins and failures are counted. */
export interface TrackAnswers {
  /** `setupRequest` wrapper: marks the request with its method. */
  mark(method: string, setup?: SetupRequest): SetupRequest;
  onResponse: NonNullable<autocannon.Request["onResponse"]>;
}

function trackAnswers(counters: LoadCounters): TrackAnswers {
  return {
    mark: (method, setup) => (request, context) => {
      (context as { method?: string }).method = method;
      return setup ? setup(request, context) : request;
    },
    onResponse: (status, body, context) => {
      const method = (context as { method?: string }).method;
      if (status >= 200 && status < 300 && method === "POST") counters.checkIns += 1;
      if ((status < 200 || status >= 300) && counters.samples.length < 5) {
        counters.samples.push(`${status} ${method ?? ""} ${body.slice(0, 300)}`);
      }
    },
  };
}

/** What a browser's requests say they accept: JSON, and compressed answers. */
export const BROWSER_ACCEPTS = {
  accept: "application/json",
  "accept-encoding": "gzip, deflate, br",
} as const;

/** The first profile: tree read, dashboard read, and a check-in on a random key result, with one token. */
export function mixedProfile(plan: LoadPlan): LoadProfile {
  return (target, random, track) => {
    const headers = {
      authorization: `Bearer ${target.token}`,
      "content-type": "application/json",
      ...BROWSER_ACCEPTS,
    };
    // The check-in first, so even a short run checks in from every connection.
    return [
      {
        method: "POST",
        headers,
        setupRequest: track.mark("POST", (request) => {
          const ids = plan.keyResultIds;
          const id = ids[Math.floor(random() * ids.length)];
          return {
            ...request,
            path: `/api/key-results/${id}/check-ins`,
            // Progress, as anyone may send: a value on a confidential target is for insiders only.
            body: JSON.stringify({
              progress: Math.round(random() * 100) / 100,
              confidence: Math.floor(random() * 11),
              health: "on_track",
              note: "load test",
            }),
          };
        }),
        onResponse: track.onResponse,
      },
      {
        method: "GET",
        path: `/api/periods/${plan.periodId}/tree`,
        headers,
        setupRequest: track.mark("GET"),
        onResponse: track.onResponse,
      },
      {
        method: "GET",
        path: `/api/periods/${plan.periodId}/dashboard`,
        headers,
        setupRequest: track.mark("GET"),
        onResponse: track.onResponse,
      },
    ];
  };
}

/** Runs the mixed load against every target at once and sums what they answered. */
export function runMixedLoad(
  name: string,
  targets: readonly LoadTarget[],
  plan: LoadPlan,
): Promise<LoadResult> {
  return runLoad(name, targets, plan, mixedProfile(plan));
}

/** Runs `profile` against every target at once (connections split between them) and sums what they answered. */
export async function runLoad(
  name: string,
  targets: readonly LoadTarget[],
  plan: LoadPlan,
  profile: LoadProfile,
): Promise<LoadResult> {
  if (targets.length === 0) throw new Error("no target to load");
  if (plan.keyResultIds.length === 0) throw new Error("no key result to check in on");
  const total = plan.connections ?? 50;
  const counters: LoadCounters = { checkIns: 0, samples: [] };
  const track = trackAnswers(counters);
  const results = await Promise.all(
    targets.map((target, i) => {
      const share =
        Math.floor(((i + 1) * total) / targets.length) - Math.floor((i * total) / targets.length);
      return autocannon({
        url: target.url,
        connections: Math.max(1, share),
        duration: plan.seconds,
        timeout: plan.timeoutSeconds ?? 30,
        requests: profile(target, createRandom((plan.seed ?? 1) + i), track),
      });
    }),
  );
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      statusCodes[code] = (statusCodes[code] ?? 0) + (stat.count ?? 0);
    }
  }
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const duration = Math.max(...results.map((r) => r.duration));
  const non2xx = results.reduce((n, r) => n + r.non2xx, 0);
  const connectionErrors = results.reduce((n, r) => n + r.errors, 0);
  const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
  return {
    name,
    seconds: duration,
    connections: total,
    processes: targets.length,
    requests,
    throughput: requests / Math.max(duration, 0.001),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    // autocannon counts timeouts among errors already.
    errors: connectionErrors + non2xx,
    non2xx,
    timeouts,
    statusCodes,
    checkIns: counters.checkIns,
    samples: counters.samples,
  };
}

/** What every load run must reach: throughput, p99 and errors. */
export const LOAD_TARGETS = { throughput: 300, p99: 500, errors: 0 } as const;

/** The targets `result` missed, in words; empty when it met them all. */
export function missedTargets(result: LoadResult): string[] {
  const missed: string[] = [];
  if (result.throughput < LOAD_TARGETS.throughput)
    missed.push(`req/s < ${LOAD_TARGETS.throughput}`);
  if (result.p99 > LOAD_TARGETS.p99) missed.push(`p99 > ${LOAD_TARGETS.p99} ms`);
  if (result.errors > LOAD_TARGETS.errors) missed.push(`errors > ${LOAD_TARGETS.errors}`);
  return missed;
}

/** One line per result: throughput, p50, p99, errors, and whether it met the targets. */
export function formatLoadResults(results: readonly LoadResult[]): string {
  const header = `${"load".padEnd(52)}   req/s    p50 ms   p99 ms   errors   requests  check-ins  targets (≥ ${LOAD_TARGETS.throughput} req/s, p99 ≤ ${LOAD_TARGETS.p99} ms, ${LOAD_TARGETS.errors} errors)`;
  const lines = results.map((r) =>
    [
      `${r.name} (${r.processes} process${r.processes === 1 ? "" : "es"}, ${r.connections} conns, ${Math.round(r.seconds)} s)`.padEnd(
        52,
      ),
      r.throughput.toFixed(0).padStart(7),
      String(r.p50).padStart(9),
      String(r.p99).padStart(8),
      String(r.errors).padStart(8),
      String(r.requests).padStart(10),
      String(r.checkIns).padStart(10),
      ` ${missedTargets(r).length === 0 ? "met" : `MISSED: ${missedTargets(r).join(", ")}`}`,
    ].join(" "),
  );
  const samples = results.flatMap((r) => r.samples.map((s) => `  ${r.name}: ${s}`));
  return [header, ...lines, ...(samples.length ? ["", "first failures:", ...samples] : [])].join(
    "\n",
  );
}
