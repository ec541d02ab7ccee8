import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { createApiToken } from "../app/accounts.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import type { OpenedDatabase } from "../store/database.js";
import { createApp } from "./app.js";
import {
  addAccount,
  depsOf,
  openTestServer,
  PASSWORD,
  readJson,
  request,
  signInWithCookie,
  type TestServer,
} from "./test-harness.js";

describe.each(DIALECTS)("accounts over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened, { signInLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("answers health with the dialect and version, without signing in", async () => {
    const response = await request(server.app, "GET", "/api/health");
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({ status: "ok", database: dialect });
  });

  it("signs in with a password, shows who I am, and signs out", async () => {
    const session = await signInWithCookie(server.app, "EDITOR@example.com");
    expect(session.cookie).toMatch(/^okr_session=/);
    const me = await request(server.app, "GET", "/api/session", undefined, {
      cookie: session.cookie,
    });
    const body = await readJson(me);
    expect(body).toMatchObject({
      authenticated: true,
      via: "session",
      user: { email: "editor@example.com", role: "editor" },
    });
    expect(body.csrfToken).toBe(session.csrfToken);

    const out = await request(server.app, "DELETE", "/api/session", undefined, {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    });
    expect(out.status).toBe(204);
    const after = await request(server.app, "GET", "/api/session", undefined, {
      cookie: session.cookie,
    });
    expect(await readJson(after)).toMatchObject({ authenticated: false, user: null });
  });

  it("sets an httpOnly, SameSite=Lax cookie, Secure only behind TLS", async () => {
    const plain = await request(server.app, "POST", "/api/session", {
      email: "viewer@example.com",
      password: PASSWORD,
    });
    const cookie = plain.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const tls = await request(
      server.app,
      "POST",
      "/api/session",
      { email: "viewer@example.com", password: PASSWORD },
      { "x-forwarded-proto": "https" },
    );
    expect(tls.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("refuses a wrong password with one message, and rate-limits guessing", async () => {
    const wrong = await request(server.app, "POST", "/api/session", {
      email: "admin@example.com",
      password: "nope",
    });
    expect(wrong.status).toBe(401);
    expect((await readJson(wrong)).error.code).toBe("unauthenticated");
    const unknown = await request(server.app, "POST", "/api/session", {
      email: "ghost@example.com",
      password: "nope",
    });
    expect((await readJson(unknown)).error.message).toBe("Wrong email or password.");
    await request(server.app, "POST", "/api/session", {
      email: "admin@example.com",
      password: "nope",
    });
    await request(server.app, "POST", "/api/session", {
      email: "admin@example.com",
      password: "nope",
    });
    const limited = await request(server.app, "POST", "/api/session", {
      email: "admin@example.com",
      password: PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect((await readJson(limited)).error.code).toBe("rate_limited");
  });

  it("requires the CSRF token on cookie writes, not on token writes", async () => {
    const session = await signInWithCookie(server.app, "insider@example.com");
    const withoutCsrf = await request(
      server.app,
      "POST",
      "/api/tokens",
      { name: "x" },
      { cookie: session.cookie },
    );
    expect(withoutCsrf.status).toBe(403);
    expect((await readJson(withoutCsrf)).error.message).toMatch(/x-csrf-token/);
    const withCsrf = await request(
      server.app,
      "POST",
      "/api/tokens",
      { name: "x" },
      { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    );
    expect(withCsrf.status).toBe(201);
    const viaToken = await server.call(server.accounts.insider.token, "POST", "/api/tokens", {
      name: "y",
    });
    expect(viaToken.status).toBe(201);
  });

  it("shows a token's secret once, lists it without, and stops it when revoked", async () => {
    const created = await server.call(server.accounts.viewer.token, "POST", "/api/tokens", {
      name: "script",
    });
    const { token, secret } = await readJson(created);
    expect(secret).toMatch(/^okr_[A-Za-z0-9_-]{30,}$/);
    const listed = await readJson(await server.call(secret, "GET", "/api/tokens"));
    const mine = listed.tokens.find((t: { id: string }) => t.id === token.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);
    const revoked = await server.call(
      server.accounts.viewer.token,
      "DELETE",
      `/api/tokens/${token.id}`,
    );
    expect(revoked.status).toBe(200);
    const after = await server.call(secret, "GET", "/api/session");
    expect(after.status).toBe(401);
  });

  it("lets admins manage users and roles, and nobody else", async () => {
    const created = await server.call(server.accounts.admin.token, "POST", "/api/users", {
      email: "New.Person@Example.com",
      name: "New Person",
      role: "viewer",
      password: "new person password",
    });
    expect(created.status).toBe(201);
    const user = await readJson(created);
    expect(user).toMatchObject({ email: "new.person@example.com", role: "viewer", insider: false });
    const promoted = await server.call(
      server.accounts.admin.token,
      "PATCH",
      `/api/users/${user.id}`,
      {
        role: "editor",
        insider: true,
      },
    );
    expect(await readJson(promoted)).toMatchObject({ role: "editor", insider: true });
    const duplicate = await server.call(server.accounts.admin.token, "POST", "/api/users", {
      email: "new.person@example.com",
      name: "Again",
      password: "again password",
    });
    expect(duplicate.status).toBe(409);
    const byEditor = await server.call(server.accounts.editor.token, "GET", "/api/users");
    expect(byEditor.status).toBe(403);
    const audit = await readJson(
      await server.call(
        server.accounts.admin.token,
        "GET",
        `/api/audit?entity=user&entityId=${user.id}`,
      ),
    );
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect(audit.events[0].after).toMatchObject({ role: "editor", insider: true });
    expect(JSON.stringify(audit)).not.toMatch(/password|argon2/i);
  });

  it("reports bad input with field paths, bad JSON and wrong media types", async () => {
    const token = server.accounts.admin.token;
    const wrongType = await server.call(token, "POST", "/api/users", {
      email: 5,
      name: "",
      password: "a good password",
    });
    expect(wrongType.status).toBe(400);
    const body = await readJson(wrongType);
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "email",
      "name",
    ]);
    const malformed = await server.call(token, "POST", "/api/users", "{not json", {
      "content-type": "application/json",
    });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.message).toMatch(/Malformed JSON/);
    const text = await server.call(token, "POST", "/api/users", "email=x", {
      "content-type": "text/plain",
    });
    expect(text.status).toBe(415);
    expect((await readJson(text)).error.code).toBe("unsupported_media_type");
    const huge = await server.call(token, "POST", "/api/users", {
      email: "a@b.c",
      name: "x".repeat(3 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await readJson(huge)).error.code).toBe("payload_too_large");
    const unknownRoute = await server.call(token, "GET", "/api/nothing-here");
    expect(unknownRoute.status).toBe(404);
    expect((await readJson(unknownRoute)).error.code).toBe("not_found");
    const unknownId = await server.call(token, "GET", "/api/users/01NOPE");
    expect(unknownId.status).toBe(404);
  });

  it("answers a repeated GET with 304 when the ETag matches", async () => {
    const first = await server.call(server.accounts.admin.token, "GET", "/api/users");
    const tag = first.headers.get("etag");
    expect(tag, "an ETag on the users list").toMatch(/^(W\/)?".+"$/);
    const again = await server.call(server.accounts.admin.token, "GET", "/api/users", undefined, {
      "if-none-match": tag ?? "",
    });
    expect(again.status).toBe(304);
  });
});

describe.each(DIALECTS)("first-run setup (%s)", (dialect) => {
  it("creates the first admin once, then refuses", async () => {
    const opened = await openTestDatabase(dialect);
    try {
      const app = createApp(depsOf(opened));
      expect(await readJson(await request(app, "GET", "/api/setup"))).toEqual({ needed: true });
      const created = await request(app, "POST", "/api/setup", {
        email: "boss@example.com",
        name: "Boss",
        password: "long enough password",
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("set-cookie")).toMatch(/okr_session=/);
      expect(await readJson(await request(app, "GET", "/api/setup"))).toEqual({ needed: false });
      const again = await request(app, "POST", "/api/setup", {
        email: "other@example.com",
        name: "Other",
        password: "long enough password",
      });
      expect(again.status).toBe(409);
    } finally {
      await opened.close();
    }
  });
});

describe.each(DIALECTS)("session and token lifetimes (%s)", (dialect) => {
  it("keeps a session alive while used (sliding), ends it after 14 idle days, and expires tokens", async () => {
    const opened = await openTestDatabase(dialect);
    try {
      let now = new Date("2026-03-01T09:00:00.000Z");
      const deps = { ...depsOf(opened), now: () => now };
      const account = await addAccount(deps, "clocked@example.com", "viewer");
      const app = createApp(deps);
      const session = await signInWithCookie(app, "clocked@example.com");
      const whoami = async () =>
        readJson(await request(app, "GET", "/api/session", undefined, { cookie: session.cookie }));

      now = new Date("2026-03-11T09:00:00.000Z"); // 10 days later: still valid, pushed forward
      const renewed = await request(app, "GET", "/api/session", undefined, {
        cookie: session.cookie,
      });
      expect((await readJson(renewed)).authenticated).toBe(true);
      // The cookie is renewed with the session, to 14 days from now.
      expect(renewed.headers.get("set-cookie")).toMatch(/Expires=Wed, 25 Mar 2026 09:00:00 GMT/);
      now = new Date("2026-03-21T09:00:00.000Z"); // 20 days after sign-in, 10 after last use
      expect((await whoami()).authenticated).toBe(true);
      now = new Date("2026-04-05T09:00:00.000Z"); // 15 idle days
      expect((await whoami()).authenticated).toBe(false);

      const short = await createApiToken(
        deps,
        SYSTEM_ACTOR,
        { name: "short", expiresInDays: 1 },
        account.user.id,
      );
      const bearer = { authorization: `Bearer ${short.secret}` };
      expect((await request(app, "GET", "/api/tokens", undefined, bearer)).status).toBe(200);
      now = new Date("2026-04-06T09:00:01.000Z");
      const expired = await request(app, "GET", "/api/tokens", undefined, bearer);
      expect(expired.status).toBe(401);
      expect((await readJson(expired)).error.code).toBe("unauthenticated");
    } finally {
      await opened.close();
    }
  });

  it("ends a user's sessions when an admin changes their role", async () => {
    const opened = await openTestDatabase(dialect);
    try {
      const deps = depsOf(opened);
      const admin = await addAccount(deps, "boss@example.com", "admin");
      const editor = await addAccount(deps, "demoted@example.com", "editor");
      const app = createApp(deps);
      const session = await signInWithCookie(app, "demoted@example.com");
      const changed = await request(
        app,
        "PATCH",
        `/api/users/${editor.user.id}`,
        { role: "viewer" },
        { authorization: `Bearer ${admin.token}` },
      );
      expect(changed.status).toBe(200);
      const me = await readJson(
        await request(app, "GET", "/api/session", undefined, { cookie: session.cookie }),
      );
      expect(me.authenticated).toBe(false);
      const lastAdmin = await request(
        app,
        "PATCH",
        `/api/users/${admin.user.id}`,
        { role: "editor" },
        { authorization: `Bearer ${admin.token}` },
      );
      expect(lastAdmin.status).toBe(409);
    } finally {
      await opened.close();
    }
  });
});
