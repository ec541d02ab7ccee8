/** Input schemas of the webhook use cases (the server reuses them for its OpenAPI document). */
import { z } from "zod";
import { WEBHOOK_EVENTS } from "../core/webhook-events.js";

/** An absolute http(s) URL: where deliveries are POSTed. */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(2000, "is too long")
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");

const Events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `must be one of ${WEBHOOK_EVENTS.join(", ")}` }))
  .max(WEBHOOK_EVENTS.length, "names an event twice")
  .refine((events) => new Set(events).size === events.length, "names an event twice");

export const CreateWebhookInputSchema = z.object({
  url: WebhookUrlSchema,
  description: z.string().trim().max(500, "is too long").optional(),
  /** The events to send; empty or absent: every event. */
  events: Events.optional(),
  active: z.boolean().optional(),
});

export const UpdateWebhookInputSchema = z.object({
  url: WebhookUrlSchema.optional(),
  description: z.string().trim().max(500, "is too long").optional(),
  events: Events.optional(),
  active: z.boolean().optional(),
  /** Make a new signing secret (answered once, like the first). */
  rotateSecret: z.boolean().optional(),
});

export const DeliveryListInputSchema = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(500, "must be at most 500")
    .default(50),
});
