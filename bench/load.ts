/**
 * `npm run bench -- --load`: 30 s of mixed load (tree and dashboard reads, check-ins) with 50
 * connections, against one app process on SQLite and two app processes on one PostgreSQL.
 * Prints throughput, p50, p99 and errors; errors should be 0.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatLoadResults, type LoadResult, runMixedLoad } from "./support/load.js";
import { startBenchPostgres } from "./support/postgres.js";
import { prepareOrg } from "./support/scenario.js";
import { spawnServer } from "./support/server.js";
import type { BenchContext } from "./types.js";

/** The organisation the load runs over: one open quarter of about 1,000 objectives and KRs. */
export const LOAD_ORG = {
  people: 800,
  teams: 150,
  quarters: 2,
  objectives: 500,
  keyResults: 1500,
  checkIns: 15_000,
};

export interface LoadBenchReport {
  runs: LoadResult[];
  text: string;
}

export async function runLoadBench(
  ctx: BenchContext,
  options: { seconds: number; connections?: number },
): Promise<LoadBenchReport> {
  const runs: LoadResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), "okr-bench-load-"));
  try {
    ctx.progress("load: preparing SQLite");
    const sqlite = await prepareOrg(`sqlite:${join(dir, "load.db")}`, LOAD_ORG, ctx.progress);
    const server = await spawnServer({ databaseUrl: sqlite.url });
    try {
      ctx.progress(`load: SQLite, 1 process, ${options.seconds} s`);
      runs.push(
        await runMixedLoad("sqlite", [{ url: server.url, token: sqlite.token }], {
          periodId: sqlite.periodId,
          keyResultIds: sqlite.keyResultIds,
          seconds: options.seconds,
          connections: options.connections,
        }),
      );
    } finally {
      await server.stop();
    }

    ctx.progress("load: preparing PostgreSQL");
    const postgres = await startBenchPostgres();
    try {
      const org = await prepareOrg(await postgres.createDatabase("load"), LOAD_ORG, ctx.progress);
      const a = await spawnServer({ databaseUrl: org.url });
      const b = await spawnServer({ databaseUrl: org.url });
      try {
        ctx.progress(`load: PostgreSQL, 2 processes, ${options.seconds} s`);
        runs.push(
          await runMixedLoad(
            "postgres",
            [
              { url: a.url, token: org.token },
              { url: b.url, token: org.token },
            ],
            {
              periodId: org.periodId,
              keyResultIds: org.keyResultIds,
              seconds: options.seconds,
              connections: options.connections,
            },
          ),
        );
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    } finally {
      await postgres.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, text: formatLoadResults(runs) };
}
