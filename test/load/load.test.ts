/**
 * Bounded load, 127.0.0.1 only: 50 connections of mixed tree and dashboard reads and
 * check-ins for a few seconds (OKR_LOAD_SECONDS, default 10) against one app process on
 * SQLite and against two app processes on one PostgreSQL. No request may fail, and on
 * PostgreSQL a check-in made through one process is visible through the other at once.
 * Correctness only: nothing here depends on how fast the machine is. Throughput and latency
 * are measured by `npm run bench -- --load` (the full 30 s run with its targets).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { formatLoadResults, runMixedLoad } from "../../bench/support/load.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { type ServerProcess, spawnServer } from "../../bench/support/server.js";
import { openDatabase } from "../../src/store/database.js";
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

/** No answer is too slow for these checks (a busy machine is no failure); only wrong ones fail. */
const PATIENT = { timeoutMs: 300_000 };

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Check-ins stored in the database at `url`, counted straight from the table. */
async function storedCheckIns(url: string): Promise<number> {
  const opened = await openDatabase(url, { poolSize: 1 });
  try {
    const row = await opened.db
      .selectFrom("check_ins")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await opened.close();
  }
}

/** Checks in through `writer` and reads it back through `reader` straight after: history and state. */
async function expectReadYourWrites(
  writer: ServerProcess,
  reader: ServerProcess,
  token: string,
  keyResultIds: readonly string[],
): Promise<void> {
  for (const [i, id] of keyResultIds.slice(0, 5).entries()) {
    const note = `read back at once ${i}`;
    const posted = await callApi(
      writer.url,
      token,
      "POST",
      `/api/key-results/${id}/check-ins`,
      {
        value: 40 + i,
        confidence: 7,
        note,
      },
      PATIENT,
    );
    expect(posted.status, posted.text).toBe(201);
    const history = await callApi(
      reader.url,
      token,
      "GET",
      `/api/key-results/${id}/check-ins`,
      undefined,
      PATIENT,
    );
    expect(history.status, history.text).toBe(200);
    expect(history.text).toContain(note);
    const kr = await callApi<{ current?: unknown }>(
      reader.url,
      token,
      "GET",
      `/api/key-results/${id}`,
      undefined,
      PATIENT,
    );
    expect(kr.status, kr.text).toBe(200);
    expect(kr.body.current).toBe(40 + i);
  }
}

describe("load", () => {
  it(
    "SQLite, one process: 50 connections of reads and check-ins without one error, none lost, each read back at once",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "okr-load-"));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const org = await prepareOrg(`sqlite:${join(dir, "load.db")}`, ORG);
      const server = await spawnServer({ databaseUrl: org.url });
      cleanups.push(() => server.stop());
      const before = await storedCheckIns(org.url);
      const result = await runMixedLoad("sqlite", [{ url: server.url, token: org.token }], {
        periodId: org.periodId,
        keyResultIds: org.keyResultIds,
        seconds: SECONDS,
        connections: 50,
        // A slow answer is no error here: this test checks what is answered, the bench how fast.
        timeoutSeconds: SECONDS + 300,
      });
      console.log(formatLoadResults([result]));
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.checkIns).toBeGreaterThan(0);
      // Every check-in answered 201 is stored (one cut off by the end of the run may be too).
      expect(await storedCheckIns(org.url)).toBeGreaterThanOrEqual(before + result.checkIns);
      await expectReadYourWrites(server, server, org.token, org.keyResultIds);
      expect(server.alive()).toBe(true);
    },
    SECONDS * 1000 + 400_000,
  );

  it(
    "PostgreSQL, two processes on one database: no error, none lost, a check-in through one is read back through the other at once, and concurrent edits conflict",
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
      const before = await storedCheckIns(org.url);
      const result = await runMixedLoad(
        "postgres",
        servers.map((s) => ({ url: s.url, token: org.token })),
        {
          periodId: org.periodId,
          keyResultIds: org.keyResultIds,
          seconds: SECONDS,
          connections: 50,
          // A slow answer is no error here: this test checks what is answered, the bench how fast.
          timeoutSeconds: SECONDS + 300,
        },
      );
      console.log(formatLoadResults([result]));
      expect(result.samples).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.checkIns).toBeGreaterThan(0);

      // Every check-in answered 201 is stored (one cut off by the end of the run may be too).
      expect(await storedCheckIns(org.url)).toBeGreaterThanOrEqual(before + result.checkIns);
      // Read-your-writes across processes: check in through A, read through B straight after.
      await expectReadYourWrites(a, b, org.token, org.keyResultIds);
      // Two people save the same key result through different processes from one version.
      const contested = org.keyResultIds[0] as string;
      const seen = await callApi<Record<string, unknown>>(
        a.url,
        org.token,
        "GET",
        `/api/key-results/${contested}`,
        undefined,
        PATIENT,
      );
      const item = ((seen.body as { keyResult?: Record<string, unknown> }).keyResult ??
        seen.body) as { version: number };
      const edits = await Promise.all(
        [a, b].map((server, i) =>
          callApi(
            server.url,
            org.token,
            "PATCH",
            `/api/key-results/${contested}`,
            {
              version: item.version,
              title: `Edited through process ${i + 1}`,
            },
            PATIENT,
          ),
        ),
      );
      expect(edits.map((e) => e.status).sort()).toEqual([200, 409]);
      expect(edits.find((e) => e.status === 409)?.text).toContain("version_conflict");
      const winner = edits.findIndex((e) => e.status === 200) + 1;
      const final = await callApi(
        b.url,
        org.token,
        "GET",
        `/api/key-results/${contested}`,
        undefined,
        PATIENT,
      );
      expect(final.text).toContain(`Edited through process ${winner}`);
      expect(a.alive() && b.alive()).toBe(true);
    },
    SECONDS * 1000 + 420_000,
  );
});
