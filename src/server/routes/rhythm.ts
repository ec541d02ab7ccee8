/**
 * The weekly rhythm over HTTP: my reminder cadence, the company default, one-click
 * unsubscribe, chat webhooks per team (with a test message), invites, and password resets.
 */
import { z } from "@hono/zod-openapi";
import { inviteUser, requestPasswordReset, setPasswordWithLink } from "../../app/account-links.js";
import {
  addChatWebhook,
  listTeamWebhooks,
  removeChatWebhook,
  testChatWebhook,
} from "../../app/chat.js";
import { jobStatus } from "../../app/jobs.js";
import { rhythmOf } from "../../app/mail.js";
import { NOTIFICATION_DELIVERY_KINDS } from "../../app/notification-delivery.js";
import {
  getCompanyReminderDefault,
  getMyReminders,
  putCompanyReminderDefault,
  putMyReminders,
} from "../../app/reminder-preferences.js";
import { RHYTHM_JOB_KINDS } from "../../app/rhythm-jobs.js";
import {
  ChatWebhookInputSchema,
  ForgotPasswordInputSchema,
  InviteInputSchema,
  MyReminderInputSchema,
  ReminderPreferenceSchema,
  SetPasswordInputSchema,
} from "../../app/rhythm-schemas.js";
import { countSignInAttemptOf } from "../../app/sign-in-limit.js";
import { unsubscribe } from "../../app/unsubscribe.js";
import {
  ChatWebhookSchema,
  InviteSchema,
  MailStateSchema,
  MyRemindersSchema,
  ReminderPreferenceAnswerSchema,
  UnsubscribedSchema,
} from "../../contract/rhythm.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import { clientAddress } from "./accounts.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

export function registerRhythmRoutes(ctx: RouteContext): void {
  const { deps, options } = ctx;

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/me/reminders",
      access: "signed_in",
      tags: ["rhythm"],
      summary: "My check-in reminder cadence, the company default, and what I unsubscribed from",
      responses: { 200: jsonResponse(MyRemindersSchema, "My reminders") },
    },
    async (c) => c.json(await getMyReminders(deps, actorOf(c)), 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/me/reminders",
      access: "signed_in",
      tags: ["rhythm"],
      summary:
        "Set my reminder cadence (weekly, twice-monthly, monthly, off; weekday, hour, time zone), or null to follow the company default",
      request: { body: jsonBody(MyReminderInputSchema) },
      responses: { 200: jsonResponse(MyRemindersSchema, "My reminders as saved") },
    },
    async (c) => c.json(await putMyReminders(deps, actorOf(c), c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/reminders/default",
      access: "signed_in",
      tags: ["rhythm"],
      summary: "The company's default reminder cadence",
      responses: { 200: jsonResponse(ReminderPreferenceAnswerSchema, "The default") },
    },
    async (c) => c.json(await getCompanyReminderDefault(deps), 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/reminders/default",
      access: "admin",
      tags: ["rhythm"],
      summary: "Set the company's default reminder cadence (admin)",
      request: { body: jsonBody(ReminderPreferenceSchema) },
      responses: { 200: jsonResponse(ReminderPreferenceAnswerSchema, "The default as saved") },
    },
    async (c) =>
      c.json(await putCompanyReminderDefault(deps, actorOf(c), c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/unsubscribe",
      access: "public",
      tags: ["rhythm"],
      summary:
        "One-click unsubscribe from one kind of mail (RFC 8058): the signed token from the mail's link or List-Unsubscribe header",
      request: { query: z.object({ token: z.string().min(1).max(2000) }) },
      responses: { 200: jsonResponse(UnsubscribedSchema, "Unsubscribed") },
    },
    async (c) => c.json(await unsubscribe(deps, c.req.valid("query").token), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/mail",
      access: "admin",
      tags: ["rhythm"],
      summary:
        "Whether mail is configured (OKR_SMTP_URL), where its links point, and the state of the sends (what waits to retry, the last error) (admin)",
      responses: { 200: jsonResponse(MailStateSchema, "Mail") },
    },
    async (c) => {
      const config = rhythmOf(deps);
      const jobs = (await jobStatus(deps))
        .filter((k) =>
          [...RHYTHM_JOB_KINDS, ...NOTIFICATION_DELIVERY_KINDS].some((r) => r.kind === k.kind),
        )
        .map(({ kind, pending, failed, lastSuccessAt, lastError, lastErrorAt }) => ({
          kind,
          pending,
          failed,
          lastSuccessAt,
          lastError,
          lastErrorAt,
        }));
      return c.json({ mail: config.mail !== null, publicUrl: config.publicUrl, jobs }, 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/chat-webhooks",
      access: "admin",
      tags: ["rhythm"],
      summary: "Every team's chat webhook (admin; the URL's host only, the URL is a secret)",
      responses: {
        200: jsonResponse(z.object({ webhooks: z.array(ChatWebhookSchema) }), "Webhooks"),
      },
    },
    async (c) => c.json({ webhooks: await listTeamWebhooks(deps, actorOf(c)) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/chat-webhooks",
      access: "admin",
      tags: ["rhythm"],
      summary: "Add a team's incoming webhook: Slack, Mattermost or Microsoft Teams (admin)",
      request: { body: jsonBody(ChatWebhookInputSchema) },
      responses: { 201: jsonResponse(ChatWebhookSchema, "The webhook") },
    },
    async (c) => c.json(await addChatWebhook(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/chat-webhooks/{id}",
      access: "admin",
      tags: ["rhythm"],
      summary: "Remove a chat webhook (admin)",
      request: { params: IdParams },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await removeChatWebhook(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/chat-webhooks/{id}/test",
      access: "admin",
      tags: ["rhythm"],
      summary:
        "Send a test message through a chat webhook now; 502 upstream_failed says what it answered (admin)",
      request: { params: IdParams },
      responses: { 204: { description: "Posted" } },
    },
    async (c) => {
      await testChatWebhook(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/invites",
      access: "admin",
      tags: ["accounts"],
      summary:
        "Invite someone by address (admin): an account and a one-time link, valid 7 days, that sets its password; mailed when mail is configured, else answered",
      request: { body: jsonBody(InviteInputSchema) },
      responses: { 201: jsonResponse(InviteSchema, "The invite") },
    },
    async (c) =>
      c.json(
        await inviteUser(deps, actorOf(c), c.req.valid("json"), new URL(c.req.url).origin),
        201,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/password/forgot",
      access: "public",
      tags: ["accounts"],
      summary:
        "Forgot password: mails a one-time reset link (valid an hour) if the address has an account; the same answer either way; rate-limited like sign-in",
      request: { body: jsonBody(ForgotPasswordInputSchema) },
      responses: { 202: jsonResponse(z.object({ message: z.string() }), "Accepted") },
    },
    async (c) => {
      const input = c.req.valid("json");
      await countSignInAttemptOf(
        deps,
        options.signInLimit,
        input.email,
        clientAddress(c, options.trustedProxies),
      );
      await requestPasswordReset(deps, input);
      return c.json(
        {
          message: "If that address has an account, a link to choose a new password is on its way.",
        },
        202,
      );
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/password/set",
      access: "public",
      tags: ["accounts"],
      summary:
        "Choose a password with the token of an invite or reset link (works once, until it expires); ends the account's sessions",
      request: { body: jsonBody(SetPasswordInputSchema) },
      responses: { 200: jsonResponse(z.object({ email: z.string() }), "Password set") },
    },
    async (c) => {
      const user = await setPasswordWithLink(deps, c.req.valid("json"));
      return c.json({ email: user.email }, 200);
    },
  );
}
