/**
 * Webhooks out (admins only: they send the workspace's changes elsewhere). A webhook has a URL,
 * the events it hears (none named: every event), and a signing secret shown once, when it is
 * made or rotated. Its delivery log says what was sent, how it went, and may send one again.
 */

import type { Id } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import * as store from "../store/webhooks.repository.js";
import { makeSecret } from "./auth-secrets.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { enqueueJob } from "./jobs.js";
import { assertAdmin } from "./permissions.js";
import { IdSchema } from "./schemas.js";
import { DELIVER_KIND, forgetActiveWebhooks } from "./webhook-outbox.js";
import {
  CreateWebhookInputSchema,
  DeliveryListInputSchema,
  UpdateWebhookInputSchema,
} from "./webhook-schemas.js";

/** A webhook as answered: never its secret, only the last four characters to recognise it. */
export type WebhookView = Omit<store.Webhook, "secret"> & { secretHint: string };

/** A webhook just made, or given a new secret: the one time the secret is answered. */
export interface WebhookWithSecret {
  webhook: WebhookView;
  secret: string;
}

function viewOf(webhook: store.Webhook): WebhookView {
  const { secret, ...rest } = webhook;
  return { ...rest, secretHint: `…${secret.slice(-4)}` };
}

function newSecret(): string {
  return `whsec_${makeSecret(24)}`;
}

export async function listWebhooks(deps: AppDeps, actor: Actor): Promise<WebhookView[]> {
  assertAdmin(actor, "see webhooks");
  return (await store.listWebhooks(deps.db)).map(viewOf);
}

export async function getWebhook(deps: AppDeps, actor: Actor, id: Id): Promise<WebhookView> {
  assertAdmin(actor, "see webhooks");
  return viewOf(await store.getWebhook(deps.db, parseInput(IdSchema, id)));
}

export async function createWebhook(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<WebhookWithSecret> {
  const data = parseInput(CreateWebhookInputSchema, input);
  assertAdmin(actor, "add webhooks");
  return withTransaction(deps.db, async (trx) => {
    const at = nowIso(deps);
    const webhook: store.Webhook = {
      id: deps.newId(),
      url: data.url,
      description: data.description ?? "",
      events: data.events ?? [],
      secret: newSecret(),
      active: data.active ?? true,
      createdAt: at,
      updatedAt: null,
    };
    await store.insertWebhook(trx, webhook);
    forgetActiveWebhooks(trx);
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "webhook",
      entityId: webhook.id,
      before: null,
      after: viewOf(webhook),
    });
    return { webhook: viewOf(webhook), secret: webhook.secret };
  });
}

/** Changes a webhook; with `rotateSecret`, answers its new secret (once). */
export async function updateWebhook(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<{ webhook: WebhookView; secret: string | null }> {
  const webhookId = parseInput(IdSchema, id);
  const { rotateSecret, ...patch } = parseInput(UpdateWebhookInputSchema, input);
  assertAdmin(actor, "change webhooks");
  return withTransaction(deps.db, async (trx) => {
    const before = await store.getWebhook(trx, webhookId);
    const secret = rotateSecret ? newSecret() : null;
    let after = await store.updateWebhook(trx, webhookId, patch, nowIso(deps));
    if (secret) after = await store.setWebhookSecret(trx, webhookId, secret);
    forgetActiveWebhooks(trx);
    await recordAudit(trx, deps, actor, {
      action: rotateSecret ? "rotate_secret" : "update",
      entity: "webhook",
      entityId: webhookId,
      before: viewOf(before),
      after: viewOf(after),
    });
    return { webhook: viewOf(after), secret };
  });
}

/** Removes a webhook with its delivery log; what was still to be sent is not sent. */
export async function deleteWebhook(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  const webhookId = parseInput(IdSchema, id);
  assertAdmin(actor, "remove webhooks");
  await withTransaction(deps.db, async (trx) => {
    const before = await store.getWebhook(trx, webhookId);
    await store.deleteWebhook(trx, webhookId);
    forgetActiveWebhooks(trx);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "webhook",
      entityId: webhookId,
      before: viewOf(before),
      after: null,
    });
  });
}

/** A delivery as the log shows it: the body sent, how it went. */
export type DeliveryView = store.WebhookDelivery;

/** A webhook's deliveries, newest first. */
export async function listWebhookDeliveries(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown = {},
): Promise<DeliveryView[]> {
  const webhookId = parseInput(IdSchema, id);
  const { limit } = parseInput(DeliveryListInputSchema, input);
  assertAdmin(actor, "see webhook deliveries");
  await store.getWebhook(deps.db, webhookId);
  return store.listDeliveries(deps.db, webhookId, limit);
}

/**
 * Sends a delivery again, by hand: a new delivery of the same event (same event id and body,
 * so a receiver that deduplicates sees it once), queued behind the item's others.
 */
export async function redeliver(
  deps: AppDeps,
  actor: Actor,
  deliveryId: Id,
): Promise<DeliveryView> {
  const id = parseInput(IdSchema, deliveryId);
  assertAdmin(actor, "redeliver webhook events");
  return withTransaction(deps.db, async (trx) => {
    const original = await store.getDelivery(trx, id);
    const copy: store.WebhookDelivery = {
      ...original,
      id: deps.newId(),
      status: "pending",
      attempts: 0,
      responseCode: null,
      responseExcerpt: null,
      error: null,
      redeliveryOf: original.id,
      createdAt: nowIso(deps),
      lastAttemptAt: null,
      deliveredAt: null,
    };
    await store.insertDelivery(trx, copy);
    await enqueueJob(
      deps,
      {
        kind: DELIVER_KIND,
        key: copy.id,
        payload: { deliveryId: copy.id },
        orderingKey: `${copy.webhookId}:${copy.entityId}`,
      },
      trx,
    );
    await recordAudit(trx, deps, actor, {
      action: "redeliver",
      entity: "webhook",
      entityId: copy.webhookId,
      before: null,
      after: { deliveryId: copy.id, redeliveryOf: original.id, eventId: copy.eventId },
    });
    return copy;
  });
}

/**
 * Sends a `ping` to one webhook now (whatever events it hears), to try its URL and secret:
 * the delivery shows in its log like any other.
 */
export async function pingWebhook(deps: AppDeps, actor: Actor, id: Id): Promise<DeliveryView> {
  const webhookId = parseInput(IdSchema, id);
  assertAdmin(actor, "ping webhooks");
  return withTransaction(deps.db, async (trx) => {
    const webhook = await store.getWebhook(trx, webhookId);
    const at = nowIso(deps);
    const eventId = deps.newId();
    const delivery: store.WebhookDelivery = {
      id: deps.newId(),
      webhookId,
      eventId,
      event: "ping",
      entityId: webhookId,
      body: JSON.stringify({
        id: eventId,
        type: "ping",
        occurredAt: at,
        actor: { name: actor.name },
        entity: "webhook",
        entityId: webhookId,
        action: "ping",
        data: { url: webhook.url, events: webhook.events },
      }),
      status: "pending",
      attempts: 0,
      responseCode: null,
      responseExcerpt: null,
      error: null,
      redeliveryOf: null,
      createdAt: at,
      lastAttemptAt: null,
      deliveredAt: null,
    };
    await store.insertDelivery(trx, delivery);
    await enqueueJob(
      deps,
      {
        kind: DELIVER_KIND,
        key: delivery.id,
        payload: { deliveryId: delivery.id },
        orderingKey: `${webhookId}:${webhookId}`,
      },
      trx,
    );
    return delivery;
  });
}
