/**
 * A key result that follows a KPI checks in every reading of it, and everyone reads a KPI's
 * readings: its target cannot become confidential while it follows one, in whichever order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("a confidential target and a KPI (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  const admin = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    return { status: response.status, json: await readJson(response) };
  };

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("a key result following a KPI cannot be given a confidential target", async () => {
    const period = (await admin("POST", "/api/periods", { label: "2026-Q1" })).json;
    const objective = (
      await admin("POST", "/api/objectives", { periodId: period.id, title: "Grow revenue" })
    ).json;
    const kr = (
      await admin("POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Reach the revenue",
        kind: "metric",
        start: 987600000,
        target: 987654321,
      })
    ).json;
    const kpi = (await admin("POST", "/api/kpis", { name: "Revenue" })).json;
    expect((await admin("PUT", `/api/key-results/${kr.id}/kpi`, { kpiId: kpi.id })).status).toBe(
      200,
    );
    const patched = await admin("PATCH", `/api/key-results/${kr.id}`, {
      version: kr.version,
      targetConfidential: true,
    });
    expect(patched.status).toBe(400);
    expect(patched.json.error.details).toEqual([
      { path: "targetConfidential", message: "the key result follows a KPI" },
    ]);
    // Everyone reads the KPI: its readings must not be the hidden key result's values.
    await admin("POST", `/api/kpis/${kpi.id}/readings`, { value: 987654300 });
    const seen = await server.call(
      server.accounts.viewer.token,
      "GET",
      `/api/key-results/${kr.id}`,
    );
    expect((await readJson(seen)).hidden).toBe(false);
  });
});
