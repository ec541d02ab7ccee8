/** Over HTTP: a role title's holder sees its lines in My OKRs (with scores) and may check in. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { addAccount, openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("role owners over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(() => opened.close());

  it("answers My OKRs with roll-ups and lets the VP Sales check in, nobody else", async () => {
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(server.accounts.admin.token, method, path, body);
      const json = await readJson(response);
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const vp = await admin("POST", "/api/people", { name: "Vera Pike", title: "VP Sales" });
    const cfo = await admin("POST", "/api/people", { name: "Otto Ng", title: "CFO" });
    const vera = await addAccount(server.deps, "vera@example.com", "viewer", { personId: vp.id });
    const otto = await addAccount(server.deps, "otto@example.com", "viewer", { personId: cfo.id });
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    const objective = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Win the mid-market",
      owner: "vp sales",
    });
    const kr = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "40 new logos",
      kind: "metric",
      start: 0,
      target: 40,
      owner: "VP Sales",
    });

    const checkedIn = await server.call(vera.token, "POST", `/api/key-results/${kr.id}/check-ins`, {
      value: 30,
      health: "at_risk",
    });
    expect(checkedIn.status).toBe(201);
    const refused = await server.call(otto.token, "POST", `/api/key-results/${kr.id}/check-ins`, {
      value: 31,
    });
    expect(refused.status).toBe(403);

    const mine = await readJson(await server.call(vera.token, "GET", "/api/me/okrs"));
    expect(mine.objectives).toHaveLength(1);
    expect(mine.objectives[0].rollUp.score).toBeCloseTo(0.75);
    expect(mine.objectives[0].rollUp.explanation).toContain("40 new logos");
    expect(mine.keyResults.map((k: { title: string }) => k.title)).toEqual(["40 new logos"]);
    const others = await readJson(await server.call(otto.token, "GET", "/api/me/okrs"));
    expect(others).toEqual({
      objectives: [],
      keyResults: [],
      waitingForCheckIn: [],
      staleDays: 14,
    });

    const dashboard = await readJson(
      await server.call(vera.token, "GET", `/api/periods/${period.id}/dashboard`),
    );
    expect(dashboard.atRisk.items).toEqual([
      expect.objectContaining({
        title: "40 new logos",
        daysSince: 0,
        lastCheckInAt: expect.any(String),
      }),
    ]);
    // The role title's objective is scored for the person holding it, not as a nameless role.
    expect(dashboard.byOwner.items).toEqual([
      expect.objectContaining({ name: "Vera Pike", kind: "person", scored: 1, unscored: 0 }),
    ]);
    expect(dashboard.byOwner.items[0].score).toBeCloseTo(0.75);
  });
});
