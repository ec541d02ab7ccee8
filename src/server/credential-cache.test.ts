/**
 * Credentials kept between requests. Two apps on one database stand for two server processes:
 * each has its own connections; on PostgreSQL each listens for notices of changes, on SQLite
 * each asks the file's data version whether another connection committed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { credentialEpoch } from "../store/credential-changes.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { LISTENER_NAME } from "../store/dialect/postgres.js";
import { createApp } from "./app.js";
import {
  addAccount,
  depsOf,
  openTestServer,
  readJson,
  request,
  signInWithCookie,
  type TestServer,
} from "./test-harness.js";

/** Polls `check` every 20 ms until it holds, for at most 5 s; answers whether it held. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 5000;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(DIALECTS)("credentials kept between requests (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let other: OpenedDatabase;
  let a: TestServer;
  let b: ReturnType<typeof createApp>;
  /** Look-ups of a token or a session by the second process. */
  let lookUps = 0;

  const onB = (token: string, method = "GET", path = "/api/session", body?: unknown) =>
    request(b, method, path, body, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    a = await openTestServer(opened);
    other = await openDatabase(opened.url, {
      watchCredentials: true,
      log: (event) => {
        if (/from "(api_tokens|sessions)" inner join "users"/.test(event.query.sql)) lookUps += 1;
      },
    });
    b = createApp(depsOf(other));
    const listening = await eventually(
      async () => credentialEpoch(opened.db) !== null && credentialEpoch(other.db) !== null,
    );
    expect(listening).toBe(true);
  });
  afterAll(async () => {
    await other?.close();
    await opened?.close();
  });

  it("looks a token up once while nothing changes", async () => {
    const before = lookUps;
    for (let i = 0; i < 5; i++) expect((await onB(a.accounts.viewer.token)).status).toBe(200);
    expect(lookUps - before).toBe(1);
  });

  it("stops a revoked token at once where it was revoked and soon in every other process", async () => {
    const made = await readJson(
      await a.call(a.accounts.editor.token, "POST", "/api/tokens", { name: "laptop" }),
    );
    expect((await onB(made.secret)).status).toBe(200);
    expect((await a.call(made.secret, "GET", "/api/session")).status).toBe(200);
    const revoked = await a.call(a.accounts.editor.token, "DELETE", `/api/tokens/${made.token.id}`);
    expect(revoked.status).toBe(200);
    expect((await a.call(made.secret, "GET", "/api/session")).status).toBe(401);
    expect(await eventually(async () => (await onB(made.secret)).status === 401)).toBe(true);
  });

  it("sees a change written by another program, as the CLI writes it", async () => {
    const dana = await addAccount(a.deps, "dana@example.com", "editor");
    expect((await onB(dana.token)).status).toBe(200);
    const cli = await openDatabase(opened.url);
    try {
      await cli.db
        .updateTable("users")
        .set({ disabled_at: new Date().toISOString() })
        .where("id", "=", dana.user.id)
        .execute();
    } finally {
      await cli.close();
    }
    expect(await eventually(async () => (await onB(dana.token)).status === 401)).toBe(true);
  });

  it("answers the next request with the role an admin just gave", async () => {
    const erin = await addAccount(a.deps, "erin@example.com", "editor");
    const asErin = () =>
      onB(erin.token, "POST", "/api/periods", { label: `2031-Q${Math.floor(Math.random() * 4)}` });
    expect((await onB(erin.token)).status).toBe(200);
    const changed = await a.call(a.accounts.admin.token, "PATCH", `/api/users/${erin.user.id}`, {
      role: "viewer",
    });
    expect(changed.status).toBe(200);
    expect((await a.call(erin.token, "POST", "/api/periods", { label: "2032-Q1" })).status).toBe(
      403,
    );
    expect(await eventually(async () => (await asErin()).status === 403)).toBe(true);
  });

  it("ends a session everywhere when it signs out", async () => {
    const session = await signInWithCookie(a.app, "viewer@example.com");
    const me = (app: typeof b) =>
      request(app, "GET", "/api/session", undefined, { cookie: session.cookie });
    expect((await readJson(await me(b))).user?.email).toBe("viewer@example.com");
    const out = await request(a.app, "DELETE", "/api/session", undefined, {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    });
    expect(out.status).toBeLessThan(300);
    expect((await readJson(await me(a.app))).user ?? null).toBeNull();
    expect(
      await eventually(async () => ((await readJson(await me(b))).user ?? null) === null),
    ).toBe(true);
  });

  it.runIf(dialect === "postgres")(
    "keeps nothing while it cannot hear of changes, and listens again",
    async () => {
      const token = a.accounts.insider.token;
      expect((await onB(token)).status).toBe(200);
      await opened.db.executeQuery({
        sql: `select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${LISTENER_NAME}' and datname = current_database()`,
        parameters: [],
        query: { kind: "RawNode", sqlFragments: [], parameters: [] } as never,
        queryId: { queryId: "terminate-listeners" },
      });
      expect(await eventually(async () => credentialEpoch(other.db) === null)).toBe(true);
      const before = lookUps;
      for (let i = 0; i < 3; i++) expect((await onB(token)).status).toBe(200);
      expect(lookUps - before).toBe(3);
      expect(await eventually(async () => credentialEpoch(other.db) !== null)).toBe(true);
      const again = lookUps;
      for (let i = 0; i < 3; i++) expect((await onB(token)).status).toBe(200);
      expect(lookUps - again).toBe(1);
    },
  );
});
