/**
 * Which processor cores the bench's client and the servers it measures run on. A server's
 * client is another machine in production; on the bench's machine it is this process, and left
 * to the scheduler it runs now on the core a server answers on, now on the other, taking about
 * 0.2 ms of processor time a request beside the server (docs/SCALING-HISTORY.md). `pinApart`
 * keeps the client on one core and the servers on another, every thread of each (Linux's
 * `taskset`), so the servers share their core with each other and never with the client.
 */
import { execFileSync } from "node:child_process";

export interface Pinned {
  /** How the processes were placed, for the row's note. */
  readonly how: string;
  /** Whether they were pinned at all (one core, or no `taskset`: left to the scheduler). */
  readonly pinned: boolean;
  /** Gives every process back the cores it had. */
  release(): void;
}

/** The cores `pid` may run on, as `taskset` lists them ("0,1" or "0-3"); undefined without it. */
function coresOf(pid: number): number[] | undefined {
  try {
    const text = execFileSync("taskset", ["-p", "-c", String(pid)], { encoding: "utf8" });
    const list = /list:\s*([\d,-]+)/.exec(text)?.[1];
    if (!list) return undefined;
    return list.split(",").flatMap((part) => {
      const [from, to] = part.split("-").map(Number) as [number, number | undefined];
      return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
    });
  } catch {
    return undefined;
  }
}

function place(pid: number, cores: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cores, String(pid)], { stdio: "ignore" });
}

/**
 * Puts this process (the client) on the first core it may use and `servers` on the second;
 * where there is one core, or no `taskset`, places nothing and says so.
 */
export function pinApart(servers: readonly number[]): Pinned {
  const allowed = coresOf(process.pid);
  const [client, server] = allowed ?? [];
  if (!allowed || client === undefined || server === undefined) {
    return {
      how: allowed ? "one core: client and servers share it" : "placed by the scheduler",
      pinned: false,
      release: () => {},
    };
  }
  const all = allowed.join(",");
  const given = [process.pid, ...servers];
  const release = () => {
    for (const pid of given) {
      try {
        place(pid, all);
      } catch {
        // gone already: nothing to give back
      }
    }
  };
  try {
    for (const pid of servers) place(pid, String(server));
    place(process.pid, String(client));
  } catch (error) {
    release();
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { how: `placed by the scheduler (taskset refused: ${reason})`, pinned: false, release };
  }
  return {
    how: `the client on core ${client}, both servers on core ${server}`,
    pinned: true,
    release,
  };
}
