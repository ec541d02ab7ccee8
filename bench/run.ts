/**
 * `npm run bench`: runs every bench module, prints a table of ratios against baselines
 * measured in the same run, and writes the same results to `bench/results/latest.json` plus a
 * timestamped copy, so two runs can be compared.
 *
 *   npm run bench                    all rows at full size
 *   npm run bench -- --quick         smaller data, fewer runs (a minute or two)
 *   npm run bench -- --only tree-read,check-in
 *   npm run bench -- --load          the load runs instead (two profiles, 30 s each): throughput,
 *                                    p50, p99, errors against the targets, into bench/results/load.json
 *     --databases sqlite,postgres    only these databases' runs
 *     --profiles mixed,monday        only these profiles
 *     --server-node-options="--cpu-prof --cpu-prof-dir=DIR"   profile the servers under load
 *   OKR_BENCH_SERVER_CLI=path/to/dist/cli/main.js   serve another build (compare two builds under one load)
 *   OKR_BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"   node options for every row's servers
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { formatTable, meetsTarget } from "./support/table.js";
import type { Bench, BenchContext, BenchRow } from "./types.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

/** Bench modules in the order they run; a module whose file is absent is skipped with a note. */
const MODULES = [
  "parse",
  "tree-read",
  "dashboard-read",
  "browser-tree",
  "check-in",
  "import",
  "cold-start",
  "browser-map",
] as const;

interface Failure {
  bench: string;
  message: string;
}

function createContext(scale: number, started: number): BenchContext {
  return {
    scale,
    progress(message: string) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
      process.stderr.write(`${seconds}s  ${message}\n`);
    },
  };
}

function machineOf(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryMb: Math.round(totalmem() / 1024 / 1024),
  };
}

function writeResults(name: string, body: Record<string, unknown>): string {
  const dir = join(BENCH_DIR, "results");
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(body, null, 2)}\n`;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  writeFileSync(join(dir, `${name}.json`), text);
  writeFileSync(join(dir, `${stamp}${name === "latest" ? "" : `-${name}`}.json`), text);
  return join("bench", "results", `${name}.json`);
}

async function runBenches(only: string[] | undefined, quick: boolean): Promise<number> {
  const started = performance.now();
  const ctx = createContext(quick ? 0.2 : 1, started);
  const rows: BenchRow[] = [];
  const failures: Failure[] = [];
  const skipped: string[] = [];
  for (const name of MODULES) {
    if (only && !only.includes(name)) continue;
    const file = join(BENCH_DIR, `${name}.ts`);
    if (!existsSync(file)) {
      skipped.push(name);
      ctx.progress(`${name}: skipped (bench/${name}.ts is not there yet)`);
      continue;
    }
    ctx.progress(`${name}: starting`);
    try {
      const mod = (await import(pathToFileURL(file).href)) as { default?: Bench };
      if (typeof mod.default !== "function")
        throw new Error(`bench/${name}.ts has no default Bench`);
      const produced = await mod.default(ctx);
      rows.push(...produced);
      ctx.progress(`${name}: done (${produced.length} row${produced.length === 1 ? "" : "s"})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ bench: name, message });
      ctx.progress(`${name}: FAILED: ${message}`);
      if (process.env.OKR_LOG_LEVEL === "debug" && error instanceof Error) {
        process.stderr.write(`${error.stack ?? ""}\n`);
      }
    }
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);
  for (const failure of failures)
    process.stdout.write(`\n${failure.bench}: FAILED: ${failure.message}`);
  const missed = rows.filter((row) => meetsTarget(row) === false).map((row) => row.name);
  const path = writeResults("latest", {
    at: new Date().toISOString(),
    quick,
    machine: machineOf(),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    rows,
    missed,
    failures,
    skipped,
  });
  process.stdout.write(`\nresults: ${path}\n`);
  return failures.length > 0 ? 1 : 0;
}

interface LoadOnlyOptions {
  databases?: string[];
  profiles?: string[];
  serverNodeOptions?: string;
}

async function runLoadOnly(quick: boolean, only: LoadOnlyOptions = {}): Promise<number> {
  const started = performance.now();
  const ctx = createContext(quick ? 0.2 : 1, started);
  const { runLoadBench } = await import("./load.js");
  const { LOAD_TARGETS, missedTargets } = await import("./support/load.js");
  const report = await runLoadBench(ctx, {
    seconds: quick ? 10 : 30,
    databases: only.databases as ("sqlite" | "postgres")[] | undefined,
    profiles: only.profiles as ("mixed" | "monday")[] | undefined,
    serverNodeArgs: only.serverNodeOptions?.split(" ").filter((arg) => arg !== ""),
  });
  process.stdout.write(`\n${report.text}\n`);
  const path = writeResults("load", {
    at: new Date().toISOString(),
    quick,
    machine: machineOf(),
    targets: LOAD_TARGETS,
    runs: report.runs.map((run) => ({ ...run, missed: missedTargets(run) })),
  });
  process.stdout.write(`\nresults: ${path}\n`);
  return report.runs.some((run) => run.errors > 0) ? 1 : 0;
}

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    load: { type: "boolean", default: false },
    only: { type: "string" },
    databases: { type: "string" },
    profiles: { type: "string" },
    "server-node-options": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    "usage: npm run bench [-- --quick] [-- --only tree-read,check-in] [-- --load]\n" +
      '       npm run bench -- --load [--databases sqlite,postgres] [--profiles mixed,monday] [--server-node-options="--cpu-prof --cpu-prof-dir=DIR"]\n' +
      `benches: ${MODULES.join(", ")}\n`,
  );
} else {
  const only = values.only?.split(",").map((name) => name.trim());
  const unknown = only?.filter((name) => !(MODULES as readonly string[]).includes(name)) ?? [];
  const databases = values.databases?.split(",").map((name) => name.trim());
  const profiles = values.profiles?.split(",").map((name) => name.trim());
  const wrongLoad = [
    ...(databases ?? [])
      .filter((name) => !["sqlite", "postgres"].includes(name))
      .map((name) => `--databases: unknown database ${name}; known: sqlite, postgres`),
    ...(profiles ?? [])
      .filter((name) => !["mixed", "monday"].includes(name))
      .map((name) => `--profiles: unknown profile ${name}; known: mixed, monday`),
  ];
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown bench ${unknown.join(", ")}; known: ${MODULES.join(", ")}\n`,
    );
    process.exitCode = 2;
  } else if (wrongLoad.length > 0) {
    process.stderr.write(`${wrongLoad.map((line) => `bench: ${line}`).join("\n")}\n`);
    process.exitCode = 2;
  } else {
    process.exitCode = values.load
      ? await runLoadOnly(values.quick ?? false, {
          databases,
          profiles,
          serverNodeOptions: values["server-node-options"],
        })
      : await runBenches(only, values.quick ?? false);
  }
}
