/**
 * Check-in: POST a check-in over HTTP to the app (authentication, validation, the rules, the
 * key result's new state, audit event, one transaction) vs the same POST to a bare `node:http`
 * server that does one raw INSERT of the check-in row into the same database (on SQLite, into
 * its own copy of the file: `support/raw-insert-server.mjs` says why). Both are child
 * processes reached over keep-alive TCP on 127.0.0.1, run alternately, on one core while the
 * client runs on another (`support/cores.ts`): in production the client is another machine.
 * Target ≤ 2×. The row's note also gives both measured back to back (alternating, each
 * request follows the other server's, which cooled the processor's caches for it), and
 * alternating again with every process left to the scheduler (docs/SCALING-HISTORY.md).
 */
import { pinApart } from "./support/cores.js";
import { callApi } from "./support/http.js";
import { backToBackMedians, interleavedMedians, roundTo } from "./support/measure.js";
import { spawnRawInsertServer } from "./support/raw-insert.js";
import { BENCH_DIALECTS, withServedOrg } from "./support/served.js";
import type { Bench, BenchRow } from "./types.js";

const ORG = {
  people: 500,
  teams: 100,
  quarters: 1,
  objectives: 500,
  keyResults: 1500,
  checkIns: 15_000,
};

const bench: Bench = async (ctx) => {
  const runs = Math.max(50, Math.round(1000 * ctx.scale));
  // Both servers answer this many check-ins first, unmeasured: the row is a running server's
  // steady state, not its first requests while V8 is still compiling (cold start has its own
  // row). Both get there slowly. Medians of each 2,000 check-ins over one socket, one run: the
  // bare server 0.52 ms in its first, 0.33-0.35 ms from its sixth thousand on; ours 1.10 ms in
  // its first, 0.77-0.83 ms from its eighth thousand on, its hot functions optimized only after
  // three to four thousand. A short warm-up measures both half-compiled and flatters the ratio
  // (about 2.0x after 200, against about 2.4x here).
  const warmup = Math.max(20, Math.round(8000 * ctx.scale));
  const rows: BenchRow[] = [];
  for (const dialect of BENCH_DIALECTS) {
    const row = await withServedOrg(ctx, dialect, "checkin", ORG, async (server, org) => {
      const ids = org.keyResultIds;
      const pick = (run: number) => ids[Math.abs(run * 31) % ids.length] as string;
      const raw = await spawnRawInsertServer(org.url);
      const cores = pinApart([server.pid, raw.pid]);
      try {
        const post = async (url: string, token: string | null, run: number) => {
          const answer = await callApi(
            url,
            token,
            "POST",
            `/api/key-results/${pick(run)}/check-ins`,
            {
              value: Math.abs(run % 100),
              confidence: 7,
              note: "bench",
            },
          );
          if (answer.status !== 201)
            throw new Error(`check-in answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        };
        for (let done = 0; done < warmup; done++) {
          if (done % 2000 === 0)
            ctx.progress(`check-in (${dialect}): warming both servers up, ${done} of ${warmup}`);
          await post(server.url, org.token, -1 - done);
          await post(raw.url, null, -1 - done);
        }
        ctx.progress(`check-in (${dialect}): ${runs} each through the app and the bare server`);
        const { ours, baseline } = await interleavedMedians(
          (run) => post(server.url, org.token, run),
          (run) => post(raw.url, null, run),
          runs,
          0,
        );
        ctx.progress(`check-in (${dialect}): ${runs} to each server back to back`);
        const inTurn = await backToBackMedians(
          (run) => post(server.url, org.token, runs + run),
          (run) => post(raw.url, null, runs + run),
          runs,
        );
        cores.release();
        if (cores.pinned) {
          ctx.progress(`check-in (${dialect}): ${runs} each again, left to the scheduler`);
        }
        const unpinned = cores.pinned
          ? await interleavedMedians(
              (run) => post(server.url, org.token, 2 * runs + run),
              (run) => post(raw.url, null, 2 * runs + run),
              runs,
              0,
            )
          : undefined;
        return {
          name: `check-in over HTTP (${dialect})`,
          value: ours,
          baseline,
          baselineName: "bare node:http + one INSERT",
          unit: "ms",
          ratio: ours / baseline,
          target: 2,
          note: `median of ${runs} after ${warmup} unmeasured, one at a time, alternating between the servers; both servers are child processes on 127.0.0.1${dialect === "sqlite" ? "; the bare server writes its own copy of the file" : ""}; ${cores.how}; ${fromNote(server.from)}; ${inOtherOrderNote("back to back instead", inTurn)}${unpinned ? `; ${inOtherOrderNote("alternating with every process left to the scheduler", unpinned)}` : ""}`,
        } satisfies BenchRow;
      } finally {
        cores.release();
        await raw.stop();
      }
    });
    rows.push(row);
  }
  return rows;
};

/**
 * The same servers measured another way: back to back (all of ours, then all of the bare
 * server's), since each request that follows the other server's finds the processor's caches
 * cooled by it; or with the processes placed by the scheduler, the client beside the servers.
 * Not the row's figure, but beside it (docs/SCALING-HISTORY.md).
 */
function inOtherOrderNote(how: string, measured: { ours: number; baseline: number }): string {
  const ratio = measured.ours / measured.baseline;
  return `${how}: ${roundTo(measured.ours)} against ${roundTo(measured.baseline)} ms, ${roundTo(ratio)}x`;
}

/** Which server was measured: a source run is slower, and says so beside its figure. */
function fromNote(from: "built" | "source"): string {
  return from === "built"
    ? "the server from the build"
    : "the server from source through tsx, as the build is older than the source (npm run build first)";
}

export default bench;
