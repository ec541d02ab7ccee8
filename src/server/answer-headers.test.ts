/**
 * Every answer carries the request's headers (security policy, request id, caching), whichever
 * way it was made: a JSON answer made whole, an error before any route, an ETag's 304, an
 * answer with a cookie, a static file, a large answer gzipped as it is sent. Over a real socket,
 * so what is checked is what the Node adapter wrote. (SQLite alone: no SQL is in question.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "../../test/support/databases.js";
import { createApiToken, createUser } from "../app/accounts.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { createKeyResult } from "../app/key-results.js";
import { createObjective } from "../app/objectives.js";
import { createPeriod } from "../app/periods.js";
import { silentLogger } from "./logger.js";
import { CONTENT_SECURITY_POLICY } from "./security-headers.js";
import { type RunningServer, startServer } from "./start.js";
import { readJson } from "./test-harness.js";

const PASSWORD = "answer headers password";

/** Asserts the headers every answer carries, and the request id it was sent with. */
function expectEveryAnswerHeader(response: Response, requestId: string, what: string): void {
  expect(response.headers.get("content-security-policy"), what).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(response.headers.get("x-request-id"), what).toBe(requestId);
}

/** Asserts what every API answer carries besides: never kept by a shared cache. */
function expectApiAnswerHeaders(response: Response, what: string): void {
  expect(response.headers.get("cache-control"), what).toBe("private, no-cache");
  expect(response.headers.get("vary"), what).toMatch(/accept-encoding/i);
}

describe("answer headers over a real socket", () => {
  let empty: EmptyDatabase;
  let server: RunningServer;
  let webRoot: string;
  let token: string;
  let keyResultId: string;

  beforeAll(async () => {
    empty = await createEmptyDatabase("sqlite");
    webRoot = mkdtempSync(join(tmpdir(), "okr-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>okr</title>");
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: empty.url,
      exampleData: false,
      handleSignals: false,
      logger: silentLogger(),
      server: { webRoot },
    });
    const user = await createUser(server.deps, SYSTEM_ACTOR, {
      email: "headers@example.com",
      name: "Headers",
      role: "admin",
      password: PASSWORD,
    });
    token = (await createApiToken(server.deps, SYSTEM_ACTOR, { name: "headers" }, user.id)).secret;
    const period = await createPeriod(server.deps, SYSTEM_ACTOR, {
      label: "FY27-Q1",
      start: "2026-11-01",
      end: "2027-01-31",
    });
    const objective = await createObjective(server.deps, SYSTEM_ACTOR, {
      periodId: period.id,
      title: "Answers carry their headers",
    });
    const keyResult = await createKeyResult(server.deps, SYSTEM_ACTOR, {
      objectiveId: objective.id,
      title: "Headers on 100% of answers",
      kind: "percentage",
    });
    keyResultId = keyResult.id;
  });
  afterAll(async () => {
    await server?.close();
    await empty?.drop();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  const send = (path: string, init: RequestInit & { requestId: string }) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { "x-request-id": init.requestId, ...(init.headers as Record<string, string>) },
    });

  it("a check-in's answer carries them all, with its type and exact length", async () => {
    const response = await send(`/api/key-results/${keyResultId}/check-ins`, {
      requestId: "check-in-1",
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ progress: 0.4, note: "headers" }),
    });
    expect(response.status).toBe(201);
    expectEveryAnswerHeader(response, "check-in-1", "check-in");
    expectApiAnswerHeaders(response, "check-in");
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("content-length")).toBe(String(body.byteLength));
    expect(JSON.parse(body.toString("utf8")).keyResult.progress).toBe(0.4);
  });

  it("an answer refused before any route (unknown token) carries them", async () => {
    const response = await send("/api/objectives", {
      requestId: "refused-1",
      headers: { authorization: "Bearer okr_not-a-real-token" },
    });
    expect(response.status).toBe(401);
    expectEveryAnswerHeader(response, "refused-1", "401");
    expectApiAnswerHeaders(response, "401");
    expect((await readJson(response)).error.code).toBe("unauthenticated");
  });

  it("a repeated read answered 304 from its ETag carries them", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const first = await send(`/api/key-results/${keyResultId}`, {
      requestId: "read-1",
      headers: auth,
    });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await send(`/api/key-results/${keyResultId}`, {
      requestId: "read-2",
      headers: { ...auth, "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expectEveryAnswerHeader(again, "read-2", "304");
  });

  it("a sign-in that sets a cookie carries the cookie and them", async () => {
    const response = await send("/api/session", {
      requestId: "sign-in-1",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "headers@example.com", password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expectEveryAnswerHeader(response, "sign-in-1", "sign-in");
    expectApiAnswerHeaders(response, "sign-in");
  });

  it("the web app's page carries them, and no API caching rule", async () => {
    const response = await send("/", { requestId: "page-1" });
    expect(response.status).toBe(200);
    expectEveryAnswerHeader(response, "page-1", "page");
    expect(response.headers.get("cache-control")).not.toBe("private, no-cache");
  });

  it("an answer too large to gzip at once is gzipped as it is sent, and carries them", async () => {
    const response = await send("/api/openapi.json", {
      requestId: "large-1",
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect((await response.text()).length).toBeGreaterThan(64 * 1024);
    expectEveryAnswerHeader(response, "large-1", "large");
    expectApiAnswerHeaders(response, "large");
  });
});
