/**
 * The authorization matrix: every route × every kind of caller × the status it must answer.
 * Driven by the routes the server registers, so a new route without an entry here fails.
 * Cookie callers send the CSRF header; `token` is an editor's API token.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { createApiToken, createUser } from "../app/accounts.js";
import { openSession } from "../app/auth.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { unsubscribeTokenOf } from "../app/mail.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { findServerChromium } from "./review-pdf.js";
import { ROUTE_ACCESS } from "./route.js";
import {
  addAccount,
  type CookieSession,
  openTestServer,
  PASSWORD,
  readJson,
  request,
  signInWithCookie,
  type TestAccount,
  type TestServer,
} from "./test-harness.js";

/** Whether this machine can print the review PDF (Chromium and the built web app). */
const CAN_PRINT =
  findServerChromium() !== undefined &&
  existsSync(fileURLToPath(new URL("../../dist/web/index.html", import.meta.url)));

const CALLERS = ["anonymous", "viewer", "owner", "editor", "admin", "token"] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

/** Anyone, signed in or not. */
const PUBLIC = (status: number): Expected => ({
  anonymous: status,
  viewer: status,
  owner: status,
  editor: status,
  admin: status,
  token: status,
});
/** Any account. */
const SIGNED_IN = (status: number): Expected => ({ ...PUBLIC(status), anonymous: 401 });
/** Editors and admins (and the editor's token). */
const EDITORS = (status: number): Expected => ({ ...SIGNED_IN(status), viewer: 403, owner: 403 });
/** Editors, admins and the owner of the OKR (a viewer). */
const OWNERS = (status: number): Expected => ({ ...SIGNED_IN(status), viewer: 403 });
/** Admins only. */
const ADMINS = (status: number): Expected => ({ ...EDITORS(403), admin: status });

interface Fixture {
  server: TestServer;
  accounts: Record<Exclude<Caller, "anonymous" | "token">, TestAccount>;
  periodId: string;
  /** Owned by the owner's person. */
  objectiveId: string;
  keyResultId: string;
  personId: string;
  teamId: string;
  /** Makes things through the API as admin. */
  admin(method: string, path: string, body?: unknown): Promise<{ id: string; version: number }>;
}

interface Call {
  path: string;
  body?: unknown;
}

interface Case {
  call(f: Fixture, caller: Caller): Promise<Call> | Call;
  expect: Expected;
}

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

/** A user nobody signs in as, to disable, enable or delete. */
function freshUser(f: Fixture) {
  return createUser(f.server.deps, SYSTEM_ACTOR, {
    email: `u${unique()}@example.com`,
    name: "U",
    password: PASSWORD,
  });
}

async function freshObjective(f: Fixture) {
  return f.admin("POST", "/api/objectives", {
    periodId: f.periodId,
    title: `Objective ${unique()}`,
    owner: "Olive Owner",
  });
}

async function freshKeyResult(f: Fixture) {
  return f.admin("POST", "/api/key-results", {
    objectiveId: f.objectiveId,
    title: `Key result ${unique()}`,
    kind: "metric",
    start: 0,
    target: 10,
  });
}

let periodCounter = 0;
function freshLabel(): string {
  periodCounter++;
  return `${2040 + Math.floor(periodCounter / 4)}-Q${(periodCounter % 4) + 1}`;
}

const HANDBOOK_PAGE = `# 2026-Q2 OKRs

- CEO: Grow the business
  - CRO: Close 10 new deals => 40%
`;

const CASES: Record<string, Case> = {
  "GET /api/health": { call: () => ({ path: "/api/health" }), expect: PUBLIC(200) },
  "GET /api/setup": { call: () => ({ path: "/api/setup" }), expect: PUBLIC(200) },
  "POST /api/setup": {
    call: () => ({
      path: "/api/setup",
      body: { email: `x${unique()}@example.com`, name: "X", password: PASSWORD },
    }),
    expect: PUBLIC(409),
  },
  "GET /api/session": { call: () => ({ path: "/api/session" }), expect: PUBLIC(200) },
  "POST /api/session": {
    call: (f, caller) => ({
      path: "/api/session",
      body: {
        email:
          f.accounts[caller === "anonymous" || caller === "token" ? "viewer" : caller].user.email,
        password: PASSWORD,
      },
    }),
    expect: PUBLIC(200),
  },
  "DELETE /api/session": { call: () => ({ path: "/api/session" }), expect: PUBLIC(204) },
  "GET /api/users": { call: () => ({ path: "/api/users" }), expect: ADMINS(200) },
  "POST /api/users": {
    call: () => ({
      path: "/api/users",
      body: { email: `u${unique()}@example.com`, name: "U", password: "u password" },
    }),
    expect: ADMINS(201),
  },
  "PUT /api/me/password": {
    // The same password again: the caller's later sign-ins still work.
    call: () => ({
      path: "/api/me/password",
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
    }),
    expect: { ...SIGNED_IN(200), token: 403 },
  },
  "GET /api/users/{id}": {
    call: (f) => ({ path: `/api/users/${f.accounts.viewer.user.id}` }),
    expect: ADMINS(200),
  },
  "PATCH /api/users/{id}": {
    call: (f) => ({
      path: `/api/users/${f.accounts.viewer.user.id}`,
      body: { name: `Viewer ${unique()}` },
    }),
    expect: ADMINS(200),
  },
  "POST /api/users/{id}/disable": {
    call: async (f) => ({ path: `/api/users/${(await freshUser(f)).id}/disable` }),
    expect: ADMINS(200),
  },
  "POST /api/users/{id}/enable": {
    call: async (f) => ({ path: `/api/users/${(await freshUser(f)).id}/enable` }),
    expect: ADMINS(200),
  },
  "DELETE /api/users/{id}": {
    call: async (f) => ({ path: `/api/users/${(await freshUser(f)).id}` }),
    expect: ADMINS(204),
  },
  "DELETE /api/users/{id}/sessions": {
    call: async (f) => ({ path: `/api/users/${(await freshUser(f)).id}/sessions` }),
    expect: ADMINS(200),
  },
  "GET /api/admin/tokens": { call: () => ({ path: "/api/admin/tokens" }), expect: ADMINS(200) },
  "GET /api/sessions": { call: () => ({ path: "/api/sessions" }), expect: SIGNED_IN(200) },
  "DELETE /api/sessions/{id}": {
    call: async (f, caller) => {
      // Another session of the caller's own account (not the one the matrix signs in with).
      const account = f.accounts[caller === "anonymous" || caller === "token" ? "editor" : caller];
      const { session } = await openSession(f.server.deps, account.user);
      return { path: `/api/sessions/${session.id}` };
    },
    expect: SIGNED_IN(204),
  },
  "GET /api/auth/methods": { call: () => ({ path: "/api/auth/methods" }), expect: PUBLIC(200) },
  "GET /api/auth/oidc/start": {
    call: () => ({ path: "/api/auth/oidc/start" }),
    expect: PUBLIC(302),
  },
  "GET /api/auth/oidc/callback": {
    call: () => ({ path: "/api/auth/oidc/callback?code=x&state=y" }),
    expect: PUBLIC(302),
  },
  "GET /api/tokens": { call: () => ({ path: "/api/tokens" }), expect: SIGNED_IN(200) },
  "POST /api/tokens": {
    call: () => ({ path: "/api/tokens", body: { name: "matrix" } }),
    expect: SIGNED_IN(201),
  },
  "DELETE /api/tokens/{id}": {
    call: async (f, caller) => {
      const account = f.accounts[caller === "anonymous" || caller === "token" ? "editor" : caller];
      const { token } = await createApiToken(
        f.server.deps,
        SYSTEM_ACTOR,
        { name: "to revoke" },
        account.user.id,
      );
      return { path: `/api/tokens/${token.id}` };
    },
    expect: SIGNED_IN(200),
  },
  "GET /api/settings": { call: () => ({ path: "/api/settings" }), expect: SIGNED_IN(200) },
  "PUT /api/settings": {
    call: () => ({
      path: "/api/settings",
      body: {
        calendar: { startMonth: 1, naming: "start" },
        grading: [
          { min: 0, label: "red", color: "red" },
          { min: 0.4, label: "yellow", color: "yellow" },
          { min: 0.7, label: "green", color: "green" },
        ],
        rollUp: { cap: 1, includeChildObjectives: false },
        sweetSpot: 0.7,
      },
    }),
    expect: ADMINS(200),
  },
  "GET /api/periods": { call: () => ({ path: "/api/periods" }), expect: SIGNED_IN(200) },
  "POST /api/periods": {
    call: () => ({ path: "/api/periods", body: { label: freshLabel() } }),
    expect: EDITORS(201),
  },
  "GET /api/periods/{id}": {
    call: (f) => ({ path: `/api/periods/${f.periodId}` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/periods/{id}/close": {
    call: async (f) => {
      const period = await f.admin("POST", "/api/periods", { label: freshLabel() });
      return { path: `/api/periods/${period.id}/close` };
    },
    expect: EDITORS(200),
  },
  "POST /api/periods/{id}/reopen": {
    call: async (f) => {
      const period = await f.admin("POST", "/api/periods", { label: freshLabel() });
      await f.admin("POST", `/api/periods/${period.id}/close`);
      return { path: `/api/periods/${period.id}/reopen` };
    },
    expect: ADMINS(200),
  },
  "GET /api/periods/{id}/review": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/review` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/review.pdf": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/review.pdf` }),
    // Printed by Chromium from the built web app: without either, 503 renderer_unavailable.
    expect: SIGNED_IN(CAN_PRINT ? 200 : 503),
  },
  "GET /api/periods/{id}/dashboard": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/dashboard?staleDays=7` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/dashboard/{list}": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/dashboard/stale?offset=0&limit=5` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/retrospectives": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/retrospectives` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/periods/{id}/retrospectives": {
    call: (f) => ({
      path: `/api/periods/${f.periodId}/retrospectives`,
      body: { retrospectives: [{ team: "Support", good: ["fast"], bad: [], try: ["faster"] }] },
    }),
    expect: EDITORS(200),
  },
  "GET /api/people": { call: () => ({ path: "/api/people" }), expect: SIGNED_IN(200) },
  "POST /api/people": {
    call: () => ({ path: "/api/people", body: { name: `Person ${unique()}` } }),
    expect: EDITORS(201),
  },
  "GET /api/people/{id}": {
    call: (f) => ({ path: `/api/people/${f.personId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/people/{id}": {
    call: async (f) => {
      const person = await f.admin("POST", "/api/people", { name: `Person ${unique()}` });
      return { path: `/api/people/${person.id}`, body: { title: "CFO" } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/people/{id}": {
    call: async (f) => {
      const person = await f.admin("POST", "/api/people", { name: `Person ${unique()}` });
      return { path: `/api/people/${person.id}` };
    },
    expect: EDITORS(204),
  },
  "GET /api/teams": { call: () => ({ path: "/api/teams" }), expect: SIGNED_IN(200) },
  "POST /api/teams": {
    call: () => ({ path: "/api/teams", body: { name: `Team ${unique()}` } }),
    expect: EDITORS(201),
  },
  "GET /api/teams/{id}": {
    call: (f) => ({ path: `/api/teams/${f.teamId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/teams/{id}": {
    call: async (f) => {
      const team = await f.admin("POST", "/api/teams", { name: `Team ${unique()}` });
      return { path: `/api/teams/${team.id}`, body: { parentId: f.teamId } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/teams/{id}": {
    call: async (f) => {
      const team = await f.admin("POST", "/api/teams", { name: `Team ${unique()}` });
      return { path: `/api/teams/${team.id}` };
    },
    expect: EDITORS(204),
  },
  "GET /api/me/okrs": { call: () => ({ path: "/api/me/okrs" }), expect: SIGNED_IN(200) },
  "GET /api/search": {
    call: () => ({ path: "/api/search?q=objective&status=in_progress" }),
    expect: SIGNED_IN(200),
  },
  "GET /api/jobs": {
    call: () => ({ path: "/api/jobs" }),
    expect: ADMINS(200),
  },
  "GET /api/audit": {
    call: () => ({ path: "/api/audit?entity=objective&limit=5" }),
    expect: ADMINS(200),
  },
  "POST /api/import/preview": {
    call: () => ({ path: "/api/import/preview", body: { markdown: HANDBOOK_PAGE } }),
    expect: EDITORS(200),
  },
  "POST /api/import/apply": {
    call: () => ({ path: "/api/import/apply", body: { markdown: HANDBOOK_PAGE } }),
    expect: EDITORS(200),
  },
  "GET /api/export": {
    call: (f) => ({ path: `/api/export?periodId=${f.periodId}&format=md` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives": {
    call: (f) => ({
      path: "/api/objectives",
      body: {
        periodId: f.periodId,
        title: `Aligned ${unique()}`,
        parentObjectiveId: f.objectiveId,
      },
    }),
    expect: OWNERS(201),
  },
  "GET /api/objectives/{id}": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/objectives/{id}/roll-up": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/roll-up` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/objectives/{id}": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}`, body: { version: o.version, title: "Renamed" } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/move": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/move`, body: { version: o.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/reorder": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/reorder`, body: { version: o.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/archive": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/archive`, body: { version: o.version } };
    },
    expect: OWNERS(200),
  },
  "GET /api/periods/{id}/tree": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/tree` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/carry-over": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/carry-over`, body: { version: o.version } };
    },
    expect: OWNERS(201),
  },
  "POST /api/objectives/{id}/links": {
    call: (f) => ({
      path: `/api/objectives/${f.objectiveId}/links`,
      body: { kind: "issue", text: "#1", url: "https://example.com/issues/1" },
    }),
    expect: OWNERS(201),
  },
  "POST /api/key-results/{id}/carry-over": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/carry-over`, body: { version: kr.version } };
    },
    expect: OWNERS(201),
  },
  "POST /api/key-results/{id}/links": {
    call: (f) => ({
      path: `/api/key-results/${f.keyResultId}/links`,
      body: { kind: "epic", text: "&2", url: "https://example.com/epics/2" },
    }),
    expect: OWNERS(201),
  },
  "DELETE /api/links/{id}": {
    call: async (f) => {
      const link = await f.admin("POST", `/api/objectives/${f.objectiveId}/links`, {
        kind: "document",
        text: "doc",
        url: "https://example.com/doc",
      });
      return { path: `/api/links/${link.id}` };
    },
    expect: OWNERS(204),
  },
  "POST /api/key-results": {
    call: (f) => ({
      path: "/api/key-results",
      body: { objectiveId: f.objectiveId, title: `KR ${unique()}`, kind: "percentage" },
    }),
    expect: OWNERS(201),
  },
  "GET /api/key-results/{id}": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/key-results/{id}": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}`, body: { version: kr.version, title: "Renamed" } };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/move": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/move`, body: { version: kr.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/reorder": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return {
        path: `/api/key-results/${kr.id}/reorder`,
        body: { version: kr.version, position: 0 },
      };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/archive": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/archive`, body: { version: kr.version } };
    },
    expect: OWNERS(200),
  },
  "GET /api/key-results/{id}/check-ins": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/check-ins` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/check-ins": {
    call: (f) => ({
      path: `/api/key-results/${f.keyResultId}/check-ins`,
      body: { value: 5, note: "matrix" },
    }),
    expect: OWNERS(201),
  },
  "GET /api/objectives/{id}/comments": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/comments` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/comments": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/comments`, body: { body: "Nice" } }),
    expect: SIGNED_IN(201),
  },
  "GET /api/key-results/{id}/comments": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/comments` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/comments": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/comments`, body: { body: "Nice" } }),
    expect: SIGNED_IN(201),
  },
  "GET /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "DELETE /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "DELETE /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  // The admin wrote the comment: only its author edits it; its author (or an admin) deletes it.
  "PATCH /api/comments/{id}": {
    call: async (f) => {
      const comment = await f.admin("POST", `/api/objectives/${f.objectiveId}/comments`, {
        body: "First draft",
      });
      return { path: `/api/comments/${comment.id}`, body: { body: "Second draft" } };
    },
    expect: ADMINS(200),
  },
  "DELETE /api/comments/{id}": {
    call: async (f) => {
      const comment = await f.admin("POST", `/api/key-results/${f.keyResultId}/comments`, {
        body: "To delete",
      });
      return { path: `/api/comments/${comment.id}` };
    },
    expect: ADMINS(204),
  },
  "GET /api/notifications": {
    call: () => ({ path: "/api/notifications?unread=true&limit=5" }),
    expect: SIGNED_IN(200),
  },
  "POST /api/notifications/read": {
    call: () => ({ path: "/api/notifications/read", body: {} }),
    expect: SIGNED_IN(200),
  },
  // The admin made the check-in: only its author corrects it; editors delete any.
  "PATCH /api/check-ins/{id}": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      const made = (await f.admin("POST", `/api/key-results/${kr.id}/check-ins`, {
        value: 3,
      })) as unknown as { checkIn: { id: string } };
      return { path: `/api/check-ins/${made.checkIn.id}`, body: { note: "corrected" } };
    },
    expect: ADMINS(200),
  },
  "DELETE /api/check-ins/{id}": {
    call: async (f) => {
      const made = (await f.admin("POST", `/api/key-results/${f.keyResultId}/check-ins`, {
        value: 4,
      })) as unknown as { checkIn: { id: string } };
      return { path: `/api/check-ins/${made.checkIn.id}` };
    },
    expect: { ...EDITORS(200), owner: 403 },
  },
  "GET /api/me/reminders": { call: () => ({ path: "/api/me/reminders" }), expect: SIGNED_IN(200) },
  "PUT /api/me/reminders": {
    // Only an account linked to a person has OKRs to be reminded of.
    call: () => ({
      path: "/api/me/reminders",
      body: { preference: { cadence: "weekly", weekday: 1, hour: 9, timeZone: "UTC" } },
    }),
    expect: { ...SIGNED_IN(403), owner: 200 },
  },
  "GET /api/reminders/default": {
    call: () => ({ path: "/api/reminders/default" }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/reminders/default": {
    call: () => ({
      path: "/api/reminders/default",
      body: { cadence: "weekly", weekday: 1, hour: 9, timeZone: "UTC" },
    }),
    expect: ADMINS(200),
  },
  "POST /api/unsubscribe": {
    call: async (f) => ({
      path: `/api/unsubscribe?token=${await unsubscribeTokenOf(f.server.deps, "x@example.com", "digest")}`,
    }),
    expect: PUBLIC(200),
  },
  "GET /api/mail": { call: () => ({ path: "/api/mail" }), expect: ADMINS(200) },
  "GET /api/chat-webhooks": { call: () => ({ path: "/api/chat-webhooks" }), expect: ADMINS(200) },
  "POST /api/chat-webhooks": {
    call: (f) => ({
      path: "/api/chat-webhooks",
      body: { teamId: f.teamId, provider: "slack", url: "https://hooks.example.com/x" },
    }),
    expect: ADMINS(201),
  },
  "DELETE /api/chat-webhooks/{id}": {
    call: async (f) => {
      const hook = await f.admin("POST", "/api/chat-webhooks", {
        teamId: f.teamId,
        provider: "teams",
        url: "https://hooks.example.com/y",
      });
      return { path: `/api/chat-webhooks/${hook.id}` };
    },
    expect: ADMINS(204),
  },
  "POST /api/chat-webhooks/{id}/test": {
    // Nothing listens on port 9: the admin hears what the webhook answered.
    call: async (f) => {
      const hook = await f.admin("POST", "/api/chat-webhooks", {
        teamId: f.teamId,
        provider: "mattermost",
        url: "http://127.0.0.1:9/hook",
      });
      return { path: `/api/chat-webhooks/${hook.id}/test` };
    },
    expect: ADMINS(502),
  },
  "POST /api/invites": {
    call: () => ({ path: "/api/invites", body: { email: `i${unique()}@example.com`, name: "I" } }),
    expect: ADMINS(201),
  },
  "POST /api/password/forgot": {
    call: () => ({ path: "/api/password/forgot", body: { email: "nobody@example.com" } }),
    expect: PUBLIC(202),
  },
  "POST /api/password/set": {
    call: () => ({
      path: "/api/password/set",
      body: { token: "not-a-real-link-token", password: PASSWORD },
    }),
    expect: PUBLIC(400),
  },
  "GET /api/key-results/{id}/source": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/source` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/key-results/{id}/source": {
    call: async (f) => ({
      path: `/api/key-results/${f.keyResultId}/source`,
      body: await sourceBody(f),
    }),
    expect: OWNERS(200),
  },
  "DELETE /api/key-results/{id}/source": {
    call: async (f) => {
      await f.admin("PUT", `/api/key-results/${f.keyResultId}/source`, await sourceBody(f));
      return { path: `/api/key-results/${f.keyResultId}/source` };
    },
    expect: OWNERS(204),
  },
  "POST /api/key-results/{id}/source/preview": {
    // Nothing listens where the connection points: the read fails, saying so (502).
    call: async (f) => ({
      path: `/api/key-results/${f.keyResultId}/source/preview`,
      body: await sourceBody(f),
    }),
    expect: OWNERS(502),
  },
  "POST /api/key-results/{id}/source/refresh": {
    call: async (f) => {
      await f.admin("PUT", `/api/key-results/${f.keyResultId}/source`, await sourceBody(f));
      return { path: `/api/key-results/${f.keyResultId}/source/refresh` };
    },
    expect: SIGNED_IN(202),
  },
  "GET /api/connections": { call: () => ({ path: "/api/connections" }), expect: SIGNED_IN(200) },
  "POST /api/connections": {
    call: () => ({
      path: "/api/connections",
      body: { name: `c${unique()}`, kind: "http", baseUrl: "http://127.0.0.1:9" },
    }),
    expect: ADMINS(201),
  },
  "DELETE /api/connections/{id}": {
    call: async (f) => {
      const made = await f.admin("POST", "/api/connections", {
        name: `c${unique()}`,
        kind: "http",
        baseUrl: "http://127.0.0.1:9",
      });
      return { path: `/api/connections/${made.id}` };
    },
    expect: ADMINS(204),
  },
  "POST /api/hooks/gitlab": {
    call: () => ({ path: "/api/hooks/gitlab", body: { object_kind: "issue" } }),
    expect: PUBLIC(401),
  },
  "POST /api/hooks/github": {
    call: () => ({ path: "/api/hooks/github", body: { action: "closed" } }),
    expect: PUBLIC(401),
  },
  "GET /api/kpis": { call: () => ({ path: "/api/kpis" }), expect: SIGNED_IN(200) },
  "POST /api/kpis": {
    call: () => ({ path: "/api/kpis", body: { name: `KPI ${unique()}`, targetHigh: 20 } }),
    expect: EDITORS(201),
  },
  "GET /api/kpis/{id}": {
    call: async (f) => ({
      path: `/api/kpis/${(await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` })).id}`,
    }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/kpis/{id}": {
    call: async (f) => {
      const kpi = await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` });
      return { path: `/api/kpis/${kpi.id}`, body: { version: kpi.version, unit: "min" } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/kpis/{id}": {
    call: async (f) => ({
      path: `/api/kpis/${(await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` })).id}`,
    }),
    expect: EDITORS(204),
  },
  "POST /api/kpis/{id}/readings": {
    call: async (f) => {
      const kpi = await f.admin("POST", "/api/kpis", {
        name: `KPI ${unique()}`,
        owner: "Olive Owner",
      });
      return { path: `/api/kpis/${kpi.id}/readings`, body: { value: 31 } };
    },
    expect: OWNERS(201),
  },
  "GET /api/key-results/{id}/kpi": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/kpi` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/key-results/{id}/kpi": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/kpi`, body: { kpiId: null } }),
    expect: OWNERS(200),
  },
  "GET /api/webhooks": { call: () => ({ path: "/api/webhooks" }), expect: ADMINS(200) },
  "POST /api/webhooks": {
    call: () => ({
      path: "/api/webhooks",
      body: { url: "http://127.0.0.1:9/matrix", events: ["period.closed"], active: false },
    }),
    expect: ADMINS(201),
  },
  "GET /api/webhooks/{id}": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}` }),
    expect: ADMINS(200),
  },
  "PATCH /api/webhooks/{id}": {
    call: async (f) => ({
      path: `/api/webhooks/${(await freshWebhook(f)).id}`,
      body: { description: "renamed" },
    }),
    expect: ADMINS(200),
  },
  "DELETE /api/webhooks/{id}": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}` }),
    expect: ADMINS(204),
  },
  "GET /api/webhooks/{id}/deliveries": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}/deliveries` }),
    expect: ADMINS(200),
  },
  "POST /api/webhooks/{id}/ping": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}/ping` }),
    expect: ADMINS(202),
  },
  "POST /api/webhook-deliveries/{id}/redeliver": {
    call: async (f) => {
      const delivery = await f.admin("POST", `/api/webhooks/${(await freshWebhook(f)).id}/ping`);
      return { path: `/api/webhook-deliveries/${delivery.id}/redeliver` };
    },
    expect: ADMINS(202),
  },
  "GET /api/me/notification-channels": {
    call: () => ({ path: "/api/me/notification-channels" }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/me/notification-channels": {
    call: () => ({
      path: "/api/me/notification-channels",
      body: { channels: { mention: "email", reply: null } },
    }),
    expect: SIGNED_IN(200),
  },
  "POST /api/me/notification-channels/test": {
    // No caller has a chat webhook here: each is told to paste one first.
    call: () => ({ path: "/api/me/notification-channels/test" }),
    expect: SIGNED_IN(400),
  },
  "GET /api/notification-channels/default": {
    call: () => ({ path: "/api/notification-channels/default" }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/notification-channels/default": {
    call: () => ({ path: "/api/notification-channels/default", body: { mention: "in-app" } }),
    expect: ADMINS(200),
  },
  "PATCH /api/connections/{id}": {
    call: async (f) => {
      const made = await f.admin("POST", "/api/connections", {
        name: `c${unique()}`,
        kind: "http",
        baseUrl: "http://127.0.0.1:9",
      });
      return { path: `/api/connections/${made.id}`, body: { baseUrl: "http://127.0.0.1:10" } };
    },
    expect: ADMINS(200),
  },
  "GET /api/kpis/{id}/source": {
    call: async (f) => ({ path: `/api/kpis/${(await freshKpi(f)).id}/source` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/kpis/{id}/source": {
    call: async (f) => ({
      path: `/api/kpis/${(await freshKpi(f)).id}/source`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(200),
  },
  "DELETE /api/kpis/{id}/source": {
    call: async (f) => {
      const kpi = await freshKpi(f);
      await f.admin("PUT", `/api/kpis/${kpi.id}/source`, await sourceBody(f));
      return { path: `/api/kpis/${kpi.id}/source` };
    },
    expect: EDITORS(204),
  },
  "POST /api/kpis/{id}/source/preview": {
    // Nothing listens where the connection points: the read fails, saying so (502).
    call: async (f) => ({
      path: `/api/kpis/${(await freshKpi(f)).id}/source/preview`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(502),
  },
  "POST /api/kpis/{id}/source/refresh": {
    call: async (f) => {
      const kpi = await freshKpi(f);
      await f.admin("PUT", `/api/kpis/${kpi.id}/source`, await sourceBody(f));
      return { path: `/api/kpis/${kpi.id}/source/refresh` };
    },
    expect: SIGNED_IN(202),
  },
};

/** A KPI read by hand, owned by the owner's person. */
function freshKpi(f: Fixture) {
  return f.admin("POST", "/api/kpis", { name: `KPI ${unique()}`, owner: "Olive Owner" });
}

/** A switched-off webhook (nothing is sent to it). */
async function freshWebhook(f: Fixture): Promise<{ id: string }> {
  const made = (await f.admin("POST", "/api/webhooks", {
    url: "http://127.0.0.1:9/matrix",
    active: false,
  })) as unknown as { webhook: { id: string } };
  return made.webhook;
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

/** A source on an HTTP JSON connection nobody listens at (made once per fixture). */
async function sourceBody(f: Fixture) {
  const name = "Nowhere";
  const { connections } = (await f.admin("GET", "/api/connections")) as unknown as {
    connections: { name: string }[];
  };
  if (!connections.some((c) => c.name === name))
    await f.admin("POST", "/api/connections", {
      name,
      kind: "http",
      baseUrl: "http://127.0.0.1:9",
    });
  return { connection: name, config: { kind: "http_json", url: "value", path: "$.value" } };
}
