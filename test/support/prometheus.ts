/**
 * A real Prometheus (Debian's `prometheus` binary) scraping a tiny exporter the test starts
 * and changes: the harness for key results that follow a query's value.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether a `prometheus` binary is on PATH. */
export function hasPrometheus(): boolean {
  try {
    execFileSync("prometheus", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface PrometheusHarness {
  url: string;
  /** Sets the gauge the exporter serves. */
  setGauge(value: number): void;
  /** Waits (bounded) until the instant query answers `value`. */
  waitForValue(query: string, value: number): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the exporter (gauge `name`) and a Prometheus scraping it every second. */
export async function startPrometheus(name: string, initial: number): Promise<PrometheusHarness> {
  let gauge = initial;
  const exporter = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    res.end(`# HELP ${name} A test gauge.\n# TYPE ${name} gauge\n${name} ${gauge}\n`);
  });
  await new Promise<void>((resolve) => exporter.listen(0, "127.0.0.1", resolve));
  const exporterPort = (exporter.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), "okr-prometheus-"));
  writeFileSync(
    join(dir, "prometheus.yml"),
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: exporter",
      "    static_configs:",
      `      - targets: ["127.0.0.1:${exporterPort}"]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    "prometheus",
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve(null) : child.once("exit", resolve),
    );
    await new Promise<void>((resolve) => exporter.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };

  async function query(q: string): Promise<number | null> {
    try {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = (await response.json()) as {
        data?: { result?: { value?: [number, string] }[] };
      };
      const text = body.data?.result?.[0]?.value?.[1];
      return text === undefined ? null : Number(text);
    } catch {
      return null;
    }
  }

  return {
    url,
    setGauge(value) {
      gauge = value;
    },
    async waitForValue(q, value) {
      for (let i = 0; i < 300; i++) {
        if ((await query(q)) === value) return;
        if (child.exitCode !== null) break;
        await sleep(100);
      }
      await close();
      throw new Error(`Prometheus never answered ${value} to ${q}; its log ends:\n${log}`);
    },
    close,
  };
}
