/** Bad requests to the OKR routes get the right status, code and a message that says where. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("bad requests (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let token: string;
  let periodId: string;
  let objectiveId: string;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    token = server.accounts.editor.token;
    periodId = (
      await readJson(await server.call(token, "POST", "/api/periods", { label: "2026-Q1" }))
    ).id;
    objectiveId = (
      await readJson(
        await server.call(token, "POST", "/api/objectives", { periodId, title: "Be faster" }),
      )
    ).id;
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("refuses a stale version with 409 and the item as it is now", async () => {
    const first = await server.call(token, "PATCH", `/api/objectives/${objectiveId}`, {
      version: 1,
      title: "Be much faster",
    });
    expect(first.status).toBe(200);
    const stale = await server.call(token, "PATCH", `/api/objectives/${objectiveId}`, {
      version: 1,
      title: "Be slow",
    });
    expect(stale.status).toBe(409);
    const body = await readJson(stale);
    expect(body.error.code).toBe("version_conflict");
    expect(body.error.details.current).toMatchObject({
      id: objectiveId,
      version: 2,
      title: "Be much faster",
    });
  });

  it("names every wrong field, with its path", async () => {
    const response = await server.call(token, "POST", "/api/key-results", {
      objectiveId,
      title: "",
      kind: "magic",
      start: "ten",
      links: [{ url: "" }],
    });
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.error.code).toBe("invalid_input");
    const paths = body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["kind", "links.0.url", "start", "title"]);
    expect(body.error.message).toMatch(/and 3 more/);
  });

  it("answers 400 for a missing body, a bad query and a malformed path value", async () => {
    const noBody = await server.call(token, "POST", "/api/periods");
    expect(noBody.status).toBe(400);
    expect((await readJson(noBody)).error.details[0].path).toBe("label");
    const emptyJson = await server.call(token, "POST", "/api/periods", {});
    expect(emptyJson.status).toBe(400);
    expect((await readJson(emptyJson)).error.details[0].path).toBe("label");
    const query = await server.call(
      token,
      "GET",
      `/api/periods/${periodId}/dashboard?staleDays=-3`,
    );
    expect(query.status).toBe(400);
    expect((await readJson(query)).error.details[0].path).toBe("query.staleDays");
    const longId = await server.call(token, "GET", `/api/objectives/${"x".repeat(200)}`);
    expect(longId.status).toBe(400);
    expect((await readJson(longId)).error.details[0].path).toBe("param.id");
  });

  it("answers 404 for unknown ids on every kind of resource", async () => {
    for (const path of [
      "/api/periods/01NOPE",
      "/api/periods/01NOPE/tree",
      "/api/objectives/01NOPE",
      "/api/key-results/01NOPE",
      "/api/key-results/01NOPE/check-ins",
      "/api/people/01NOPE",
      "/api/teams/01NOPE",
    ]) {
      const response = await server.call(token, "GET", path);
      expect(response.status, path).toBe(404);
      expect((await readJson(response)).error.code, path).toBe("not_found");
    }
    const write = await server.call(token, "POST", "/api/key-results/01NOPE/check-ins", {
      value: 1,
    });
    expect(write.status).toBe(404);
  });

  it("answers 422 with the domain rule's code", async () => {
    const same = await server.call(token, "POST", "/api/key-results", {
      objectiveId,
      title: "From 5 to 5",
      kind: "metric",
      start: 5,
      target: 5,
    });
    expect(same.status).toBe(422);
    expect((await readJson(same)).error.code).toBe("target_equals_start");
    const unknownLabel = await server.call(token, "POST", "/api/periods", { label: "next spring" });
    expect(unknownLabel.status).toBe(422);
    expect((await readJson(unknownLabel)).error.code).toBe("unknown_period_label");
  });

  it("answers 401 to a wrong token even on public routes, and never a stack", async () => {
    const response = await server.call("okr_not-a-real-token", "GET", "/api/setup");
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain("unauthenticated");
    expect(text).not.toMatch(/\bat \S+:\d+:\d+/);
  });
});
