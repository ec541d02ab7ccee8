/**
 * The last step of `npm run build`: V8's code cache for the server's bundle (decisions/0051,
 * src/cli/code-cache.ts). Starts `okr serve` from the new build on an empty database in a
 * temporary folder, asks `/api/health` once, and has the process write what V8 compiled until
 * then beside the bundle. Then starts it again and checks that V8 took the cache: a cache V8
 * refuses only costs start-up time, so the build says so instead of leaving it to be noticed.
 *
 * The server runs with node's own settings (NODE_OPTIONS and this script's flags left out):
 * V8 takes a cache only under the flags it was made with, and `okr serve` runs with the defaults.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const MAIN = "dist/cli/main.js";
const TIMEOUT_MS = 60_000;

/** Starts the built server; answers the process and its first log line's fields. */
async function start(databaseUrl, env) {
  const { NODE_OPTIONS: _ignored, ...rest } = process.env;
  const child = fork(
    MAIN,
    ["serve", "--port", "0", "--host", "127.0.0.1", "--database-url", databaseUrl],
    {
      execArgv: [],
      env: { ...rest, ...env, OKR_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const listening = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the server did not start within 60 s")),
      TIMEOUT_MS,
    );
    child.once("exit", (code) => reject(new Error(`the server stopped with code ${code}`)));
    lines.on("line", (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === "okr is listening") {
        clearTimeout(timer);
        resolve(entry);
      }
    });
  });
  const health = await fetch(`http://127.0.0.1:${listening.port}/api/health`);
  await health.arrayBuffer();
  if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);
  return { child, listening };
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const dir = mkdtempSync(join(tmpdir(), "okr-code-cache-"));
try {
  const first = await start(`sqlite:${join(dir, "okr.db")}`, { OKR_WRITE_CODE_CACHE: "1" });
  await new Promise((resolve, reject) => {
    first.child.once("message", (message) =>
      message === "code cache written" ? resolve() : reject(new Error(String(message))),
    );
    first.child.send("write code cache");
  });
  await stop(first.child);
  const second = await start(`sqlite:${join(dir, "okr.db")}`, {});
  await stop(second.child);
  if (second.listening.codeCache !== "used") {
    throw new Error(`V8 did not take the code cache it wrote (${second.listening.codeCache})`);
  }
  console.log("code cache: written for the server's bundle, and taken by a second start");
} catch (error) {
  console.error(`code cache: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
