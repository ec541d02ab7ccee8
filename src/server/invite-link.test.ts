/**
 * An invite's link with mail off: at the address the admin reached the app at while no public
 * address is configured (not the server's guess of `localhost`), at the configured one when it
 * is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { rhythmConfigFromEnv } from "../app/mail.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("the link of an invite (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  const invite = (at: string, email: string) =>
    server.app.request(`${at}/api/invites`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.accounts.admin.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ email, name: email.split("@")[0] }),
    });

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("is at the address the admin reached the app at while none is configured", async () => {
    server.deps.rhythm = rhythmConfigFromEnv({}, "http://localhost:8080");
    const answer = await invite("http://okr.intranet:9000", `kai-${dialect}@example.com`);
    expect(answer.status).toBe(201);
    expect((await readJson(answer)).link).toMatch(
      /^http:\/\/okr\.intranet:9000\/#\/set-password\?token=\S+$/,
    );
  });

  it("is at the configured public address when there is one", async () => {
    server.deps.rhythm = rhythmConfigFromEnv(
      { OKR_PUBLIC_URL: "https://okr.example.com/" },
      "http://localhost:8080",
    );
    const answer = await invite("http://10.0.0.7:8080", `lea-${dialect}@example.com`);
    expect((await readJson(answer)).link).toMatch(
      /^https:\/\/okr\.example\.com\/#\/set-password\?token=/,
    );
  });
});
