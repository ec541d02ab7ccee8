/**
 * The server as a child process, the way it runs in production: `node dist/cli/main.js serve`
 * (or through tsx when there is no build). Used by the benches, the load tests and the fault
 * tests; every server listens on 127.0.0.1 on a free port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BUILT_CLI = join(ROOT, "dist", "cli", "main.js");
const SOURCE_CLI = join(ROOT, "src", "cli", "main.ts");

/** A free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Whether `npm run build` has produced the CLI. */
export function hasBuild(): boolean {
  return existsSync(BUILT_CLI);
}

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Whether the build is there and newer than every source file (else tests run the source). */
export function hasFreshBuild(): boolean {
  if (!hasBuild()) return false;
  return statSync(BUILT_CLI).mtimeMs >= newestSourceMs(join(ROOT, "src"));
}

export interface SpawnServerOptions {
  databaseUrl: string;
  port?: number;
  /** Load the example company into an empty database. Default false. */
  exampleData?: boolean;
  env?: Record<string, string>;
  /** "built": dist/cli/main.js (default when the build is fresh), "source": through tsx. */
  from?: "built" | "source";
  /** How long to wait for the first healthy answer. Default 30 s. */
  timeoutMs?: number;
  /** Options for node itself, before the program (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Which program runs: the build, or the source through tsx (when the build is older). */
  from: "built" | "source";
  /** Milliseconds from spawn to the first `/api/health` 200. */
  startMs: number;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once, like a power cut; resolves when it has exited. */
  kill(): Promise<void>;
}

function commandFor(from: "built" | "source"): { command: string; args: string[] } {
  // OKR_BENCH_SERVER_CLI: another build's CLI, to load it with this bench (e.g. the main line's).
  if (from === "built")
    return { command: process.execPath, args: [process.env.OKR_BENCH_SERVER_CLI || BUILT_CLI] };
  // One process (not the tsx CLI, which runs the program in a child): a kill must reach the server.
  return { command: process.execPath, args: ["--import", "tsx", SOURCE_CLI] };
}

/** Polls `url` until it answers 200, the process dies, or the time is up. */
export async function waitForHealth(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server exited before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) {
        await response.arrayBuffer();
        return;
      }
      last = `status ${response.status}`;
      await response.arrayBuffer();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no healthy answer from ${url} within ${timeoutMs} ms (${last})`);
}

/** `OKR_BENCH_SERVER_NODE_OPTIONS`: options for node running any bench's server (`--cpu-prof …`). */
function envNodeArgs(): string[] {
  return (process.env.OKR_BENCH_SERVER_NODE_OPTIONS ?? "").split(" ").filter((arg) => arg !== "");
}

/** Starts `okr serve` on a free port and waits until `/api/health` answers 200. */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await findFreePort());
  const from = options.from ?? (hasFreshBuild() ? "built" : "source");
  const { command, args } = commandFor(from);
  const started = performance.now();
  const child = spawn(
    command,
    [
      ...(options.nodeArgs ?? envNodeArgs()),
      ...args,
      "serve",
      "--port",
      String(port),
      "--database-url",
      options.databaseUrl,
      ...(options.exampleData ? [] : ["--no-example-data"]),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        OKR_DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        OKR_LOG_LEVEL: process.env.OKR_LOG_LEVEL ?? "warn",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((r) => {
    child.once("exit", () => {
      exited = true;
      r();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    port,
    pid: child.pid ?? -1,
    child,
    from,
    startMs: 0,
    output: () => output,
    alive: () => !exited,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    },
    async kill() {
      if (exited) return;
      child.kill("SIGKILL");
      await exit;
    },
  };
  try {
    await waitForHealth(`${url}/api/health`, options.timeoutMs ?? 30_000, server.alive);
  } catch (error) {
    await server.kill();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- server output ---\n${output.slice(-3000)}`);
  }
  server.startMs = performance.now() - started;
  return server;
}

/** Resident memory of a process in MB (Linux), or undefined where /proc is not there. */
export function residentMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `okr ARGS` as a child process (built when fresh, else through tsx) and waits for it. */
export async function runCli(
  cliArgs: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const { command, args } = commandFor(hasFreshBuild() ? "built" : "source");
  const child = spawn(command, [...args, ...cliArgs], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  const code = await new Promise<number>((r) => child.once("exit", (c) => r(c ?? -1)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
