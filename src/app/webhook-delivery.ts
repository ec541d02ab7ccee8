/**
 * Sending one delivery: the job kind `webhook.deliver`. Each attempt signs the body afresh (a
 * new timestamp), POSTs it, and writes the outcome to the delivery log; a non-2xx answer, a
 * refused connection or a timeout fails the attempt, and the queue retries with exponential
 * backoff (10 s doubling to at most an hour) for 24 hours. Deliveries of one item to one webhook
 * run one at a time in the order of the changes (the queue's ordering key).
 */
import type { Db } from "../store/db.js";
import {
  findDelivery,
  findWebhook,
  recordDeliveryAttempt,
  type WebhookDelivery,
} from "../store/webhooks.repository.js";
import type { AppDeps } from "./deps.js";
import { backoffMs, type Job, type JobKind } from "./jobs.js";
import { countDeliveryAttempt } from "./metrics.js";
import { DELIVER_KIND } from "./webhook-outbox.js";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signWebhookBody,
  TIMESTAMP_HEADER,
} from "./webhook-signature.js";

/** How long deliveries are retried. */
export const RETRY_FOR_MS = 24 * 3_600_000;
/** How long one attempt may take. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** How much of an answer's body the log keeps. */
const EXCERPT_CHARS = 1_000;

const USER_AGENT = "okr-webhooks/1";

function payloadOf(job: Job): string | null {
  const payload = job.payload as { deliveryId?: unknown } | null;
  return typeof payload?.deliveryId === "string" ? payload.deliveryId : null;
}

async function excerptOf(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, EXCERPT_CHARS);
  } catch {
    return "";
  }
}

/** What went wrong with a request that got no answer, in a reader's words. */
function failureOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${cause.code}: ${cause.message ?? error.message}` : error.message;
  }
  return String(error);
}

/** Sends `delivery` once to `url`, signed with `secret`; answers the attempt's outcome. */
export async function sendDelivery(
  delivery: WebhookDelivery,
  url: string,
  secret: string,
  now: Date,
): Promise<{ ok: boolean; code: number | null; excerpt: string | null; error: string | null }> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        [EVENT_HEADER]: delivery.event,
        [EVENT_ID_HEADER]: delivery.eventId,
        [DELIVERY_HEADER]: delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, delivery.body),
      },
      body: delivery.body,
    });
    const excerpt = await excerptOf(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      code: response.status,
      excerpt,
      error: ok ? null : `the receiver answered ${response.status}`,
    };
  } catch (error) {
    return { ok: false, code: null, excerpt: null, error: failureOf(error) };
  }
}

/** Whether the queue gives up on a delivery after this failed attempt (mirrors its rule). */
function givesUp(kind: JobKind, job: Job, delivery: WebhookDelivery, now: Date): boolean {
  const retry = now.getTime() + backoffMs(kind, job.attempts);
  return (
    job.attempts >= (kind.maxAttempts ?? 10) ||
    retry - new Date(delivery.createdAt).getTime() > (kind.giveUpAfterMs ?? Infinity)
  );
}

async function deliver(deps: AppDeps, job: Job): Promise<void> {
  const db: Db = deps.db;
  const id = payloadOf(job);
  const delivery = id ? await findDelivery(db, id) : undefined;
  // Removed with its webhook, or sent already: nothing to do.
  if (!delivery || delivery.status === "delivered") return;
  const webhook = await findWebhook(db, delivery.webhookId);
  if (!webhook) return;
  const now = deps.now();
  const at = now.toISOString();
  if (!webhook.active) {
    await recordDeliveryAttempt(db, delivery.id, {
      status: "failed",
      at,
      responseCode: null,
      responseExcerpt: null,
      error: "the webhook is switched off",
    });
    return;
  }
  const outcome = await sendDelivery(delivery, webhook.url, webhook.secret, now);
  countDeliveryAttempt(outcome.ok ? "delivered" : "failed");
  const status = outcome.ok
    ? "delivered"
    : givesUp(WEBHOOK_DELIVERY_KIND, job, delivery, now)
      ? "failed"
      : "failing";
  await recordDeliveryAttempt(db, delivery.id, {
    status,
    at,
    responseCode: outcome.code,
    responseExcerpt: outcome.excerpt,
    error: outcome.error,
  });
  if (!outcome.ok) throw new Error(outcome.error ?? "delivery failed");
}

/** The job kind that sends webhook deliveries. */
export const WEBHOOK_DELIVERY_KIND: JobKind = {
  kind: DELIVER_KIND,
  run: deliver,
  maxAttempts: 60,
  backoff: { baseMs: 10_000, maxMs: 3_600_000 },
  giveUpAfterMs: RETRY_FOR_MS,
  timeoutMs: ATTEMPT_TIMEOUT_MS + 5_000,
};
