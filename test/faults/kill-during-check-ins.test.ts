/**
 * Power cut in the middle of a stream of check-ins: the server is killed with SIGKILL while
 * clients keep checking in. After a restart every check-in that was acknowledged (2xx) is
 * there, and the data is consistent: each key result holds its latest check-in, and there is
 * one audit event per check-in (both written in one transaction, or neither).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { type ServerProcess, spawnServer } from "../../bench/support/server.js";
import { openDatabase } from "../../src/store/database.js";
import { createEmptyDatabase, DIALECTS } from "../support/databases.js";

const ORG = { people: 40, teams: 10, quarters: 1, objectives: 20, keyResults: 40, checkIns: 0 };
const CLIENTS = 8;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function databaseUrlFor(dialect: (typeof DIALECTS)[number]): Promise<string> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "okr-kill-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return `sqlite:${join(dir, "okr.db")}`;
  }
  const database = await createEmptyDatabase("postgres");
  cleanups.push(() => database.drop());
  return database.url;
}

interface Ack {
  keyResultId: string;
  note: string;
  value: number;
}

/** Clients check in as fast as they can until the server stops answering. */
async function streamCheckIns(
  server: ServerProcess,
  token: string,
  keyResultIds: readonly string[],
  onAck: (ack: Ack) => void,
): Promise<{ sent: number; failed: number; firstFailure: string | undefined }> {
  let sent = 0;
  let failed = 0;
  let counter = 0;
  let firstFailure: string | undefined;
  // Never loop forever: if the server has not been killed within 30 s, stop and fail.
  const deadline = Date.now() + 30_000;
  const client = async (c: number) => {
    while (Date.now() < deadline) {
      const n = counter++;
      const keyResultId = keyResultIds[(n * 7 + c) % keyResultIds.length] as string;
      const value = n % 97;
      const note = `stream ${n}`;
      sent += 1;
      try {
        const answer = await callApi(
          server.url,
          token,
          "POST",
          `/api/key-results/${keyResultId}/check-ins`,
          { value, note },
          5000,
        );
        if (answer.status >= 200 && answer.status < 300) onAck({ keyResultId, note, value });
        else {
          failed += 1;
          firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
        }
      } catch {
        failed += 1;
        if (!server.alive()) return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return { sent, failed, firstFailure };
}

describe.each(DIALECTS)("kill -9 during check-ins (%s)", (dialect) => {
  it("keeps every acknowledged check-in and stays consistent after a restart", async () => {
    const org = await prepareOrg(await databaseUrlFor(dialect), ORG);
    const server = await spawnServer({ databaseUrl: org.url });
    cleanups.push(() => server.kill());
    const acks: Ack[] = [];
    let killed = false;
    const stream = streamCheckIns(server, org.token, org.keyResultIds, (ack) => {
      acks.push(ack);
      if (acks.length >= 150 && !killed) {
        killed = true;
        void server.kill();
      }
    });
    const { sent, firstFailure } = await stream;
    expect(killed, `check-ins were not acknowledged: ${firstFailure}`).toBe(true);
    expect(sent).toBeGreaterThan(acks.length);

    // Restart on the same database: it must come up, and answer for what it acknowledged.
    const again = await spawnServer({ databaseUrl: org.url });
    cleanups.push(() => again.stop());
    const opened = await openDatabase(org.url);
    try {
      const db = opened.db;
      const notes = new Set(
        (
          await db
            .selectFrom("check_ins")
            .select("note")
            .where("note", "like", "stream %")
            .execute()
        ).map((row) => row.note),
      );
      const missing = acks.filter((ack) => !notes.has(ack.note));
      expect(missing, "acknowledged check-ins lost").toEqual([]);

      // Each key result holds its latest check-in.
      const krs = await db
        .selectFrom("key_results")
        .select(["id", "kind", "current_value", "last_check_in_at"])
        .where("period_id", "=", org.periodId)
        .execute();
      const checkIns = await db
        .selectFrom("check_ins")
        .select(["id", "key_result_id", "value", "created_at"])
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      const latest = new Map<string, (typeof checkIns)[number]>();
      for (const row of checkIns) latest.set(row.key_result_id, row);
      for (const kr of krs) {
        const last = latest.get(kr.id);
        if (!last) continue;
        expect(kr.last_check_in_at, `key result ${kr.id}`).toBe(last.created_at);
        if (kr.kind !== "percentage")
          expect(kr.current_value, `key result ${kr.id}`).toBe(last.value);
      }

      // One audit event per check-in: written together or not at all.
      const audited = await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", "check_in")
        .executeTakeFirst();
      expect(Number(audited?.n ?? 0)).toBe(checkIns.length);
    } finally {
      await opened.close();
    }

    // And the restarted server answers from the same data.
    const sample = acks[acks.length - 1] as Ack;
    const history = await callApi(
      again.url,
      org.token,
      "GET",
      `/api/key-results/${sample.keyResultId}/check-ins`,
    );
    expect(history.status).toBe(200);
    expect(history.text).toContain(sample.note);
  }, 120_000);
});
