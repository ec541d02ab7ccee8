/** Webhooks out: subscriptions and the log of what was sent to each. */

import type { Selectable, Updateable } from "kysely";
import type { Id, IsoDateTime } from "../core/types.js";
import { boolOf, columnsOfPatch, type Db, type FieldColumns, intOf, notFound } from "./db.js";
import type { WebhookDeliveriesTable, WebhooksTable } from "./schema-connected.js";

export interface Webhook {
  id: Id;
  url: string;
  description: string;
  /** Event names; empty: every event. */
  events: string[];
  /** The signing secret (never leaves the server after it is made). */
  secret: string;
  active: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime | null;
}

export type WebhookPatch = Partial<Pick<Webhook, "url" | "description" | "events" | "active">>;

export type DeliveryStatus = "pending" | "delivered" | "failing" | "failed";

export interface WebhookDelivery {
  id: Id;
  webhookId: Id;
  eventId: Id;
  event: string;
  entityId: Id;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  redeliveryOf: Id | null;
  createdAt: IsoDateTime;
  lastAttemptAt: IsoDateTime | null;
  deliveredAt: IsoDateTime | null;
}

const FIELD_COLUMNS: FieldColumns<WebhookPatch, Updateable<WebhooksTable>> = {
  url: (value) => ({ url: value }),
  description: (value) => ({ description: value }),
  events: (value) => ({ events: JSON.stringify(value) }),
  active: (value) => ({ active: intOf(value) }),
};

function eventsOf(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((e): e is string => typeof e === "string") : [];
}

function webhookOf(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: eventsOf(row.events),
    secret: row.secret,
    active: boolOf(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryOf(row: WebhookDeliveriesTable): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    event: row.event,
    entityId: row.entity_id,
    body: row.body,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    responseCode: row.response_code === null ? null : Number(row.response_code),
    responseExcerpt: row.response_excerpt,
    error: row.error,
    redeliveryOf: row.redelivery_of,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
  };
}

export async function insertWebhook(db: Db, webhook: Webhook): Promise<Webhook> {
  await db
    .insertInto("webhooks")
    .values({
      id: webhook.id,
      url: webhook.url,
      description: webhook.description,
      events: JSON.stringify(webhook.events),
      secret: webhook.secret,
      active: intOf(webhook.active),
      created_at: webhook.createdAt,
      updated_at: webhook.updatedAt,
    })
    .execute();
  return webhook;
}

export async function findWebhook(db: Db, id: Id): Promise<Webhook | undefined> {
  const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? webhookOf(row) : undefined;
}

export async function getWebhook(db: Db, id: Id): Promise<Webhook> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw notFound("Webhook", id);
  return webhook;
}

/** Every webhook, oldest first. */
export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db
    .selectFrom("webhooks")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(webhookOf);
}

/** The webhooks that are on: who hears of a change. */
export async function listActiveWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db
    .selectFrom("webhooks")
    .selectAll()
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map(webhookOf);
}

export async function updateWebhook(
  db: Db,
  id: Id,
  patch: WebhookPatch,
  at: IsoDateTime,
): Promise<Webhook> {
  const result = await db
    .updateTable("webhooks")
    .set({ ...columnsOfPatch(patch, FIELD_COLUMNS), updated_at: at })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound("Webhook", id);
  return getWebhook(db, id);
}

/** Removes a webhook and its delivery log. */
export async function deleteWebhook(db: Db, id: Id): Promise<void> {
  await db.deleteFrom("webhook_deliveries").where("webhook_id", "=", id).execute();
  const result = await db.deleteFrom("webhooks").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Webhook", id);
}

export async function insertDelivery(db: Db, delivery: WebhookDelivery): Promise<void> {
  await db
    .insertInto("webhook_deliveries")
    .values({
      id: delivery.id,
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      event: delivery.event,
      entity_id: delivery.entityId,
      body: delivery.body,
      status: delivery.status,
      attempts: delivery.attempts,
      response_code: delivery.responseCode,
      response_excerpt: delivery.responseExcerpt,
      error: delivery.error,
      redelivery_of: delivery.redeliveryOf,
      created_at: delivery.createdAt,
      last_attempt_at: delivery.lastAttemptAt,
      delivered_at: delivery.deliveredAt,
    })
    .execute();
}

export async function findDelivery(db: Db, id: Id): Promise<WebhookDelivery | undefined> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? deliveryOf(row) : undefined;
}

export async function getDelivery(db: Db, id: Id): Promise<WebhookDelivery> {
  const delivery = await findDelivery(db, id);
  if (!delivery) throw notFound("Delivery", id);
  return delivery;
}

/** A webhook's deliveries, newest first. */
export async function listDeliveries(
  db: Db,
  webhookId: Id,
  limit = 50,
): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(Math.trunc(limit), 1), 500))
    .execute();
  return rows.map(deliveryOf);
}

export interface AttemptResult {
  status: DeliveryStatus;
  at: IsoDateTime;
  responseCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

/** Records one attempt to send a delivery: its outcome, and one more attempt. */
export async function recordDeliveryAttempt(db: Db, id: Id, result: AttemptResult): Promise<void> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .select("attempts")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("Delivery", id);
  await db
    .updateTable("webhook_deliveries")
    .set({
      status: result.status,
      attempts: Number(row.attempts) + 1,
      response_code: result.responseCode,
      response_excerpt: result.responseExcerpt,
      error: result.error,
      last_attempt_at: result.at,
      ...(result.status === "delivered" ? { delivered_at: result.at } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Gives a webhook a new signing secret. */
export async function setWebhookSecret(db: Db, id: Id, secret: string): Promise<Webhook> {
  await db.updateTable("webhooks").set({ secret }).where("id", "=", id).execute();
  return getWebhook(db, id);
}
