/**
 * Check-ins never conflict: 60 simultaneous check-ins on one key result, split between app
 * processes, all answer 201, all 60 are in the history, and the key result's state is the
 * latest check-in by time (ties broken by id), whatever order the transactions committed in.
 * Five rounds each: two processes on one PostgreSQL, one process on SQLite, and two processes
 * on one SQLite file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { type ServerProcess, spawnServer } from "../../bench/support/server.js";
import { createEmptyDatabase } from "../support/databases.js";

const SIMULTANEOUS = 60;
const ROUNDS = 5;
const ORG = {
  people: 20,
  teams: 4,
  quarters: 1,
  objectives: 4,
  keyResults: 8,
  checkIns: 0,
};

interface StoredCheckIn {
  id: string;
  value: number | null;
  note: string;
  createdAt: string;
}

/** No answer is too slow for these checks (a busy machine is no failure); only wrong ones fail. */
const PATIENT = { timeoutMs: 300_000 };

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Serves a small organisation from `processes` app processes on `url`; a metric key result to check in on. */
async function serve(url: string, processes: number) {
  const org = await prepareOrg(url, ORG);
  const servers: ServerProcess[] = await Promise.all(
    Array.from({ length: processes }, () => spawnServer({ databaseUrl: url })),
  );
  cleanups.push(() => Promise.all(servers.map((s) => s.stop())).then(() => {}));
  const first = servers[0] as ServerProcess;
  const objective = await callApi<{ id: string }>(
    first.url,
    org.token,
    "POST",
    "/api/objectives",
    {
      periodId: org.periodId,
      title: "Check in all at once",
    },
    PATIENT,
  );
  expect(objective.status, objective.text).toBe(201);
  const kr = await callApi<{ id: string }>(
    first.url,
    org.token,
    "POST",
    "/api/key-results",
    {
      objectiveId: objective.body.id,
      title: "Raise the count from 0 to 10000",
      kind: "metric",
      start: 0,
      target: 10_000,
    },
    PATIENT,
  );
  expect(kr.status, kr.text).toBe(201);
  return { org, servers, keyResultId: kr.body.id };
}

/** The latest check-in: by time, then by id. */
function latestOf(history: readonly StoredCheckIn[]): StoredCheckIn | undefined {
  return [...history].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1,
  )[history.length - 1];
}

async function checkInAllAtOnce(url: string, processes: number): Promise<void> {
  const { org, servers, keyResultId } = await serve(url, processes);
  const path = `/api/key-results/${keyResultId}/check-ins`;
  for (let round = 1; round <= ROUNDS; round++) {
    const answers = await Promise.all(
      Array.from({ length: SIMULTANEOUS }, (_, i) =>
        callApi(
          (servers[i % servers.length] as ServerProcess).url,
          org.token,
          "POST",
          path,
          {
            value: round * 100 + i,
            confidence: i % 11,
            note: `round ${round} check-in ${i}`,
          },
          PATIENT,
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s !== 201),
      answers.find((a) => a.status !== 201)?.text,
    ).toEqual([]);

    const history = await callApi<{ checkIns: StoredCheckIn[] }>(
      (servers[servers.length - 1] as ServerProcess).url,
      org.token,
      "GET",
      path,
      undefined,
      PATIENT,
    );
    expect(history.status, history.text).toBe(200);
    const notes = new Set(history.body.checkIns.map((c) => c.note));
    const missing = Array.from(
      { length: SIMULTANEOUS },
      (_, i) => `round ${round} check-in ${i}`,
    ).filter((note) => !notes.has(note));
    expect(missing).toEqual([]);
    expect(history.body.checkIns).toHaveLength(round * SIMULTANEOUS);

    const latest = latestOf(history.body.checkIns) as StoredCheckIn;
    for (const server of servers) {
      const kr = await callApi<{ current: number; lastCheckInAt: string }>(
        server.url,
        org.token,
        "GET",
        `/api/key-results/${keyResultId}`,
        undefined,
        PATIENT,
      );
      expect(kr.status, kr.text).toBe(200);
      expect(kr.body).toMatchObject({
        current: latest.value,
        lastCheckInAt: latest.createdAt,
      });
    }
  }
  for (const server of servers) expect(server.alive()).toBe(true);
}

describe("simultaneous check-ins on one key result", () => {
  it(`PostgreSQL, two processes: ${ROUNDS} rounds of ${SIMULTANEOUS} all land, the latest is the state`, async () => {
    const database = await createEmptyDatabase("postgres");
    cleanups.push(() => database.drop());
    await checkInAllAtOnce(database.url, 2);
  }, 180_000);

  it(`SQLite, one process: ${ROUNDS} rounds of ${SIMULTANEOUS} all land, the latest is the state`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "okr-simultaneous-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    await checkInAllAtOnce(`sqlite:${join(dir, "okr.db")}`, 1);
  }, 180_000);

  it(`SQLite, two processes on one file: ${ROUNDS} rounds of ${SIMULTANEOUS} all land, the latest is the state`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "okr-simultaneous-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    await checkInAllAtOnce(`sqlite:${join(dir, "okr.db")}`, 2);
  }, 180_000);
});
