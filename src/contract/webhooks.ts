/** The webhook answers: a subscription (never its secret), the secret once, the delivery log. */
import { z } from "@hono/zod-openapi";
import { WEBHOOK_EVENTS } from "../core/webhook-events.js";

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ example: "https://hooks.example.com/okr" }),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)).openapi({
      description: "The events sent; empty: every event",
      example: ["check_in", "period.closed"],
    }),
    active: z.boolean(),
    secretHint: z.string().openapi({ example: "…x9Qa" }),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi("Webhook");

export const WebhookWithSecretSchema = z
  .object({
    webhook: WebhookSchema,
    secret: z.string().openapi({
      description: "The signing secret, answered only now: keep it with the receiver",
      example: "whsec_…",
    }),
  })
  .openapi("WebhookWithSecret");

export const WebhookUpdatedSchema = z
  .object({ webhook: WebhookSchema, secret: z.string().nullable() })
  .openapi("WebhookUpdated");

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string().openapi({ description: "The same in every delivery of the event" }),
    event: z.string().openapi({ example: "check_in" }),
    entityId: z.string(),
    body: z.string().openapi({ description: "The JSON body exactly as signed and sent" }),
    status: z.enum(["pending", "delivered", "failing", "failed"]),
    attempts: z.number(),
    responseCode: z.number().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    redeliveryOf: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi("WebhookDelivery");

export const WebhookListSchema = z.object({ webhooks: z.array(WebhookSchema) });
export const DeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

/** `GET /api/webhooks` */
export type WebhookListAnswer = z.infer<typeof WebhookListSchema>;
/** A webhook as every webhook answer gives it. */
export type WebhookAnswer = z.infer<typeof WebhookSchema>;
/** `POST /api/webhooks` */
export type WebhookWithSecretAnswer = z.infer<typeof WebhookWithSecretSchema>;
/** `PATCH /api/webhooks/{id}` */
export type WebhookUpdatedAnswer = z.infer<typeof WebhookUpdatedSchema>;
/** `GET /api/webhooks/{id}/deliveries` */
export type DeliveryListAnswer = z.infer<typeof DeliveryListSchema>;
/** One delivery in the log. */
export type WebhookDeliveryAnswer = z.infer<typeof WebhookDeliverySchema>;
