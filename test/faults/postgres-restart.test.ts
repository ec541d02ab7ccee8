/**
 * PostgreSQL restarts under load: while it is down, requests get 503 `database_unavailable`
 * (never a 500, never a hang); once it is back, the same server answers 200 again. The server
 * process never dies. Runs on a PostgreSQL of its own, so no other suite sees the outage.
 */
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import {
  type ControllablePostgres,
  startControllablePostgres,
} from "../../bench/support/postgres.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { spawnServer } from "../../bench/support/server.js";

const ORG = { people: 40, teams: 10, quarters: 1, objectives: 30, keyResults: 60, checkIns: 200 };

let postgres: ControllablePostgres | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await postgres?.destroy();
});

/** A request that was in flight while the database went down or came back counts as "down". */
function spanned(start: Seen["phase"], end: Seen["phase"]): Seen["phase"] {
  return start === end ? start : "down";
}

interface Seen {
  phase: "before" | "down" | "after";
  status: number;
  code: string | undefined;
  text: string;
}

describe("PostgreSQL restart under load", () => {
  it("answers 503 database_unavailable while the database is down and recovers without a restart", async () => {
    postgres = await startControllablePostgres();
    const url = new URL(postgres.url);
    url.pathname = "/postgres";
    const org = await prepareOrg(url.toString(), ORG);
    const server = await spawnServer({ databaseUrl: org.url });
    cleanups.push(() => server.stop());

    let phase: Seen["phase"] = "before";
    let running = true;
    const seen: Seen[] = [];
    const client = async (c: number) => {
      let n = 0;
      while (running) {
        n += 1;
        const id = org.keyResultIds[(n + c) % org.keyResultIds.length] as string;
        const request =
          n % 2 === 0
            ? callApi(
                server.url,
                org.token,
                "GET",
                `/api/periods/${org.periodId}/tree`,
                undefined,
                10_000,
              )
            : callApi(
                server.url,
                org.token,
                "POST",
                `/api/key-results/${id}/check-ins`,
                { value: n % 50, note: "restart" },
                10_000,
              );
        const at = phase;
        try {
          const answer = await request;
          const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
          seen.push({
            phase: spanned(at, phase),
            status: answer.status,
            code,
            text: answer.text.slice(0, 300),
          });
        } catch (error) {
          seen.push({ phase: spanned(at, phase), status: 0, code: undefined, text: String(error) });
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const clients = Promise.all([0, 1, 2, 3].map(client));

    await new Promise((r) => setTimeout(r, 1000));
    phase = "down";
    await postgres.stop();
    await new Promise((r) => setTimeout(r, 2000));
    await postgres.start();
    phase = "after";
    // Give the pool a moment to reconnect, then require success.
    const deadline = Date.now() + 15_000;
    let recovered = false;
    while (Date.now() < deadline && !recovered) {
      await new Promise((r) => setTimeout(r, 250));
      const recent = seen.filter((s) => s.phase === "after").slice(-8);
      recovered = recent.length >= 8 && recent.every((s) => s.status >= 200 && s.status < 300);
    }
    running = false;
    await clients;

    const before = seen.filter((s) => s.phase === "before");
    const down = seen.filter((s) => s.phase === "down");
    expect(before.length).toBeGreaterThan(0);
    expect(
      before.every((s) => s.status >= 200 && s.status < 300),
      JSON.stringify(before.find((s) => s.status >= 300)),
    ).toBe(true);
    // While down: only 503 database_unavailable (or a success that finished before the stop).
    const failures = down.filter((s) => s.status < 200 || s.status >= 300);
    expect(failures.length).toBeGreaterThan(0);
    const wrong = failures.filter((s) => s.status !== 503 || s.code !== "database_unavailable");
    expect(wrong, "answers other than 503 database_unavailable").toEqual([]);
    expect(seen.some((s) => s.status === 500)).toBe(false);
    expect(seen.every((s) => !/\n\s+at /.test(s.text))).toBe(true);
    expect(recovered, "the server answered 2xx again after the database came back").toBe(true);
    expect(server.alive()).toBe(true);
    const health = await callApi(server.url, null, "GET", "/api/health");
    expect(health.status).toBe(200);
  }, 120_000);
});
