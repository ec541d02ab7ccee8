/**
 * The session cookie is marked Secure whenever TLS carried the request any part of the way:
 * behind a proxy that ended TLS and appended to X-Forwarded-Proto, the client's own entry
 * before it (`http`) must not take the flag away, or the cookie could later travel in the clear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, PASSWORD, request, type TestServer } from "./test-harness.js";

describe("the session cookie's Secure flag", () => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  async function cookieOf(proto: string | null): Promise<string> {
    const answer = await request(
      server.app,
      "POST",
      "/api/session",
      { email: "viewer@example.com", password: PASSWORD },
      proto === null ? {} : { "x-forwarded-proto": proto },
    );
    expect(answer.status).toBe(200);
    return answer.headers.get("set-cookie") ?? "";
  }

  it("is set when any hop says https, whatever the client wrote before the proxy", async () => {
    expect(await cookieOf("https")).toMatch(/;\s*Secure/i);
    // The client wrote `http`; the proxy that ended TLS appended `https`.
    expect(await cookieOf("http, https")).toMatch(/;\s*Secure/i);
  });

  it("is not set over plain HTTP all the way", async () => {
    expect(await cookieOf(null)).not.toMatch(/Secure/i);
    expect(await cookieOf("http")).not.toMatch(/Secure/i);
  });
});
