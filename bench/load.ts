/**
 * `npm run bench -- --load`: against one app process on SQLite and two app processes on one
 * PostgreSQL, 50 connections for 30 s each of two profiles over a 1,000-item quarter:
 * - mixed: tree reads, dashboard reads and check-ins with one API token;
 * - Monday morning: 1,000 people signed in with their own session cookies, 80% reads (tree,
 *   dashboard, My OKRs, a key result's history) and 20% check-ins.
 * Prints each run's throughput, p50, p99 and errors against the targets (≥ 300 req/s,
 * p99 ≤ 500 ms, 0 errors), met or missed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatLoadResults, type LoadResult, runLoad, runMixedLoad } from "./support/load.js";
import {
  createPeopleAccounts,
  keyResultsSeenByAll,
  mondayProfile,
  signInAll,
} from "./support/monday.js";
import { startBenchPostgres } from "./support/postgres.js";
import { type PreparedOrg, prepareOrg } from "./support/scenario.js";
import { type ServerProcess, spawnServer } from "./support/server.js";
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

/** Accounts signed in for the Monday-morning profile. */
export const MONDAY_PEOPLE = 1000;

interface Served {
  label: string;
  org: PreparedOrg;
  servers: ServerProcess[];
}

/** Both profiles against the organisation `served`: the mixed one, then Monday morning. */
async function runProfiles(
  ctx: BenchContext,
  served: Served,
  options: LoadBenchOptions,
): Promise<LoadResult[]> {
  const { label, org, servers } = served;
  const plan = {
    periodId: org.periodId,
    keyResultIds: org.keyResultIds,
    seconds: options.seconds,
    connections: options.connections,
  };
  const where = `${servers.length} process${servers.length === 1 ? "" : "es"}`;
  const results: LoadResult[] = [];
  if (!options.profiles || options.profiles.includes("mixed")) {
    ctx.progress(`load: ${label}, ${where}, mixed, ${options.seconds} s`);
    results.push(
      await runMixedLoad(
        label,
        servers.map((s) => ({ url: s.url, token: org.token })),
        plan,
      ),
    );
  }
  if (options.profiles && !options.profiles.includes("monday")) return results;
  ctx.progress(`load: ${label}: ${MONDAY_PEOPLE} people sign in`);
  const users = await signInAll(
    servers.map((s) => s.url),
    await createPeopleAccounts(org.url, MONDAY_PEOPLE),
  );
  const visible = await keyResultsSeenByAll(org.url, org.periodId);
  ctx.progress(`load: ${label}, ${where}, Monday morning, ${options.seconds} s`);
  results.push(
    await runLoad(
      `${label} Monday morning`,
      servers.map((s) => ({ url: s.url, token: org.token })),
      { ...plan, keyResultIds: visible.map((k) => k.id) },
      mondayProfile(plan, users, visible),
    ),
  );
  return results;
}

export interface LoadBenchOptions {
  seconds: number;
  connections?: number;
  /** The databases to load (default both). */
  databases?: readonly ("sqlite" | "postgres")[];
  /** The profiles to run (default both). */
  profiles?: readonly ("mixed" | "monday")[];
  /** Options for node running the servers, e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile them. */
  serverNodeArgs?: readonly string[];
}

export async function runLoadBench(
  ctx: BenchContext,
  options: LoadBenchOptions,
): Promise<LoadBenchReport> {
  const runs: LoadResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), "okr-bench-load-"));
  try {
    const nodeArgs = options.serverNodeArgs;
    const wanted = (database: "sqlite" | "postgres") =>
      !options.databases || options.databases.includes(database);
    if (wanted("sqlite")) {
      ctx.progress("load: preparing SQLite");
      const sqlite = await prepareOrg(`sqlite:${join(dir, "load.db")}`, LOAD_ORG, ctx.progress);
      const server = await spawnServer({ databaseUrl: sqlite.url, nodeArgs });
      try {
        runs.push(
          ...(await runProfiles(ctx, { label: "sqlite", org: sqlite, servers: [server] }, options)),
        );
      } finally {
        await server.stop();
      }
    }
    if (!wanted("postgres")) return { runs, text: formatLoadResults(runs) };

    ctx.progress("load: preparing PostgreSQL");
    const postgres = await startBenchPostgres();
    try {
      const org = await prepareOrg(await postgres.createDatabase("load"), LOAD_ORG, ctx.progress);
      const servers = await Promise.all([
        spawnServer({ databaseUrl: org.url, nodeArgs }),
        spawnServer({ databaseUrl: org.url, nodeArgs }),
      ]);
      try {
        runs.push(...(await runProfiles(ctx, { label: "postgres", org, servers }, options)));
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    } finally {
      await postgres.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, text: formatLoadResults(runs) };
}
