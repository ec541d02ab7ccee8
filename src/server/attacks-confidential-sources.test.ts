/**
 * A key result whose target is confidential, fed by a source that reads a value: the value
 * reaches no non-insider through the source, its check-ins or their notes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { openSourceServer, type SourceServer } from "../../test/support/source-fixtures.js";
import { insertPerson } from "../store/people.repository.js";
import { addAccount, readJson } from "./test-harness.js";

const SECRET_START = 987600000;
const SECRET_TARGET = 987654321;
const SECRET_VALUE = 987654300;
const SECRET_DIGITS = /9876\d{3}|987[,.\s]?6\d\d/;

describe.each(DIALECTS)("a source on a confidential target (%s)", (dialect) => {
  let server: SourceServer;
  let metrics: Server;
  let ownerToken: string;
  let keyResultId: string;

  beforeAll(async () => {
    metrics = createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ value: SECRET_VALUE }));
    });
    await new Promise<void>((resolve) => metrics.listen(0, "127.0.0.1", resolve));
    const port = (metrics.address() as AddressInfo).port;
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
      name: "Finance",
      kind: "http",
      baseUrl: `http://127.0.0.1:${port}/`,
    });
    const [kr] = await server.addKeyResults(
      { period: "2026-Q1", objective: "Grow expansion revenue" },
      {
        title: "Reach the expansion IARR",
        kind: "metric",
        unit: "currency",
        start: SECRET_START,
        target: SECRET_TARGET,
        targetConfidential: true,
        owner: "Olive Owner",
      },
    );
    keyResultId = kr.id;
    await server.admin("PUT", `/api/key-results/${keyResultId}/source`, {
      connection: "Finance",
      config: { kind: "http_json", url: "iarr", path: "$.value" },
    });
    await server.runJobs();
  });
  afterAll(async () => {
    await new Promise((resolve) => metrics?.close(resolve));
    await server?.close();
  });

  async function read(token: string, path: string): Promise<string> {
    const response = await server.call(token, "GET", path);
    expect(response.status, path).toBe(200);
    return JSON.stringify(await readJson(response));
  }

  it("the reading was recorded (insiders see it)", async () => {
    const history = await read(
      server.accounts.admin.token,
      `/api/key-results/${keyResultId}/check-ins`,
    );
    expect(history).toContain(String(SECRET_VALUE));
  });

  it("no non-insider reads the value in the source, the check-ins or their notes", async () => {
    const leaks: string[] = [];
    for (const token of [server.accounts.viewer.token, ownerToken, server.accounts.editor.token]) {
      for (const path of [
        `/api/key-results/${keyResultId}/source`,
        `/api/key-results/${keyResultId}/check-ins`,
        `/api/key-results/${keyResultId}`,
      ]) {
        const body = await read(token, path);
        if (SECRET_DIGITS.test(body)) leaks.push(`${path}: ${body}`);
      }
    }
    expect(leaks).toEqual([]);
    const source = JSON.parse(await read(ownerToken, `/api/key-results/${keyResultId}/source`));
    expect(source.source).toMatchObject({
      lastReading: null,
      description: "a confidential value → 100%",
    });
  });

  it("its owner, no insider, cannot read a value through a source of their choosing", async () => {
    const body = {
      connection: "Finance",
      config: { kind: "http_json", url: "any", path: "$.value" },
    };
    for (const [method, path] of [
      ["POST", `/api/key-results/${keyResultId}/source/preview`],
      ["PUT", `/api/key-results/${keyResultId}/source`],
    ] as const) {
      const response = await server.call(ownerToken, method, path, body);
      expect(response.status, path).toBe(403);
      expect(JSON.stringify(await readJson(response))).not.toMatch(SECRET_DIGITS);
    }
    const admin = await server.admin(
      "POST",
      `/api/key-results/${keyResultId}/source/preview`,
      body,
    );
    expect(admin).toMatchObject({ value: SECRET_VALUE });
  });
});
