/**
 * The outbox: a change that a webhook hears of gets one delivery per such webhook, written and
 * enqueued in the change's own transaction, so the event is sent if and only if the change
 * commits. Called from the one audit writer (`recordAudit`) and the check-in writer, so every
 * path (API, CLI, import) emits. Events carry what a signed-in non-insider may see: nothing
 * about confidential objectives or what hangs under them, no numbers of a confidential target.
 */
import type { AuditEvent, CheckIn, KeyResult, Objective } from "../core/types.js";
import { type WebhookEventName, webhookEventOf, webhookHears } from "../core/webhook-events.js";
import type { Db } from "../store/db.js";
import { hasConfidentialAbove, listSiblingPlaces } from "../store/objectives.repository.js";
import { insertDelivery, listActiveWebhooks, type Webhook } from "../store/webhooks.repository.js";
import { shownCarried } from "./carried-links.js";
import type { Actor, AppDeps } from "./deps.js";
import { enqueueJob } from "./jobs.js";
import { presentCheckIn, presentKeyResult, presentObjectivePlace } from "./visibility.js";

export const DELIVER_KIND = "webhook.deliver";

/** Whom events are shown as: a signed-in viewer who is no insider. */
const OUTSIDER: Actor = {
  kind: "system",
  userId: null,
  name: "webhook",
  role: "viewer",
  insider: false,
  personId: null,
};

/** The active webhooks, read once per transaction (an import audits thousands of changes). */
const activeByTransaction = new WeakMap<Db, Promise<Webhook[]>>();

function activeWebhooks(db: Db): Promise<Webhook[]> {
  if (!db.isTransaction) return listActiveWebhooks(db);
  let found = activeByTransaction.get(db);
  if (!found) {
    found = listActiveWebhooks(db);
    activeByTransaction.set(db, found);
  }
  return found;
}

/** Forgets the cached list of a transaction that just changed the webhooks themselves. */
export function forgetActiveWebhooks(db: Db): void {
  activeByTransaction.delete(db);
}

const ITEM_EVENTS = new Set<WebhookEventName>([
  "check_in",
  "item.created",
  "item.updated",
  "item.archived",
]);

/** The event's `data` as an outsider sees it, or undefined when they may not see it at all. */
async function dataOf(
  db: Db,
  event: AuditEvent,
  name: WebhookEventName,
  checkIn: CheckIn | undefined,
): Promise<unknown> {
  const snapshot = event.after ?? event.before;
  if (name === "comment.created") {
    // A comment is as visible as the item it is on.
    const itemId = (snapshot as { itemId?: unknown } | null)?.itemId;
    if (typeof itemId !== "string" || (await hasConfidentialAbove(db, itemId))) return undefined;
    return snapshot;
  }
  if (!ITEM_EVENTS.has(name)) return snapshot;
  if (await hasConfidentialAbove(db, event.entityId)) return undefined;
  if (event.entity === "objective" && snapshot) {
    // Its place among the siblings an outsider sees: a hidden one leaves no gap.
    const objective = snapshot as Objective;
    const placed = presentObjectivePlace(
      OUTSIDER,
      objective,
      await listSiblingPlaces(db, objective),
    );
    // Its carry-over links name nothing an outsider may not see (decisions/0066).
    return shownCarried(db, OUTSIDER, placed);
  }
  if (event.entity !== "key_result" || !snapshot) return snapshot;
  const kr = presentKeyResult(OUTSIDER, await shownCarried(db, OUTSIDER, snapshot as KeyResult));
  if (!checkIn) return kr;
  return { keyResult: kr, checkIn: presentCheckIn(OUTSIDER, snapshot as KeyResult, checkIn) };
}

/**
 * Writes and enqueues a delivery of `event` to every active webhook that hears of it, in `db`
 * (the change's transaction). `checkIn` is the check-in a `check_in` event records; `known`,
 * the active webhooks as kept between writes (notify-targets.ts), spares reading them.
 */
export async function emitWebhookEvents(
  db: Db,
  deps: AppDeps,
  event: AuditEvent,
  checkIn?: CheckIn,
  known?: readonly Webhook[],
): Promise<void> {
  const name = webhookEventOf(event);
  if (!name) return;
  const active = known ?? (await activeWebhooks(db));
  const hooks = active.filter((hook) => webhookHears(hook.events, name));
  if (hooks.length === 0) return;
  const data = await dataOf(db, event, name, checkIn);
  if (data === undefined) return;
  const body = JSON.stringify({
    id: event.id,
    type: name,
    occurredAt: event.at,
    actor: { name: event.actorName },
    entity: event.entity,
    entityId: event.entityId,
    action: event.action,
    data,
  });
  for (const hook of hooks) {
    const id = deps.newId();
    await insertDelivery(db, {
      id,
      webhookId: hook.id,
      eventId: event.id,
      event: name,
      entityId: event.entityId,
      body,
      status: "pending",
      attempts: 0,
      responseCode: null,
      responseExcerpt: null,
      error: null,
      redeliveryOf: null,
      createdAt: event.at,
      lastAttemptAt: null,
      deliveredAt: null,
    });
    await enqueueJob(
      deps,
      {
        kind: DELIVER_KIND,
        key: id,
        payload: { deliveryId: id },
        orderingKey: `${hook.id}:${event.entityId}`,
      },
      db,
    );
  }
}
