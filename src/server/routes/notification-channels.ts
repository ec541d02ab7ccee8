/**
 * Each person's channels over HTTP: mine (per kind in-app, email or chat, and my own chat
 * webhook with a test message), and the company default admins set.
 */

import {
  CompanyChannelsInputSchema,
  MyChannelsInputSchema,
} from "../../app/notification-channel-schemas.js";
import {
  getCompanyChannels,
  getMyChannels,
  putCompanyChannels,
  putMyChannels,
  testMyChatWebhook,
} from "../../app/notification-channels.js";
import { CompanyChannelsSchema, MyChannelsSchema } from "../../contract/notification-channels.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerNotificationChannelRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/me/notification-channels",
      access: "signed_in",
      tags: ["rhythm"],
      summary:
        "How each kind of notification reaches me (in-app only, email, or my chat webhook), over the company default",
      responses: { 200: jsonResponse(MyChannelsSchema, "My channels") },
    },
    async (c) => c.json(await getMyChannels(deps, actorOf(c)), 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/me/notification-channels",
      access: "signed_in",
      tags: ["rhythm"],
      summary:
        "Choose a channel per kind (null follows the company default) and set or remove (null) my chat webhook; chat needs a webhook",
      request: { body: jsonBody(MyChannelsInputSchema) },
      responses: { 200: jsonResponse(MyChannelsSchema, "My channels as saved") },
    },
    async (c) => c.json(await putMyChannels(deps, actorOf(c), c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/me/notification-channels/test",
      access: "signed_in",
      tags: ["rhythm"],
      summary:
        "Send a test message to my chat webhook now; 502 upstream_failed says what it answered",
      responses: { 204: { description: "Posted" } },
    },
    async (c) => {
      await testMyChatWebhook(deps, actorOf(c));
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/notification-channels/default",
      access: "signed_in",
      tags: ["rhythm"],
      summary: "The company's default channel per kind of notification",
      responses: { 200: jsonResponse(CompanyChannelsSchema, "The default") },
    },
    async (c) => c.json(await getCompanyChannels(deps), 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/notification-channels/default",
      access: "admin",
      tags: ["rhythm"],
      summary: "Set the company's default channel of the kinds given: in-app or email (admin)",
      request: { body: jsonBody(CompanyChannelsInputSchema) },
      responses: { 200: jsonResponse(CompanyChannelsSchema, "The default as saved") },
    },
    async (c) => c.json(await putCompanyChannels(deps, actorOf(c), c.req.valid("json")), 200),
  );
}
