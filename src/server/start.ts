/**
 * Starting the server: open the database, migrate, load example data into an empty database
 * (unless disabled), listen, log one line; close cleanly on SIGTERM/SIGINT.
 */
import { randomBytes, randomFillSync } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Logger } from "pino";
import type { AppDeps } from "../app/deps.js";
import { CHORES, JOB_KINDS, SCHEDULES } from "../app/job-kinds.js";
import { createJobRunner, type JobRunner } from "../app/jobs.js";
import { rhythmConfigFromEnv } from "../app/mail.js";
import { OkrError } from "../core/errors.js";
import { createIdGenerator } from "../core/ids.js";
import { openDatabase, redactUrl } from "../store/database.js";
import { createApp, type ServerOptions } from "./app.js";
import { keepConnectionsAlive } from "./keep-alive.js";
import { createLogger, type LogLevel } from "./logger.js";

export interface StartOptions {
  port: number;
  databaseUrl: string;
  logLevel?: LogLevel;
  /** Load the example company into an empty database. Default true. */
  exampleData?: boolean;
  /** Listen on this host. Default all interfaces. */
  host?: string;
  /** Stop on SIGTERM/SIGINT. Default true (tests turn it off). */
  handleSignals?: boolean;
  logger?: Logger;
  server?: ServerOptions;
  /** Run the durable job queue's runner in this process. Default true. */
  jobs?: boolean;
  /** Where OKR_SMTP_URL, OKR_MAIL_FROM and OKR_PUBLIC_URL are read. Default `process.env`. */
  rhythmEnv?: NodeJS.ProcessEnv;
  /** What became of V8's code cache for the built server (cli/code-cache.ts), for the log. */
  codeCache?: string;
}

export interface RunningServer {
  port: number;
  url: string;
  deps: AppDeps;
  logger: Logger;
  /** This process's job runner, or null when jobs are off. */
  jobs: JobRunner | null;
  /** Stops accepting connections, finishes those in flight, closes the database. */
  close(): Promise<void>;
}

/**
 * Random bytes for ids, drawn from the system's generator 4 kB at a time (one call per few
 * hundred ids instead of one per id); each caller gets its own copy.
 */
function pooledRandomBytes(): (n: number) => Uint8Array {
  const pool = Buffer.allocUnsafe(4096);
  let used = pool.length;
  return (n) => {
    if (n > pool.length) return randomBytes(n);
    if (used + n > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const bytes = Uint8Array.prototype.slice.call(pool, used, used + n);
    used += n;
    return bytes;
  };
}

/** Loads the example company into an empty database; answers the labels of the periods loaded. */
async function loadExampleDataIfEmpty(deps: AppDeps): Promise<string[] | null> {
  // Loaded only when wanted: it brings the Markdown parser and the example pages.
  const { isDatabaseEmpty, loadExampleData } = await import("../app/example-data.js");
  if (!(await isDatabaseEmpty(deps))) return null;
  const summary = await loadExampleData(deps, { now: deps.now() });
  return summary.periods.map((period) => period.label);
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new OkrError(
      "invalid_config",
      `Port must be a whole number 0–65535, not '${options.port}'`,
    );
  }
  const logger = options.logger ?? createLogger(options.logLevel ?? "info");
  const rhythmEnv = options.rhythmEnv ?? process.env;
  // Checked before anything opens, so a bad OKR_SMTP_URL stops the start with its name.
  rhythmConfigFromEnv(rhythmEnv, "http://localhost");
  const opened = await openDatabase(options.databaseUrl, { migrate: true, watchCredentials: true });
  const deps: AppDeps = {
    db: opened.db,
    dialect: opened.dialect,
    now: () => new Date(),
    newId: createIdGenerator(Date.now, pooledRandomBytes()),
  };
  let exampleData: string[] | null = null;
  if (options.exampleData !== false) {
    try {
      exampleData = await loadExampleDataIfEmpty(deps);
    } catch (error) {
      // The example is a convenience: without it the instance still serves, empty.
      logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        "could not load the example data; starting with an empty database",
      );
    }
  }
  const app = createApp(deps, { logger, ...options.server });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(s),
    );
    s.once("error", (error: NodeJS.ErrnoException) => {
      void opened.close();
      reject(
        error.code === "EADDRINUSE"
          ? new OkrError(
              "invalid_config",
              `Port ${options.port} is in use; pick another with --port`,
            )
          : error,
      );
    });
  });
  keepConnectionsAlive(server as HttpServer);
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  deps.rhythm = rhythmConfigFromEnv(rhythmEnv, url);
  logger.info(
    {
      port,
      host: options.host ?? "all interfaces",
      url,
      database: opened.dialect,
      databaseUrl: redactUrl(options.databaseUrl),
      mail: deps.rhythm.mail ? "on" : "off (OKR_SMTP_URL not set)",
      ...(exampleData ? { exampleData } : {}),
      ...(options.codeCache ? { codeCache: options.codeCache } : {}),
    },
    "okr is listening",
  );

  const jobs =
    options.jobs === false
      ? null
      : createJobRunner(deps, { kinds: JOB_KINDS, schedules: SCHEDULES, chores: CHORES, logger });
  jobs?.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await jobs?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open; in-flight requests finish.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await opened.close();
    })();
    return closing;
  };

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "shutting down");
      const timer = setTimeout(() => {
        logger.warn("shutdown took over 10 s; exiting");
        process.exit(1);
      }, 10_000);
      timer.unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  return { port, url, deps, logger, jobs, close };
}
