/**
 * Vitest global setup: gives the suites a PostgreSQL server as `inject("postgresUrl")`.
 * OKR_TEST_POSTGRES_URL names a running one; otherwise a throwaway server is started once per
 * run (shared by every project that needs it) and removed at the end.
 */
import type { TestProject } from "vitest/node";
import { startTestPostgres, type TestPostgres } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of a PostgreSQL server; `openTestDatabase` makes databases on it. */
    postgresUrl: string;
  }
}

/** Projects that never touch a database. */
const WITHOUT_DATABASE = new Set(["unit"]);

interface Shared {
  server: Promise<TestPostgres>;
  users: number;
}

// Each project runs this setup; one server serves them all.
const holder = globalThis as { __okrTestPostgres?: Shared };

export default async function setup(project: TestProject): Promise<void | (() => Promise<void>)> {
  if (WITHOUT_DATABASE.has(project.name)) return;
  const external = process.env.OKR_TEST_POSTGRES_URL;
  if (external) {
    project.provide("postgresUrl", external);
    return;
  }
  if (!holder.__okrTestPostgres)
    holder.__okrTestPostgres = { server: startTestPostgres(), users: 0 };
  const shared = holder.__okrTestPostgres;
  shared.users++;
  const server = await shared.server;
  project.provide("postgresUrl", server.url);
  return async () => {
    shared.users--;
    if (shared.users === 0) {
      holder.__okrTestPostgres = undefined;
      await server.stop();
    }
  };
}
