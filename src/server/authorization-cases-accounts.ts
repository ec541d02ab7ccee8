/**
 * The authorization matrix's cases for set-up, sign-in, accounts, sessions, tokens and settings.
 */
import { createApiToken } from "../app/accounts.js";
import { openSession } from "../app/auth.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import {
  ADMINS,
  type Case,
  freshUser,
  PUBLIC,
  SIGNED_IN,
  unique,
} from "./authorization-support.js";
import { PASSWORD } from "./test-harness.js";

export const ACCOUNTS_CASES: Record<string, Case> = {
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
};
