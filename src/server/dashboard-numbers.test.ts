/**
 * The dashboard over HTTP hides what the tree hides: a confidential target's figures leave the
 * titles of its at-risk and stale lists, as they leave the tree's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe("the dashboard's lists as a viewer reads them", () => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let periodId: string;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(server.accounts.admin.token, method, path, body);
      const json = await readJson(response);
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    // A quarter long begun: a key result never checked in is stale.
    const period = await admin("POST", "/api/periods", { label: "2020-Q1" });
    periodId = period.id;
    const objective = await admin("POST", "/api/objectives", {
      periodId,
      title: "Grow revenue",
    });
    const arr = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Grow ARR from 4,321,000 to 8,765,000",
      start: 4_321_000,
      target: 8_765_000,
      targetConfidential: true,
    });
    await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Book 7,654,000 in new deals",
      start: 0,
      target: 7_654_000,
      targetConfidential: true,
    });
    await admin("POST", `/api/key-results/${arr.id}/check-ins`, {
      value: 5_432_000,
      health: "at_risk",
    });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("shows the titles with their figures hidden, as the tree does", async () => {
    const read = async (path: string) =>
      readJson(await server.call(server.accounts.viewer.token, "GET", path));
    const dashboard = await read(`/api/periods/${periodId}/dashboard?staleDays=1`);
    const tree = await read(`/api/periods/${periodId}/tree`);
    const titles = new Map<string, string>(
      tree.roots[0].keyResults.map((k: { keyResult: { id: string; title: string } }) => [
        k.keyResult.id,
        k.keyResult.title,
      ]),
    );
    const listed = [...dashboard.atRisk.items, ...dashboard.stale.items];
    expect(listed.length).toBeGreaterThan(0);
    for (const kr of listed) expect(kr.title).toBe(titles.get(kr.id));
    expect(JSON.stringify(dashboard)).not.toMatch(/4,321|8,765|7,654|5,432|4321|8765|7654|5432/);
    const stale = await read(`/api/periods/${periodId}/dashboard/stale?staleDays=1`);
    expect(JSON.stringify(stale)).not.toMatch(/4,321|8,765|7,654|4321|8765|7654/);
  });
});
