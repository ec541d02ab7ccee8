/** Users need a password; you change your own; people are edited, not only removed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import {
  addAccount,
  openTestServer,
  PASSWORD,
  readJson,
  request,
  signInWithCookie,
  type TestServer,
} from "./test-harness.js";

describe.each(DIALECTS)("users and people over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("refuses a new user without a password, saying which field and why", async () => {
    const answer = await server.call(server.accounts.admin.token, "POST", "/api/users", {
      email: "nopass@example.com",
      name: "No Password",
    });
    expect(answer.status).toBe(400);
    const body = await readJson(answer);
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toMatch(/password.: is required/);
    expect(body.error.details).toEqual([
      { path: "password", message: expect.stringMatching(/give the new user a password/) },
    ]);
    const list = await readJson(
      await server.call(server.accounts.admin.token, "GET", "/api/users"),
    );
    expect(list.users.map((u: { email: string }) => u.email)).not.toContain("nopass@example.com");
  });

  it("changes my own password: the old one stops working, this session stays, others end", async () => {
    await addAccount(server.deps, "changer@example.com", "viewer");
    const here = await signInWithCookie(server.app, "changer@example.com");
    const elsewhere = await signInWithCookie(server.app, "changer@example.com");
    const headers = { cookie: here.cookie, "x-csrf-token": here.csrfToken };

    const wrong = await request(
      server.app,
      "PUT",
      "/api/me/password",
      { currentPassword: "not my password", newPassword: "a brand new password" },
      headers,
    );
    expect(wrong.status).toBe(400);
    expect((await readJson(wrong)).error).toMatchObject({
      code: "invalid_input",
      details: [{ path: "currentPassword", message: "is wrong" }],
    });

    const short = await request(
      server.app,
      "PUT",
      "/api/me/password",
      { currentPassword: PASSWORD, newPassword: "short" },
      headers,
    );
    expect((await readJson(short)).error.details).toEqual([
      { path: "newPassword", message: "must be at least 8 characters" },
    ]);

    const changed = await request(
      server.app,
      "PUT",
      "/api/me/password",
      { currentPassword: PASSWORD, newPassword: "a brand new password" },
      headers,
    );
    expect(changed.status).toBe(200);
    expect(await readJson(changed)).toMatchObject({
      user: { email: "changer@example.com" },
      endedSessions: 1,
      revokedTokens: 0,
    });

    const stillHere = await readJson(
      await request(server.app, "GET", "/api/session", undefined, { cookie: here.cookie }),
    );
    expect(stillHere.authenticated).toBe(true);
    const gone = await readJson(
      await request(server.app, "GET", "/api/session", undefined, { cookie: elsewhere.cookie }),
    );
    expect(gone.authenticated).toBe(false);
    const oldPassword = await request(server.app, "POST", "/api/session", {
      email: "changer@example.com",
      password: PASSWORD,
    });
    expect(oldPassword.status).toBe(401);
    await signInWithCookie(server.app, "changer@example.com", "a brand new password");

    const audit = await readJson(
      await server.call(server.accounts.admin.token, "GET", "/api/audit?entity=user"),
    );
    const event = audit.events.find((e: { action: string }) => e.action === "change_password");
    expect(event).toMatchObject({
      actorName: "changer",
      before: null,
      after: { endedSessions: 1, revokedTokens: 0 },
    });
    expect(JSON.stringify(event)).not.toContain("a brand new password");
  });

  it("edits a person's name, email, role title and team, and says what is wrong", async () => {
    const admin = server.accounts.admin.token;
    const team = await readJson(await server.call(admin, "POST", "/api/teams", { name: "Gitaly" }));
    const person = await readJson(
      await server.call(admin, "POST", "/api/people", { name: "Pat Doe", title: "CMO" }),
    );
    const edited = await server.call(
      server.accounts.editor.token,
      "PATCH",
      `/api/people/${person.id}`,
      {
        name: "Pat Smith",
        email: "pat@example.com",
        title: "VP Marketing",
        teamId: team.id,
      },
    );
    expect(edited.status).toBe(200);
    expect(await readJson(edited)).toEqual({
      id: person.id,
      name: "Pat Smith",
      email: "pat@example.com",
      title: "VP Marketing",
      teamId: team.id,
    });
    const cleared = await readJson(
      await server.call(admin, "PATCH", `/api/people/${person.id}`, { email: "", teamId: null }),
    );
    expect(cleared).toMatchObject({ email: null, teamId: null, title: "VP Marketing" });

    const badEmail = await server.call(admin, "PATCH", `/api/people/${person.id}`, {
      email: "not an email",
    });
    expect(badEmail.status).toBe(400);
    expect((await readJson(badEmail)).error.details).toEqual([
      { path: "email", message: "must be an email address" },
    ]);
    const noTeam = await server.call(admin, "PATCH", `/api/people/${person.id}`, {
      teamId: "no-such-team",
    });
    expect(noTeam.status).toBe(404);
    const byViewer = await server.call(
      server.accounts.viewer.token,
      "PATCH",
      `/api/people/${person.id}`,
      {
        name: "Nope",
      },
    );
    expect(byViewer.status).toBe(403);
  });
});
