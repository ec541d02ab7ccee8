/**
 * What tests of sources set up: a key result under a new period and objective, made through
 * the use cases; and a test server whose connections can seal their tokens, with the admin's
 * requests and the job runner as it sees the queue once a webhook's merge window has passed.
 */
import { randomBytes } from "node:crypto";
import { type AppDeps, SYSTEM_ACTOR } from "../../src/app/deps.js";
import { JOB_KINDS } from "../../src/app/job-kinds.js";
import { createJobRunner } from "../../src/app/jobs.js";
import { createKeyResult } from "../../src/app/key-results.js";
import { createObjective } from "../../src/app/objectives.js";
import { createPeriod } from "../../src/app/periods.js";
import { HOOK_MERGE_MS } from "../../src/app/source-jobs.js";
import { openTestServer, readJson, type TestServer } from "../../src/server/test-harness.js";
import type { DialectName, OpenedDatabase } from "../../src/store/database.js";
import { openTestDatabase } from "./databases.js";

/** Where a new key result goes: a new period of this label, a new objective of this title. */
export interface KeyResultPlace {
  period: string;
  objective: string;
}

/** A key result (`input` less its objective) under a new period and objective, by the system. */
export async function addKeyResultUnder(
  deps: AppDeps,
  place: KeyResultPlace,
  input: Record<string, unknown>,
) {
  const period = await createPeriod(deps, SYSTEM_ACTOR, { label: place.period });
  const objective = await createObjective(deps, SYSTEM_ACTOR, {
    periodId: period.id,
    title: place.objective,
  });
  return createKeyResult(deps, SYSTEM_ACTOR, { objectiveId: objective.id, ...input });
}

/** A test server (as `openTestServer`) with what tests of sources ask of it. */
export interface SourceServer extends TestServer {
  opened: OpenedDatabase;
  /** A request as the admin: the answer's JSON (null for 204), or an error that quotes it. */
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  admin(method: string, path: string, body?: unknown): Promise<any>;
  /** Key results (`inputs` less their objective) under a new period and objective, by the admin. */
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers
  addKeyResults(place: KeyResultPlace, ...inputs: Record<string, unknown>[]): Promise<any[]>;
  /** Runs the due jobs, looking past a webhook's merge window (`HOOK_MERGE_MS`). */
  runJobs(): ReturnType<ReturnType<typeof createJobRunner>["runOnce"]>;
  /** Closes the database and puts `OKR_SECRET_KEY` back as it was. */
  close(): Promise<void>;
}

/**
 * Sets a fresh `OKR_SECRET_KEY` (connections seal their tokens with it) and `vars`; the answer
 * puts every one of them back as it was, unset where it was unset.
 */
export function setSourceEnv(vars: Record<string, string> = {}): () => void {
  const all = { OKR_SECRET_KEY: randomBytes(32).toString("hex"), ...vars };
  const saved = Object.keys(all).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, all);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** A test server over a new `dialect` database, under a fresh `OKR_SECRET_KEY`. */
export async function openSourceServer(dialect: DialectName): Promise<SourceServer> {
  const restoreKey = setSourceEnv();
  const opened = await openTestDatabase(dialect).catch((error: unknown) => {
    restoreKey();
    throw error;
  });
  const server = await openTestServer(opened);
  const admin: SourceServer["admin"] = async (method, path, body) => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    const json = response.status === 204 ? null : await readJson(response);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    ...server,
    opened,
    admin,
    async addKeyResults(place, ...inputs) {
      const period = await admin("POST", "/api/periods", { label: place.period });
      const objective = await admin("POST", "/api/objectives", {
        periodId: period.id,
        title: place.objective,
      });
      const made = [];
      for (const input of inputs)
        made.push(await admin("POST", "/api/key-results", { objectiveId: objective.id, ...input }));
      return made;
    },
    runJobs: () =>
      createJobRunner(
        { ...server.deps, now: () => new Date(Date.now() + HOOK_MERGE_MS) },
        { kinds: JOB_KINDS },
      ).runOnce(),
    async close() {
      restoreKey();
      await opened.close();
    },
  };
}
