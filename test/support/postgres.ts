/**
 * A throwaway PostgreSQL server for the test run: its own data folder and socket folder under
 * a temp dir, a free port on 127.0.0.1, fsync off. Several test runs on one machine each get
 * their own. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TestPostgres {
  /** Superuser URL of the `postgres` database: `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "PostgreSQL 15 binaries are needed for the store and server tests (initdb, pg_ctl) but none were found. " +
  "Install them with `apt-get install -y postgresql`, or set OKR_TEST_POSTGRES_URL=postgres://user:password@host:5432/postgres to use a running server.";

/** The folder holding initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string {
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (existsSync(join(dir, "initdb"))) return dir;
  } catch {
    // fall through to the well-known Debian layout
  }
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((name) => existsSync(join(base, name, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], "bin");
  }
  throw new Error(INSTALL_HINT);
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

async function runAsPostgres(command: string, args: string[]): Promise<void> {
  if (isRoot()) await run("runuser", ["-u", "postgres", "--", command, ...args]);
  else await run(command, args);
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server; the caller must `stop()` it. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBinDir();
  const root = await mkdtemp(join(tmpdir(), "okr-pg-"));
  const data = join(root, "data");
  const log = join(root, "server.log");
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    await chown(root, uid, gid);
  }
  try {
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
    let lastError: unknown;
    // Another run may take the port between our probe and the server's bind: try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await findFreePort();
      const settings = [
        `-p ${port}`,
        "-h 127.0.0.1",
        `-k ${root}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=300",
        "-c shared_buffers=32MB",
      ].join(" ");
      try {
        await runAsPostgres(join(bin, "pg_ctl"), [
          "-D",
          data,
          "-l",
          log,
          "-w",
          "-t",
          "60",
          "-o",
          settings,
          "start",
        ]);
        const watchdog = startWatchdog(join(bin, "pg_ctl"), data, root);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            if (watchdog.pid) {
              try {
                process.kill(watchdog.pid);
              } catch {
                // already gone
              }
            }
            await runAsPostgres(join(bin, "pg_ctl"), [
              "-D",
              data,
              "-m",
              "immediate",
              "-w",
              "stop",
            ]).catch(() => {});
            await rm(root, { recursive: true, force: true });
          },
        };
      } catch (error) {
        lastError = error;
        const text = existsSync(log) ? readFileSync(log, "utf8") : "";
        if (!/could not bind|Address already in use/i.test(text)) break;
      }
    }
    const text = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    throw new Error(`The test PostgreSQL did not start: ${String(lastError)}\n${text}`);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A detached shell that outlives a killed test run: once this process is gone (SIGKILL,
 * a CI timeout), it stops the server and deletes its folder, so no server is left behind.
 */
function startWatchdog(pgCtl: string, data: string, root: string) {
  const stop = isRoot()
    ? `runuser -u postgres -- "${pgCtl}" -D "${data}" -m immediate stop`
    : `"${pgCtl}" -D "${data}" -m immediate stop`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stop} >/dev/null 2>&1; rm -rf "${root}"`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}
