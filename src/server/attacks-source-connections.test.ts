/**
 * A source reads any path under a connection an admin made: only editors point a key result at
 * one (its owner who is a viewer may not); the source's error, shown to everyone who sees the
 * key result, says what kind of value the path led to, never the value; and the connection's
 * token follows no redirect elsewhere.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { openSourceServer, type SourceServer } from "../../test/support/source-fixtures.js";
import { insertPerson } from "../store/people.repository.js";
import { addAccount, readJson } from "./test-harness.js";

const SECRET = "hunter2-the-build-password";

describe.each(DIALECTS)("a source's errors (%s)", (dialect) => {
  let server: SourceServer;
  let endpoint: Server;
  let elsewhere: Server;
  const heardElsewhere: string[] = [];
  let ownerToken: string;
  let keyResultId: string;

  beforeAll(async () => {
    elsewhere = createServer((request, response) => {
      heardElsewhere.push(String(request.headers["x-api-key"]));
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ value: 1 }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const away = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/collect`;
    endpoint = createServer((request, response) => {
      if (request.url === "/away") {
        response.writeHead(302, { location: away });
        response.end();
        return;
      }
      if (request.url === "/here") {
        response.writeHead(301, { location: "/status" });
        response.end();
        return;
      }
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ uptime: 0.99, admin: { password: SECRET } }));
    });
    await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
    server = await openSourceServer(dialect);
    const personId = server.deps.newId();
    await insertPerson(server.deps.db, {
      id: personId,
      name: "Olive Owner",
      email: null,
      title: null,
      teamId: null,
    });
    ownerToken = (await addAccount(server.deps, "owner@example.com", "viewer", { personId })).token;
    await server.admin("POST", "/api/connections", {
      name: "Status",
      kind: "http",
      baseUrl: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`,
      token: "status-token",
      authHeader: "x-api-key",
    });
    const [kr] = await server.addKeyResults(
      { period: "2026-Q1", objective: "Stay up" },
      { title: "Uptime", kind: "metric", start: 0.9, target: 0.999, owner: "Olive Owner" },
    );
    keyResultId = kr.id;
  });
  afterAll(async () => {
    await new Promise((resolve) => endpoint?.close(resolve));
    await new Promise((resolve) => elsewhere?.close(resolve));
    await server?.close();
  });

  it("never quote what a path led to, in a preview or in the source everyone reads", async () => {
    const body = {
      connection: "Status",
      config: { kind: "http_json", url: "status", path: "$.admin.password" },
    };
    const path = `/api/key-results/${keyResultId}/source`;
    for (const [method, at] of [
      ["POST", `${path}/preview`],
      ["PUT", path],
    ] as const) {
      const refused = await server.call(ownerToken, method, at, body);
      expect(refused.status).toBe(403);
      expect((await readJson(refused)).error.message).toContain(
        "reads through a connection's token, which reaches far more than this key result",
      );
    }
    const editor = server.accounts.editor.token;
    const preview = await server.call(editor, "POST", `${path}/preview`, body);
    expect(preview.status).toBe(502);
    expect((await readJson(preview)).error.message).toBe(
      "The JSON path '$.admin.password' leads to text, not a number",
    );
    const set = await server.call(editor, "PUT", path, body);
    expect(set.status).toBe(200);
    await server.runJobs();
    const seen = await server.call(
      server.accounts.viewer.token,
      "GET",
      `/api/key-results/${keyResultId}/source`,
    );
    const source = (await readJson(seen)).source;
    expect(source.lastError).toBe("The JSON path '$.admin.password' leads to text, not a number");
    expect(JSON.stringify(source)).not.toContain(SECRET);
  });

  it("follow a redirect within the connection's address, and none elsewhere", async () => {
    const preview = (url: string) =>
      server.call(
        server.accounts.editor.token,
        "POST",
        `/api/key-results/${keyResultId}/source/preview`,
        {
          connection: "Status",
          config: { kind: "http_json", url, path: "$.uptime" },
        },
      );
    const here = await preview("here");
    expect(here.status).toBe(200);
    expect((await readJson(here)).value).toBe(0.99);
    const away = await preview("away");
    expect(away.status).toBe(502);
    expect((await readJson(away)).error.message).toMatch(
      /redirected to http:\/\/127\.0\.0\.1:\d+, another address/,
    );
    expect(heardElsewhere).toEqual([]);
  });
});
