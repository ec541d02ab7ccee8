/**
 * Bounded load, 127.0.0.1 only: 50 connections of mixed tree and dashboard reads and
 * check-ins for a few seconds (OKR_LOAD_SECONDS, default 10) against one app process on
 * SQLite and against two app processes on one PostgreSQL. No request may fail, and on
 * PostgreSQL a check-in made through one process is visible through the other at once.
 * The full 30 s run with a report is `npm run bench -- --load`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { formatLoadResults, runMixedLoad } from "../../bench/support/load.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { type ServerProcess, spawnServer } from "../../bench/support/server.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/databases.js";

const SECONDS = Number(process.env.OKR_LOAD_SECONDS ?? 10);
const ORG = {
  people: 300,
  teams: 60,
  quarters: 1,
  objectives: 150,
  keyResults: 450,
  checkIns: 2000,
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe("load", () => {
  it(
    "SQLite, one process: 50 connections of reads and check-ins without one error",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "okr-load-"));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const org = await prepareOrg(`sqlite:${join(dir, "load.db")}`, ORG);
      const server = await spawnServer({ databaseUrl: org.url });
      cleanups.push(() => server.stop());
      const result = await runMixedLoad("sqlite", [{ url: server.url, token: org.token }], {
        periodId: org.periodId,
        keyResultIds: org.keyResultIds,
        seconds: SECONDS,
        connections: 50,
      });
      console.log(formatLoadResults([result]));
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.checkIns).toBeGreaterThan(0);
      expect(result.requests).toBeGreaterThan(SECONDS * 10);
      expect(server.alive()).toBe(true);
    },
    SECONDS * 1000 + 90_000,
  );

  it(
    "PostgreSQL, two processes on one database: no error, a check-in through one is visible through the other at once, and concurrent edits conflict",
    async () => {
      const database: EmptyDatabase = await createEmptyDatabase("postgres");
      cleanups.push(() => database.drop());
      const org = await prepareOrg(database.url, ORG);
      const servers: ServerProcess[] = await Promise.all([
        spawnServer({ databaseUrl: org.url }),
        spawnServer({ databaseUrl: org.url }),
      ]);
      cleanups.push(() => Promise.all(servers.map((s) => s.stop())).then(() => {}));
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const result = await runMixedLoad(
        "postgres",
        servers.map((s) => ({ url: s.url, token: org.token })),
        {
          periodId: org.periodId,
          keyResultIds: org.keyResultIds,
          seconds: SECONDS,
          connections: 50,
        },
      );
      console.log(formatLoadResults([result]));
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.checkIns).toBeGreaterThan(0);

      // Read-your-writes across processes: check in through A, read through B straight after.
      for (const [i, id] of org.keyResultIds.slice(0, 5).entries()) {
        const note = `seen from the other process ${i}`;
        const posted = await callApi(a.url, org.token, "POST", `/api/key-results/${id}/check-ins`, {
          value: 40 + i,
          confidence: 7,
          note,
        });
        expect(posted.status, posted.text).toBeLessThan(300);
        const history = await callApi<unknown>(
          b.url,
          org.token,
          "GET",
          `/api/key-results/${id}/check-ins`,
        );
        expect(history.status, history.text).toBe(200);
        expect(history.text).toContain(note);
        const kr = await callApi<Record<string, unknown>>(
          b.url,
          org.token,
          "GET",
          `/api/key-results/${id}`,
        );
        expect(kr.status, kr.text).toBe(200);
        expect(kr.text).toContain(`"lastCheckInAt"`);
        const body = (kr.body as { keyResult?: Record<string, unknown> }).keyResult ?? kr.body;
        if ((body as { kind?: string }).kind !== "percentage") {
          expect((body as { current?: unknown }).current).toBe(40 + i);
        }
      }
      // Two people save the same key result through different processes from one version.
      const contested = org.keyResultIds[0] as string;
      const seen = await callApi<Record<string, unknown>>(
        a.url,
        org.token,
        "GET",
        `/api/key-results/${contested}`,
      );
      const item = ((seen.body as { keyResult?: Record<string, unknown> }).keyResult ??
        seen.body) as { version: number };
      const edits = await Promise.all(
        [a, b].map((server, i) =>
          callApi(server.url, org.token, "PATCH", `/api/key-results/${contested}`, {
            version: item.version,
            title: `Edited through process ${i + 1}`,
          }),
        ),
      );
      expect(edits.map((e) => e.status).sort()).toEqual([200, 409]);
      expect(edits.find((e) => e.status === 409)?.text).toContain("version_conflict");
      const winner = edits.findIndex((e) => e.status === 200) + 1;
      const final = await callApi(b.url, org.token, "GET", `/api/key-results/${contested}`);
      expect(final.text).toContain(`Edited through process ${winner}`);
      expect(a.alive() && b.alive()).toBe(true);
    },
    SECONDS * 1000 + 120_000,
  );
});
