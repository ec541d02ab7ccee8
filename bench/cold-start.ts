/**
 * Cold start and idle memory of `okr serve` on a fresh SQLite file, as `npm start` runs it:
 * the built CLI, which `npm run build` bundles (scripts/bundle.mjs).
 * - cold start: spawn to the first `/api/health` 200 (target ≤ 0.5 s); baseline: a bare
 *   node:http server spawned the same way, answering 200 to everything.
 * - idle memory: resident memory after start and a few requests, then a quiet second
 *   (target ≤ 80 MB); baseline: a bare node process doing nothing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { medianOf } from "./support/measure.js";
import {
  findFreePort,
  hasBuild,
  residentMb,
  spawnServer,
  waitForHealth,
} from "./support/server.js";
import type { Bench } from "./types.js";

const BARE_SERVER = `require("node:http").createServer((q, s) => { s.writeHead(200, {"content-type": "application/json"}); s.end('{"status":"ok"}'); }).listen(Number(process.argv[1]), "127.0.0.1");`;
const BARE_PROCESS = "setInterval(() => {}, 1000);";

async function coldStartOfBareServer(): Promise<{ ms: number }> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", BARE_SERVER, String(port)], { stdio: "ignore" });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, 10_000);
    return { ms: performance.now() - started };
  } finally {
    child.kill("SIGKILL");
  }
}

async function residentOfBareProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", BARE_PROCESS], { stdio: "ignore" });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    return residentMb(child.pid ?? -1) ?? Number.NaN;
  } finally {
    child.kill("SIGKILL");
  }
}

const SETTLE_MS = 30_000;

async function touch(url: string): Promise<void> {
  // Not /api/openapi.json: building that document once raises the resident memory by ~30 MB
  // (V8 keeps the pages), and an idle server has usually not been asked for it.
  for (const path of ["/api/health", "/api/health", "/", "/api/periods"]) {
    const response = await fetch(`${url}${path}`).catch(() => undefined);
    await response?.arrayBuffer();
  }
}

const bench: Bench = async (ctx) => {
  if (!hasBuild()) {
    throw new Error("cold start measures the built server: run `npm run build` first");
  }
  const runs = Math.max(3, Math.round(7 * ctx.scale));
  const dir = mkdtempSync(join(tmpdir(), "okr-bench-cold-"));
  try {
    const ours: number[] = [];
    const oursWithExamples: number[] = [];
    const base: number[] = [];
    let memory = Number.NaN;
    let settled = Number.NaN;
    for (let i = 0; i < runs; i++) {
      ctx.progress(`cold start: run ${i + 1} of ${runs}`);
      base.push((await coldStartOfBareServer()).ms);
      const server = await spawnServer({
        databaseUrl: `sqlite:${join(dir, `cold-${i}.db`)}`,
        from: "built",
      });
      ours.push(server.startMs);
      if (i === runs - 1) {
        await touch(server.url);
        await new Promise((r) => setTimeout(r, 1500));
        memory = residentMb(server.pid) ?? Number.NaN;
        // V8 shrinks the young generation that start-up grew once allocation has been low for
        // a while (its memory reducer, about 20 s here): what a server left alone holds.
        ctx.progress("cold start: the server left idle for 30 s");
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        settled = residentMb(server.pid) ?? Number.NaN;
      }
      await server.stop();
      const withExamples = await spawnServer({
        databaseUrl: `sqlite:${join(dir, `examples-${i}.db`)}`,
        from: "built",
        exampleData: true,
      });
      oursWithExamples.push(withExamples.startMs);
      await withExamples.stop();
    }
    const bareMemory = await residentOfBareProcess();
    const coldMs = medianOf(ours);
    const bareMs = medianOf(base);
    const examplesMs = medianOf(oursWithExamples);
    return [
      {
        name: "cold start to first /api/health 200 (fresh SQLite)",
        value: coldMs / 1000,
        baseline: bareMs / 1000,
        baselineName: "bare node:http",
        unit: "s",
        ratio: coldMs / bareMs,
        target: 0.5,
        targetOn: "value",
        note: `median of ${runs}; migrations included, example data off`,
      },
      {
        name: "cold start with the example company (npm start)",
        value: examplesMs / 1000,
        baseline: bareMs / 1000,
        baselineName: "bare node:http",
        unit: "s",
        ratio: examplesMs / bareMs,
        note: "the first start loads the example company into the empty database",
      },
      {
        name: "idle resident memory of the server",
        value: memory,
        baseline: bareMemory,
        baselineName: "bare node process",
        unit: "MB",
        ratio: memory / bareMemory,
        target: 80,
        targetOn: "value",
        note: "RSS after start, four requests (health, web app, a list) and 1.5 s idle",
      },
      {
        name: "resident memory of the server left idle 30 s",
        value: settled,
        baseline: bareMemory,
        baselineName: "bare node process",
        unit: "MB",
        ratio: settled / bareMemory,
        note: "the same server 30 s later, with no request between",
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
