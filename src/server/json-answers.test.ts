/**
 * JSON answers as a browser receives them: small ones as they are, larger ones gzipped when
 * asked for, each saying its length; reads carry an ETag of the JSON that a repeated GET turns
 * into 304, whatever the encoding; writes carry none. (HTTP only: SQLite alone.)
 */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, type TestServer } from "./test-harness.js";

const GZIP = { "accept-encoding": "gzip, deflate, br" };

/** The body as sent, and as JSON once decoded. */
async function bodyOf(response: Response) {
  const sent = Buffer.from(await response.arrayBuffer());
  const gzipped = response.headers.get("content-encoding") === "gzip";
  return { sent, json: JSON.parse((gzipped ? gunzipSync(sent) : sent).toString("utf8")) };
}

describe("JSON answers", () => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
    token = server.accounts.admin.token;
    // Enough accounts that the list is well over a kilobyte.
    for (let i = 0; i < 12; i++) {
      const answer = await server.call(token, "POST", "/api/users", {
        email: `person-${i}@example.com`,
        name: `Person Number ${i}`,
        role: "viewer",
        password: "correct horse battery staple",
      });
      expect(answer.status).toBe(201);
    }
  });
  afterAll(() => opened?.close());

  it("sends a small answer as it is, with its length, even to a client that takes gzip", async () => {
    const answer = await server.call(token, "GET", "/api/session", undefined, GZIP);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBeNull();
    const { sent, json } = await bodyOf(answer);
    expect(sent.byteLength).toBeLessThan(1024);
    expect(answer.headers.get("content-length")).toBe(String(sent.byteLength));
    expect(json.user.email).toBe("admin@example.com");
  });

  it("gzips a larger read for a client that takes it, with the length sent and one ETag for both encodings", async () => {
    const zipped = await server.call(token, "GET", "/api/users", undefined, GZIP);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const { sent, json } = await bodyOf(zipped);
    expect(zipped.headers.get("content-length")).toBe(String(sent.byteLength));
    expect(json.users).toHaveLength(16);
    const plain = await server.call(token, "GET", "/api/users");
    expect(plain.headers.get("content-encoding")).toBeNull();
    const asIs = await bodyOf(plain);
    expect(asIs.sent.byteLength).toBeGreaterThan(1024);
    expect(asIs.json).toEqual(json);
    const tag = zipped.headers.get("etag");
    expect(tag).toMatch(/^W\/".+"$/);
    expect(plain.headers.get("etag")).toBe(tag);
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
  });

  it("answers a repeated read with 304 and no body while it has not changed, and 200 once it has", async () => {
    const first = await server.call(token, "GET", "/api/users", undefined, GZIP);
    const tag = first.headers.get("etag") ?? "";
    const again = await server.call(token, "GET", "/api/users", undefined, {
      ...GZIP,
      "if-none-match": tag,
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    await server.call(token, "POST", "/api/users", {
      email: "late@example.com",
      name: "Late Comer",
      role: "viewer",
      password: "correct horse battery staple",
    });
    const changed = await server.call(token, "GET", "/api/users", undefined, {
      ...GZIP,
      "if-none-match": tag,
    });
    expect(changed.status).toBe(200);
    expect((await bodyOf(changed)).json.users).toHaveLength(17);
  });

  it("gives a write's answer its status and no ETag", async () => {
    const created = await server.call(
      token,
      "POST",
      "/api/users",
      {
        email: "writer@example.com",
        name: "Writer",
        role: "viewer",
        password: "correct horse battery staple",
      },
      GZIP,
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBeNull();
    const { sent, json } = await bodyOf(created);
    expect(created.headers.get("content-length")).toBe(String(sent.byteLength));
    expect(json.email).toBe("writer@example.com");
  });
});
