/**
 * The authorization matrix: every route × every kind of caller × the status it must answer.
 * Driven by the routes the server registers, so a new route without an entry in one of the
 * per-area case files (`authorization-cases-*.ts`) fails.
 * Cookie callers send the CSRF header; `token` is an editor's API token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { ACCOUNTS_CASES } from "./authorization-cases-accounts.js";
import { CONNECTED_CASES } from "./authorization-cases-connected.js";
import { ITEMS_CASES } from "./authorization-cases-items.js";
import { RHYTHM_CASES } from "./authorization-cases-rhythm.js";
import { WORKSPACE_CASES } from "./authorization-cases-workspace.js";
import {
  CALLERS,
  type Call,
  type Caller,
  type Case,
  type Expected,
  type Fixture,
} from "./authorization-support.js";
import { ROUTE_ACCESS } from "./route.js";
import {
  addAccount,
  type CookieSession,
  openTestServer,
  readJson,
  request,
  signInWithCookie,
} from "./test-harness.js";

/** Every case file's entries; a route listed twice is a mistake, not an override. */
const CASES: Record<string, Case> = {};
for (const cases of [ACCOUNTS_CASES, WORKSPACE_CASES, ITEMS_CASES, RHYTHM_CASES, CONNECTED_CASES]) {
  for (const [route, entry] of Object.entries(cases)) {
    if (route in CASES) throw new Error(`${route} has two entries in the authorization matrix`);
    CASES[route] = entry;
  }
}

it("has an entry for every route the server registers", async () => {
  const opened = await openTestDatabase("sqlite");
  try {
    await openTestServer(opened);
    expect(Object.keys(CASES).sort()).toEqual([...ROUTE_ACCESS.keys()].sort());
  } finally {
    await opened.close();
  }
});

describe.each(DIALECTS)("authorization matrix (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let f: Fixture;
  const sessions = new Map<Caller, CookieSession>();

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    const server = await openTestServer(opened, { signInLimit: { max: 1000, windowMs: 60_000 } });
    const personId = server.deps.newId();
    await insertPerson(server.deps.db, {
      id: personId,
      name: "Olive Owner",
      email: null,
      title: null,
      teamId: null,
    });
    const owner = await addAccount(server.deps, "owner@example.com", "viewer", { personId });
    const accounts = {
      viewer: server.accounts.viewer,
      editor: server.accounts.editor,
      admin: server.accounts.admin,
      owner,
    };
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(server.accounts.admin.token, method, path, body);
      const json = await readJson(response);
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    const objective = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Olive's objective",
      owner: "Olive Owner",
    });
    const keyResult = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Raise it from 0 to 100",
      kind: "metric",
      start: 0,
      target: 100,
    });
    await admin("POST", `/api/key-results/${keyResult.id}/check-ins`, { value: 10 });
    const team = await admin("POST", "/api/teams", { name: "Support" });
    f = {
      server,
      accounts,
      periodId: period.id,
      objectiveId: objective.id,
      keyResultId: keyResult.id,
      personId,
      teamId: team.id,
      admin,
    };
    for (const caller of ["viewer", "owner", "editor", "admin"] as const) {
      sessions.set(caller, await signInWithCookie(server.app, accounts[caller].user.email));
    }
  });
  afterAll(async () => {
    await opened?.close();
  });

  async function send(caller: Caller, method: string, call: Call): Promise<Response> {
    const headers: Record<string, string> = {};
    if (caller === "token") headers.authorization = `Bearer ${f.accounts.editor.token}`;
    else if (caller !== "anonymous") {
      const session = sessions.get(caller);
      if (!session) throw new Error(`no session for ${caller}`);
      headers.cookie = session.cookie;
      headers["x-csrf-token"] = session.csrfToken;
    }
    return request(f.server.app, method, call.path, call.body, headers);
  }

  for (const [route, entry] of Object.entries(CASES)) {
    it(`${route}`, async () => {
      const [method = "GET"] = route.split(" ");
      const got: Partial<Expected> = {};
      const bodies: Record<string, string> = {};
      for (const caller of CALLERS) {
        const call = await entry.call(f, caller);
        const response = await send(caller, method, call);
        got[caller] = response.status;
        if (response.status !== entry.expect[caller])
          bodies[caller] = (await response.text()).slice(0, 300);
        if (route === "DELETE /api/session" && caller !== "anonymous" && caller !== "token") {
          // Signed out: sign in again for the routes that follow.
          sessions.set(caller, await signInWithCookie(f.server.app, f.accounts[caller].user.email));
        }
      }
      expect({ statuses: got, bodies }).toEqual({ statuses: entry.expect, bodies: {} });
    });
  }
});
