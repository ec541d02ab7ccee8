/**
 * The answer cache across processes: two servers on one PostgreSQL database. Answers read
 * through B are cached there; a write through A is visible through B at once (its next read
 * sees the period's write counter moved), for the tree, an objective's roll-up and the
 * dashboard, and for a workspace-wide write (a person) too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { type ServerProcess, spawnServer } from "../../bench/support/server.js";
import { createEmptyDatabase, type EmptyDatabase } from "../../test/support/databases.js";

const ORG = { people: 60, teams: 12, quarters: 1, objectives: 40, keyResults: 120, checkIns: 400 };

interface TreeAnswer {
  roots: {
    objective: { id: string };
    rollUp: { score: number | null };
    keyResults: { keyResult: { id: string; progress: number | null } }[];
  }[];
}

describe("answers cached in one process, written through another (postgres)", () => {
  let database: EmptyDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let token = "";
  let periodId = "";
  beforeAll(async () => {
    database = await createEmptyDatabase("postgres");
    const org = await prepareOrg(database.url, ORG);
    token = org.token;
    periodId = org.periodId;
    [a, b] = await Promise.all([
      spawnServer({ databaseUrl: database.url }),
      spawnServer({ databaseUrl: database.url }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  const get = async <T>(server: ServerProcess, path: string): Promise<T> => {
    const answer = await callApi<T>(server.url, token, "GET", path);
    expect(answer.status, answer.text.slice(0, 200)).toBe(200);
    return answer.body;
  };

  it("shows a check-in through A in B's next tree, roll-up and dashboard", async () => {
    const treePath = `/api/periods/${periodId}/tree`;
    const before = await get<TreeAnswer>(b, treePath);
    // Twice: the second answer comes from B's cache.
    expect(await get<TreeAnswer>(b, treePath)).toEqual(before);
    const dashboardPath = `/api/periods/${periodId}/dashboard?limit=200`;
    const dashboard = await get<{ atRisk: { items: { id: string }[] } }>(b, dashboardPath);
    const atRisk = new Set(dashboard.atRisk.items.map((i) => i.id));
    // A key result at the top that is not at risk yet.
    const root = before.roots.find((r) => r.keyResults.some((k) => !atRisk.has(k.keyResult.id)));
    const kr = root?.keyResults.find((k) => !atRisk.has(k.keyResult.id))?.keyResult;
    if (!root || !kr) throw new Error("the organisation has no key result to check in on");
    const rollUpPath = `/api/objectives/${root.objective.id}/roll-up`;
    await get(b, rollUpPath);

    const progress = kr.progress === 0.123 ? 0.321 : 0.123;
    const written = await callApi(a.url, token, "POST", `/api/key-results/${kr.id}/check-ins`, {
      progress,
      health: "at_risk",
    });
    expect(written.status, written.text).toBe(201);

    const after = await get<TreeAnswer>(b, treePath);
    const seen = after.roots
      .find((r) => r.objective.id === root.objective.id)
      ?.keyResults.find((k) => k.keyResult.id === kr.id)?.keyResult;
    expect(seen?.progress).toBe(progress);
    const rollUp = await get<{ contributions: { id: string; progress: number | null }[] }>(
      b,
      rollUpPath,
    );
    expect(rollUp.contributions.find((c) => c.id === kr.id)?.progress).toBe(progress);
    const dashboardAfter = await get<{ atRisk: { items: { id: string }[] } }>(b, dashboardPath);
    expect(dashboardAfter.atRisk.items.map((i) => i.id)).toContain(kr.id);
  });

  it("shows a workspace-wide write through A in B's next dashboard", async () => {
    const dashboardPath = `/api/periods/${periodId}/dashboard?limit=200`;
    const before = await get<{ byTeam: { total: number } }>(b, dashboardPath);
    const team = await callApi(a.url, token, "POST", "/api/teams", { name: "Brand new team" });
    expect(team.status, team.text).toBe(201);
    const after = await get<{ byTeam: { total: number; items: { name: string }[] } }>(
      b,
      dashboardPath,
    );
    expect(after.byTeam.total).toBe(before.byTeam.total + 1);
    expect(after.byTeam.items.map((t) => t.name)).toContain("Brand new team");
  });
});
