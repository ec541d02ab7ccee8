/**
 * Account access over HTTP on every dialect: disabling stops sessions and tokens at once and
 * enabling restores the tokens; deleting keeps names in history; admins see and revoke every
 * token; users see and end their own sessions; a password change ends the other sessions and
 * can revoke the tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import {
  addAccount,
  type CookieSession,
  openTestServer,
  PASSWORD,
  readJson,
  request,
  signInWithCookie,
  type TestServer,
} from "./test-harness.js";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describe.each(DIALECTS)("account access over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let admin: CookieSession;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    admin = await signInWithCookie(server.app, "admin@example.com");
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** A write as the signed-in admin (cookie + CSRF). */
  const asAdmin = (method: string, path: string, body?: unknown) =>
    request(server.app, method, path, body, {
      cookie: admin.cookie,
      "x-csrf-token": admin.csrfToken,
    });

  async function signInAs(email: string, userAgent: string, password = PASSWORD) {
    const response = await request(
      server.app,
      "POST",
      "/api/session",
      { email, password },
      { "user-agent": userAgent },
    );
    expect(response.status).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    return { cookie, csrfToken: (await readJson(response)).csrfToken as string };
  }

  const whoAmI = async (cookie: string) =>
    (await readJson(await request(server.app, "GET", "/api/session", undefined, { cookie })))
      .authenticated as boolean;

  it("disabling a user ends their session and stops their token at once; enabling restores the token", async () => {
    const dana = await addAccount(server.deps, "dana@example.com", "editor");
    const session = await signInWithCookie(server.app, "dana@example.com");
    expect(await whoAmI(session.cookie)).toBe(true);

    const disabled = await asAdmin("POST", `/api/users/${dana.user.id}/disable`);
    expect(disabled.status).toBe(200);
    expect((await readJson(disabled)).disabledAt).toEqual(expect.any(String));
    expect(await whoAmI(session.cookie)).toBe(false);
    const byToken = await server.call(dana.token, "GET", "/api/periods");
    expect(byToken.status).toBe(401);
    expect((await readJson(byToken)).error.message).toMatch(/disabled/);
    // The right password says the account is disabled; a wrong one says nothing more.
    const right = await request(server.app, "POST", "/api/session", {
      email: "dana@example.com",
      password: PASSWORD,
    });
    expect(right.status).toBe(403);
    expect((await readJson(right)).error.message).toMatch(/disabled; ask an admin/);
    const wrong = await request(server.app, "POST", "/api/session", {
      email: "dana@example.com",
      password: "not the password",
    });
    expect((await readJson(wrong)).error.message).toBe("Wrong email or password.");

    const enabled = await asAdmin("POST", `/api/users/${dana.user.id}/enable`);
    expect((await readJson(enabled)).disabledAt).toBeNull();
    expect((await server.call(dana.token, "GET", "/api/periods")).status).toBe(200);
    // The old session stays ended: a disabled account signs in anew.
    expect(await whoAmI(session.cookie)).toBe(false);
    expect(await whoAmI((await signInWithCookie(server.app, "dana@example.com")).cookie)).toBe(
      true,
    );
  });

  it("an admin can neither disable nor delete their own account; another admin can", async () => {
    const ownId = server.accounts.admin.user.id;
    const self = await asAdmin("POST", `/api/users/${ownId}/disable`);
    expect(self.status).toBe(409);
    expect((await readJson(self)).error.message).toBe("You cannot disable your own account.");
    expect((await asAdmin("DELETE", `/api/users/${ownId}`)).status).toBe(409);
    expect(await whoAmI(admin.cookie)).toBe(true);

    await addAccount(server.deps, "second-admin@example.com", "admin");
    const second = await signInWithCookie(server.app, "second-admin@example.com");
    const byOther = await request(server.app, "POST", `/api/users/${ownId}/disable`, undefined, {
      cookie: second.cookie,
      "x-csrf-token": second.csrfToken,
    });
    expect(byOther.status).toBe(200);
    expect(await whoAmI(admin.cookie)).toBe(false);
    await request(server.app, "POST", `/api/users/${ownId}/enable`, undefined, {
      cookie: second.cookie,
      "x-csrf-token": second.csrfToken,
    });
    admin = await signInWithCookie(server.app, "admin@example.com");
  });

  it("deleting a user keeps their name on their check-ins and in the audit log", async () => {
    const erin = await addAccount(server.deps, "erin@example.com", "editor");
    const period = await readJson(await asAdmin("POST", "/api/periods", { label: "2031-Q1" }));
    const objective = await readJson(
      await asAdmin("POST", "/api/objectives", { periodId: period.id, title: "Ship it" }),
    );
    const keyResult = await readJson(
      await asAdmin("POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Launch",
        kind: "milestone",
      }),
    );
    const checkIn = await server.call(
      erin.token,
      "POST",
      `/api/key-results/${keyResult.id}/check-ins`,
      { progress: 0.5, note: "halfway" },
    );
    expect(checkIn.status).toBe(201);

    expect((await asAdmin("DELETE", `/api/users/${erin.user.id}`)).status).toBe(204);
    expect((await asAdmin("GET", `/api/users/${erin.user.id}`)).status).toBe(404);
    expect((await server.call(erin.token, "GET", "/api/periods")).status).toBe(401);
    const history = await readJson(
      await asAdmin("GET", `/api/key-results/${keyResult.id}/check-ins`),
    );
    expect(history.checkIns.map((c: { authorName: string }) => c.authorName)).toEqual(["erin"]);
    const audit = await readJson(await asAdmin("GET", "/api/audit?limit=200"));
    const names = audit.events.map((e: { actorName: string; action: string; entity: string }) =>
      [e.actorName, e.action, e.entity].join(" "),
    );
    expect(names).toContain("erin check_in key_result");
    expect(names).toContain("admin delete user");
  });

  it("an admin signs a user out on every device; their token keeps working", async () => {
    const ivy = await addAccount(server.deps, "ivy@example.com", "viewer");
    const one = await signInWithCookie(server.app, "ivy@example.com");
    const two = await signInWithCookie(server.app, "ivy@example.com");
    const ended = await asAdmin("DELETE", `/api/users/${ivy.user.id}/sessions`);
    expect(await readJson(ended)).toEqual({ endedSessions: 2 });
    expect(await whoAmI(one.cookie)).toBe(false);
    expect(await whoAmI(two.cookie)).toBe(false);
    expect((await server.call(ivy.token, "GET", "/api/periods")).status).toBe(200);
  });

  it("admins list every token with its owner and revoke anyone's; others may not list them", async () => {
    const listed = await asAdmin("GET", "/api/admin/tokens");
    expect(listed.status).toBe(200);
    const tokens = (await readJson(listed)).tokens as {
      id: string;
      userEmail: string;
      prefix: string;
    }[];
    const viewers = tokens.filter((t) => t.userEmail === "viewer@example.com");
    expect(viewers).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(server.accounts.viewer.token);
    expect(server.accounts.viewer.token.startsWith(viewers[0]?.prefix ?? "?")).toBe(true);
    expect(
      (await server.call(server.accounts.editor.token, "GET", "/api/admin/tokens")).status,
    ).toBe(403);

    const revoked = await asAdmin("DELETE", `/api/tokens/${viewers[0]?.id}`);
    expect(revoked.status).toBe(200);
    expect((await server.call(server.accounts.viewer.token, "GET", "/api/periods")).status).toBe(
      401,
    );
  });

  it("users see their own sessions with device and last use, and end one from another device", async () => {
    const laptop = await signInAs("editor@example.com", FIREFOX);
    const phone = await signInAs("editor@example.com", SAFARI);
    const listed = await request(server.app, "GET", "/api/sessions", undefined, {
      cookie: phone.cookie,
    });
    const sessions = (await readJson(listed)).sessions as {
      id: string;
      device: string;
      current: boolean;
      lastSeenAt: string;
    }[];
    expect(sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ["Firefox on Windows", false],
      ["Safari on iPhone", true],
    ]);
    expect(JSON.stringify(sessions)).not.toContain(phone.csrfToken);
    const laptopSession = sessions.find((s) => !s.current);

    // Not someone else's: the viewer cannot end the editor's session.
    const viewer = await signInWithCookie(server.app, "insider@example.com");
    const foreign = await request(
      server.app,
      "DELETE",
      `/api/sessions/${laptopSession?.id}`,
      undefined,
      { cookie: viewer.cookie, "x-csrf-token": viewer.csrfToken },
    );
    expect(foreign.status).toBe(404);
    expect(await whoAmI(laptop.cookie)).toBe(true);

    const ended = await request(
      server.app,
      "DELETE",
      `/api/sessions/${laptopSession?.id}`,
      undefined,
      { cookie: phone.cookie, "x-csrf-token": phone.csrfToken },
    );
    expect(ended.status).toBe(204);
    expect(await whoAmI(laptop.cookie)).toBe(false);
    expect(await whoAmI(phone.cookie)).toBe(true);
  });

  it("a password change ends my other sessions, keeps this one, and revokes my tokens when asked", async () => {
    const fay = await addAccount(server.deps, "fay@example.com", "viewer");
    const here = await signInAs("fay@example.com", FIREFOX);
    const elsewhere = await signInAs("fay@example.com", SAFARI);
    const change = (body: unknown) =>
      request(server.app, "PUT", "/api/me/password", body, {
        cookie: here.cookie,
        "x-csrf-token": here.csrfToken,
      });

    const wrong = await change({ currentPassword: "guess", newPassword: "a new long password" });
    expect(wrong.status).toBe(400);
    expect((await readJson(wrong)).error.details).toEqual([
      { path: "currentPassword", message: "is wrong" },
    ]);
    const short = await change({ currentPassword: PASSWORD, newPassword: "short" });
    expect((await readJson(short)).error.details[0]).toMatchObject({ path: "newPassword" });

    const kept = await change({ currentPassword: PASSWORD, newPassword: "a new long password" });
    expect(await readJson(kept)).toMatchObject({
      user: { email: "fay@example.com" },
      endedSessions: 1,
      revokedTokens: 0,
    });
    expect(await whoAmI(here.cookie)).toBe(true);
    expect(await whoAmI(elsewhere.cookie)).toBe(false);
    expect((await server.call(fay.token, "GET", "/api/periods")).status).toBe(200);

    const revoking = await change({
      currentPassword: "a new long password",
      newPassword: "another long password",
      revokeTokens: true,
    });
    expect(await readJson(revoking)).toMatchObject({ endedSessions: 0, revokedTokens: 1 });
    expect((await server.call(fay.token, "GET", "/api/periods")).status).toBe(401);
    expect(await whoAmI(here.cookie)).toBe(true);
    await signInAs("fay@example.com", FIREFOX, "another long password");
  });

  it("guessing the current password is limited like signing in", async () => {
    await addAccount(server.deps, "hal@example.com", "viewer");
    const hal = await signInWithCookie(server.app, "hal@example.com");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const guess = await request(
        server.app,
        "PUT",
        "/api/me/password",
        { currentPassword: `guess ${i}`, newPassword: "a brand new password" },
        { cookie: hal.cookie, "x-csrf-token": hal.csrfToken },
      );
      statuses.push(guess.status);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
  });

  it("an admin's password reset can revoke the user's tokens too", async () => {
    const gus = await addAccount(server.deps, "gus@example.com", "viewer");
    const reset = await asAdmin("PATCH", `/api/users/${gus.user.id}`, {
      password: "reset by an admin",
      revokeTokens: true,
    });
    expect(reset.status).toBe(200);
    expect((await server.call(gus.token, "GET", "/api/periods")).status).toBe(401);
  });
});
