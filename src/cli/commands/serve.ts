/** `okr serve`: the web app and the REST API over one database. */
import { isIP } from "node:net";
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import { resolveDatabaseUrl } from "../../store/database.js";

export interface ServeFlags {
  port?: string;
  host?: string;
  databaseUrl?: string;
  logLevel?: string;
  exampleData?: boolean;
}

/** Port from the flag, else PORT, else 8080; anything but 0–65535 is `invalid_config`. */
export function resolvePort(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = flag ?? env.PORT ?? "8080";
  const from = flag !== undefined ? "--port" : env.PORT !== undefined ? "PORT" : "default";
  const port = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OkrError("invalid_config", `${from} must be a port number 0–65535, got '${raw}'`);
  }
  return port;
}

/** Host from the flag, else HOST, else undefined (all interfaces); a bad name is `invalid_config`. */
export function resolveHost(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const raw = flag ?? env.HOST;
  if (raw === undefined) return undefined;
  const host = raw.trim();
  if (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) {
    const from = flag !== undefined ? "--host" : "HOST";
    throw new OkrError(
      "invalid_config",
      `${from} must be an IP address or a host name (e.g. 127.0.0.1), got '${raw}'`,
    );
  }
  return host;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Serve the web app and the REST API (loads example OKRs into an empty database)")
    .option("--port <port>", "port to listen on (env PORT, default 8080)")
    .option(
      "--host <host>",
      "address to listen on, e.g. 127.0.0.1 (env HOST, default all interfaces)",
    )
    .option(
      "--database-url <url>",
      "sqlite:PATH or postgres://… (env OKR_DATABASE_URL, default sqlite:./data/okr.db)",
    )
    .option(
      "--log-level <level>",
      "fatal, error, warn, info, debug, trace or silent (env OKR_LOG_LEVEL, default info)",
    )
    .option("--no-example-data", "start with an empty database instead of the example company")
    .action(async (flags: ServeFlags) => {
      const port = resolvePort(flags.port, process.env);
      const host = resolveHost(flags.host, process.env);
      // The server (and its logger) load only for this command.
      const [{ parseLogLevel }, { startServer }] = await Promise.all([
        import("../../server/logger.js"),
        import("../../server/start.js"),
      ]);
      const logLevel = parseLogLevel(flags.logLevel ?? process.env.OKR_LOG_LEVEL);
      const databaseUrl = resolveDatabaseUrl(flags.databaseUrl, process.env);
      await startServer({
        port,
        host,
        databaseUrl,
        logLevel,
        exampleData: flags.exampleData !== false,
      });
    });
}
