/**
 * The single sign-on routes without a browser, on every dialect: which methods are on, and
 * refusals that never reach the provider end on the sign-in page with their code. (The whole
 * flow against a real provider is web/e2e/single-sign-on.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OidcConfig } from "../app/oidc-config.js";
import type { OpenedDatabase } from "../store/database.js";
import { createApp } from "./app.js";
import { depsOf, readJson, request } from "./test-harness.js";

/** A provider on a port nothing listens on. */
const UNREACHABLE: OidcConfig = {
  issuer: "http://127.0.0.1:9",
  clientId: "okr",
  clientSecret: "secret",
  name: "Acme Login",
  defaultRole: "viewer",
  emailDomains: [],
  publicUrl: null,
};

describe.each(DIALECTS)("single sign-on routes (%s)", (dialect) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("says which sign-in methods are on", async () => {
    const plain = createApp(depsOf(opened));
    expect(await readJson(await request(plain, "GET", "/api/auth/methods"))).toEqual({
      password: true,
      oidc: null,
    });
    const sso = createApp(depsOf(opened), { oidc: UNREACHABLE, passwordSignIn: false });
    expect(await readJson(await request(sso, "GET", "/api/auth/methods"))).toEqual({
      password: false,
      oidc: { name: "Acme Login", startUrl: "/api/auth/oidc/start" },
    });
  });

  it("sends the browser back to the sign-in page with a code when the provider cannot be reached", async () => {
    const app = createApp(depsOf(opened), { oidc: UNREACHABLE });
    const started = await request(app, "GET", "/api/auth/oidc/start");
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toBe("/?sso_error=provider_unavailable");
    expect(started.headers.get("set-cookie") ?? "").not.toMatch(/okr_oidc=[^;]/);
  });

  it("refuses an answer for which this browser started no sign-in, without a session", async () => {
    const app = createApp(depsOf(opened), { oidc: UNREACHABLE });
    const answer = await request(app, "GET", "/api/auth/oidc/callback?code=c&state=s", undefined, {
      cookie: "okr_oidc=made-up",
    });
    expect(answer.headers.get("location")).toBe("/?sso_error=expired");
    expect(answer.headers.get("set-cookie") ?? "").not.toMatch(/okr_session=[^;]/);
  });

  it("without single sign-on set up, both redirects say so", async () => {
    const app = createApp(depsOf(opened));
    for (const path of ["/api/auth/oidc/start", "/api/auth/oidc/callback?code=c&state=s"]) {
      const answer = await request(app, "GET", path);
      expect(answer.headers.get("location")).toBe("/?sso_error=not_configured");
    }
  });
});
