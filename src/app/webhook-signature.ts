/**
 * How a webhook delivery is signed: HMAC-SHA256 over `<timestamp>.<body>` with the webhook's
 * secret, sent as `X-Okr-Signature: sha256=<hex>` beside `X-Okr-Timestamp: <Unix seconds>`.
 * A receiver recomputes it, compares in constant time, and refuses stale timestamps (replays).
 */
import { createHmac } from "node:crypto";
import { secretsEqual } from "./auth-secrets.js";

export const SIGNATURE_HEADER = "x-okr-signature";
export const TIMESTAMP_HEADER = "x-okr-timestamp";
export const EVENT_HEADER = "x-okr-event";
export const EVENT_ID_HEADER = "x-okr-event-id";
export const DELIVERY_HEADER = "x-okr-delivery";

/** `sha256=<hex>` of `<timestamp>.<body>` under `secret`. */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Whether `signature` is the one `secret` gives `timestamp` and `body`, and the timestamp is
 * within `toleranceSeconds` of `now` (default five minutes).
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return false;
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return false;
  return secretsEqual(signWebhookBody(secret, seconds, body), signature);
}
