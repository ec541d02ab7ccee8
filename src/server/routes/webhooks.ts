/** Webhooks out (admins): subscriptions, their delivery log, redelivery and a ping. */
import {
  CreateWebhookInputSchema,
  DeliveryListInputSchema,
  UpdateWebhookInputSchema,
} from "../../app/webhook-schemas.js";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  redeliver,
  updateWebhook,
} from "../../app/webhooks.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import {
  DeliveryListSchema,
  WebhookDeliverySchema,
  WebhookListSchema,
  WebhookSchema,
  WebhookUpdatedSchema,
  WebhookWithSecretSchema,
} from "../../contract/webhooks.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerWebhookRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/webhooks",
      access: "admin",
      tags: ["webhooks"],
      summary: "Every webhook (without its secret)",
      responses: { 200: jsonResponse(WebhookListSchema, "Webhooks") },
    },
    async (c) => c.json({ webhooks: await listWebhooks(deps, actorOf(c)) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/webhooks",
      access: "admin",
      tags: ["webhooks"],
      summary:
        "Add a webhook: a URL and the events to send (none: every event); answers its signing secret, once",
      request: { body: jsonBody(CreateWebhookInputSchema) },
      responses: { 201: jsonResponse(WebhookWithSecretSchema, "The webhook and its secret") },
    },
    async (c) => c.json(await createWebhook(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/webhooks/{id}",
      access: "admin",
      tags: ["webhooks"],
      summary: "One webhook",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(WebhookSchema, "The webhook") },
    },
    async (c) => c.json(await getWebhook(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/webhooks/{id}",
      access: "admin",
      tags: ["webhooks"],
      summary:
        "Change a webhook's URL, events or description, switch it on or off, or rotate its secret (answered once)",
      conflicts: false,
      request: { params: IdParamsSchema, body: jsonBody(UpdateWebhookInputSchema) },
      responses: { 200: jsonResponse(WebhookUpdatedSchema, "The webhook as it is now") },
    },
    async (c) =>
      c.json(
        await updateWebhook(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/webhooks/{id}",
      access: "admin",
      tags: ["webhooks"],
      summary: "Remove a webhook and its delivery log (what was still to be sent is not sent)",
      conflicts: false,
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await deleteWebhook(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/webhooks/{id}/deliveries",
      access: "admin",
      tags: ["webhooks"],
      summary:
        "A webhook's delivery log, newest first: each event's body, status, attempts, last answer's code and body excerpt",
      request: { params: IdParamsSchema, query: DeliveryListInputSchema },
      responses: { 200: jsonResponse(DeliveryListSchema, "Deliveries") },
    },
    async (c) =>
      c.json(
        {
          deliveries: await listWebhookDeliveries(
            deps,
            actorOf(c),
            c.req.valid("param").id,
            c.req.valid("query"),
          ),
        },
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/webhooks/{id}/ping",
      access: "admin",
      tags: ["webhooks"],
      summary: "Send a ping event to the webhook now, to try its URL and secret",
      conflicts: false,
      request: { params: IdParamsSchema },
      responses: { 202: jsonResponse(WebhookDeliverySchema, "The queued delivery") },
    },
    async (c) => c.json(await pingWebhook(deps, actorOf(c), c.req.valid("param").id), 202),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/webhook-deliveries/{id}/redeliver",
      access: "admin",
      tags: ["webhooks"],
      summary:
        "Send a delivery again: a new delivery of the same event (same event id and body), queued behind the item's others",
      conflicts: false,
      request: { params: IdParamsSchema },
      responses: { 202: jsonResponse(WebhookDeliverySchema, "The queued delivery") },
    },
    async (c) => c.json(await redeliver(deps, actorOf(c), c.req.valid("param").id), 202),
  );
}
