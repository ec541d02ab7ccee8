/**
 * The tree over HTTP: its ETag changes with anything visible (a check-in, the viewer's
 * clearance), a repeat with the ETag gets 304, and gzip gives back exactly the same JSON.
 */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("tree read over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let treePath: string;
  let krId: string;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(server.accounts.admin.token, method, path, body);
      const json = await readJson(response);
      if (response.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
      return json;
    };
    const period = await admin("POST", "/api/periods", { label: "2026-Q2" });
    treePath = `/api/periods/${period.id}/tree`;
    // Enough items for a tree of well over 64 kB, the size from which it is gzipped at once.
    for (let o = 0; o < 40; o++) {
      const objective = await admin("POST", "/api/objectives", {
        periodId: period.id,
        title: `Objective number ${o} with a title long enough to weigh something`,
      });
      for (let k = 0; k < 3; k++) {
        const kr = await admin("POST", "/api/key-results", {
          objectiveId: objective.id,
          title: `Key result ${k} of objective ${o}, measured from 0 to 100`,
          kind: "metric",
          start: 0,
          target: 100,
          targetConfidential: o === 0 && k === 0,
        });
        krId ??= kr.id;
      }
    }
  });
  afterAll(async () => {
    await opened?.close();
  });

  const get = (token: string, headers: Record<string, string> = {}) =>
    server.call(token, "GET", treePath, undefined, headers);

  it("answers 304 to a repeat with the ETag, and a new ETag after a check-in", async () => {
    const token = server.accounts.editor.token;
    const first = await get(token);
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag") ?? "";
    expect(tag).toMatch(/^W\/"/);
    expect((await get(token, { "if-none-match": tag })).status).toBe(304);

    const checkedIn = await server.call(token, "POST", `/api/key-results/${krId}/check-ins`, {
      progress: 0.4,
    });
    expect(checkedIn.status).toBe(201);
    const after = await get(token, { "if-none-match": tag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(tag);
  });

  it("gives an insider and a viewer different ETags when a target is confidential", async () => {
    const insider = await get(server.accounts.insider.token);
    const viewer = await get(server.accounts.viewer.token);
    expect(insider.headers.get("etag")).not.toBe(viewer.headers.get("etag"));
    const viewerTag = viewer.headers.get("etag") ?? "";
    expect((await get(server.accounts.insider.token, { "if-none-match": viewerTag })).status).toBe(
      200,
    );
  });

  it("gzips a large tree when asked, to exactly the JSON sent uncompressed", async () => {
    const token = server.accounts.editor.token;
    const plain = await get(token, { "accept-encoding": "identity" });
    const plainText = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plainText.length).toBeGreaterThan(64 * 1024);

    const zipped = await get(token, { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(zipped.headers.get("cache-control")).toBe("private, no-cache");
    expect(zipped.headers.get("x-request-id"), "a request id on the zipped answer").toMatch(/\S/);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(plainText.length / 4);
    expect(gunzipSync(bytes).toString("utf8")).toBe(plainText);
    expect(JSON.parse(plainText).count).toEqual({ objectives: 40, keyResults: 120 });
  });
});
