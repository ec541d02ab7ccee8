/**
 * PostgreSQL for benches: `OKR_BENCH_POSTGRES_URL` names a running server (a superuser URL),
 * otherwise a throwaway one is started for the run (the test harness's, in a temp folder).
 * Each bench gets its own database on it.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { findPostgresBinDir, startTestPostgres } from "../../test/support/postgres.js";
import { findFreePort } from "./server.js";

const run = promisify(execFile);

export interface BenchPostgres {
  /** Makes a new empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL server for a bench run. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const external = process.env.OKR_BENCH_POSTGRES_URL;
  const server = external ? undefined : await startTestPostgres();
  const adminUrl = external ?? (server as { url: string }).url;
  const created: string[] = [];
  return {
    async createDatabase(name: string) {
      const database = `okr_bench_${name.replace(/[^a-z0-9_]/gi, "_")}_${process.pid}_${counter++}`;
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
      created.push(database);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.toString();
    },
    async stop() {
      if (server) {
        await server.stop();
        return;
      }
      for (const database of created) {
        await withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
        ).catch(() => {});
      }
    },
  };
}

export interface ControllablePostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it for good and removes its data. */
  destroy(): Promise<void>;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

async function runAsPostgres(command: string, args: string[]): Promise<void> {
  if (isRoot()) await run("runuser", ["-u", "postgres", "--", command, ...args]);
  else await run(command, args);
}

/**
 * A PostgreSQL server of one's own that can be stopped and started again on the same port,
 * for fault tests (the shared test server must never go down under other suites).
 */
export async function startControllablePostgres(): Promise<ControllablePostgres> {
  const bin = findPostgresBinDir();
  const root = await mkdtemp(join(tmpdir(), "okr-pg-fault-"));
  const data = join(root, "data");
  const log = join(root, "server.log");
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    await chown(root, uid, gid);
  }
  await runAsPostgres(join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const port = await findFreePort();
  const settings = [
    `-p ${port}`,
    "-h 127.0.0.1",
    `-k ${root}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=100",
    "-c shared_buffers=16MB",
  ].join(" ");
  const pgCtl = join(bin, "pg_ctl");
  const start = () =>
    runAsPostgres(pgCtl, ["-D", data, "-l", log, "-w", "-t", "60", "-o", settings, "start"]);
  const stop = () => runAsPostgres(pgCtl, ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  try {
    await start();
  } catch (error) {
    const text = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    await rm(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${text}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await runAsPostgres(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
