/**
 * okr's real HTTP server for tests that need a socket (keep-alive, body limits, the web app):
 * on a free port of 127.0.0.1, with no signal handlers, no job runner and no log output.
 */
import { silentLogger } from "../../src/server/logger.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";

export function startLocalServer(
  databaseUrl: string,
  options: Partial<StartOptions> = {},
): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl,
    exampleData: false,
    handleSignals: false,
    jobs: false,
    logger: silentLogger(),
    ...options,
  });
}
