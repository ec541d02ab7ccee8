/**
 * The events a webhook may subscribe to, and which change is which event. Every change is
 * audited, so the audit event's entity and action say what happened: one mapping, here, for
 * every path (API, CLI, import).
 */
import type { AuditEvent } from "./types.js";

export const WEBHOOK_EVENTS = [
  "check_in",
  "item.created",
  "item.updated",
  "item.archived",
  "period.closed",
  "comment.created",
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** What each event means, for the API document, the CLI help and the Settings page. */
export const WEBHOOK_EVENT_HELP: Readonly<Record<WebhookEventName, string>> = {
  check_in: "a check-in on a key result",
  "item.created": "an objective or key result added (in the app, the API or an import)",
  "item.updated": "an objective or key result changed, moved or reordered",
  "item.archived": "an objective or key result archived",
  "period.closed": "a period closed",
  "comment.created": "a comment added",
};

const ITEM_ENTITIES = new Set(["objective", "key_result"]);
/** Item actions that change what hangs beside the item, not the item itself. */
const BESIDE_ITEM_ACTIONS = new Set(["follow_kpi"]);

/**
 * The webhook event an audited change is, or undefined when no webhook hears of it (people,
 * accounts, settings).
 *
 * @example webhookEventOf({ entity: "key_result", action: "check_in", … }) // "check_in"
 */
export function webhookEventOf(
  event: Pick<AuditEvent, "entity" | "action" | "before">,
): WebhookEventName | undefined {
  if (ITEM_ENTITIES.has(event.entity)) {
    if (BESIDE_ITEM_ACTIONS.has(event.action)) return undefined;
    if (event.action === "check_in") return "check_in";
    if (event.action === "archive") return "item.archived";
    if (event.action === "create" || event.before === null) return "item.created";
    return "item.updated";
  }
  if (event.entity === "period" && event.action === "close") return "period.closed";
  if (event.entity === "comment" && event.action === "create") return "comment.created";
  return undefined;
}

/** Whether a webhook subscribed to `events` hears of `event` (an empty list hears everything). */
export function webhookHears(events: readonly string[], event: WebhookEventName): boolean {
  return events.length === 0 || events.includes(event);
}
