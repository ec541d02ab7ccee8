/** The check-in bench's baseline server (`raw-insert-server.mjs`) as a child process. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./server.js";

export interface RawInsertServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The process, to read its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the bare `node:http` server over the database at `databaseUrl` and waits until it listens. */
export async function spawnRawInsertServer(databaseUrl: string): Promise<RawInsertServer> {
  const child = spawn(
    process.execPath,
    [join(ROOT, "bench", "support", "raw-insert-server.mjs"), databaseUrl],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`baseline server did not start: ${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited (${code}): ${output.slice(-2000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
