/**
 * The authorization matrix's cases for reminders, mail, chat webhooks, invites, passwords and
 * notification channels.
 */
import { unsubscribeTokenOf } from "../app/mail.js";
import { ADMINS, type Case, PUBLIC, SIGNED_IN, unique } from "./authorization-support.js";
import { PASSWORD } from "./test-harness.js";

export const RHYTHM_CASES: Record<string, Case> = {
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
};
