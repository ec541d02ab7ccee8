/** `okr webhook add|list|remove|deliveries|redeliver`: webhooks out, from the command line. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { DeliveryView, WebhookView } from "../../app/webhooks.js";
import { WEBHOOK_EVENT_HELP, WEBHOOK_EVENTS } from "../../core/webhook-events.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";

/** One tab-separated line: id, URL, events, on/off. */
export function webhookLine(hook: WebhookView): string {
  const events = hook.events.length ? hook.events.join(",") : "every event";
  return [hook.id, hook.url, events, hook.active ? "on" : "off", hook.description].join("\t");
}

/** One tab-separated line: id, time, event, status, attempts, answer code, error. */
export function deliveryLine(d: DeliveryView): string {
  return [
    d.id,
    d.createdAt,
    d.event,
    d.status,
    `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`,
    d.responseCode === null ? "" : String(d.responseCode),
    d.error ?? "",
  ].join("\t");
}

const EVENTS_HELP = WEBHOOK_EVENTS.map((e) => `${e} (${WEBHOOK_EVENT_HELP[e]})`).join("; ");

export function registerWebhookCommand(program: Command): void {
  const webhook = program
    .command("webhook")
    .description("Webhooks out: signed JSON POSTed to your URL when OKRs change");
  webhook
    .command("add")
    .description("Add a webhook; prints its signing secret once")
    .argument("<url>", "where to POST events (http:// or https://)")
    .option("--events <list>", `comma-separated, default every event: ${EVENTS_HELP}`)
    .option("--description <text>", "what it is for")
    .option(DB_FLAG, DB_HELP)
    .action(
      async (
        url: string,
        flags: { events?: string; description?: string; databaseUrl?: string },
      ) => {
        const { createWebhook } = await import("../../app/webhooks.js");
        const events = flags.events
          ?.split(",")
          .map((e) => e.trim())
          .filter(Boolean);
        const made = await withDatabase(flags.databaseUrl, (deps) =>
          createWebhook(deps, SYSTEM_ACTOR, {
            url,
            ...(events ? { events } : {}),
            ...(flags.description ? { description: flags.description } : {}),
          }),
        );
        process.stdout.write(
          `Added ${webhookLine(made.webhook)}\nSigning secret (shown once): ${made.secret}\n`,
        );
      },
    );
  webhook
    .command("list")
    .description("List webhooks: id, URL, events, on/off, description (tab-separated)")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: { json?: boolean; databaseUrl?: string }) => {
      const { listWebhooks } = await import("../../app/webhooks.js");
      const hooks = await withDatabase(flags.databaseUrl, (deps) =>
        listWebhooks(deps, SYSTEM_ACTOR),
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(hooks, null, 2)}\n`);
      else if (hooks.length === 0) process.stdout.write("No webhooks (okr webhook add URL).\n");
      else for (const h of hooks) process.stdout.write(`${webhookLine(h)}\n`);
    });
  webhook
    .command("remove")
    .description("Remove a webhook and its delivery log")
    .argument("<id>", "the webhook's id")
    .option(DB_FLAG, DB_HELP)
    .action(async (id: string, flags: { databaseUrl?: string }) => {
      const { deleteWebhook } = await import("../../app/webhooks.js");
      await withDatabase(flags.databaseUrl, (deps) => deleteWebhook(deps, SYSTEM_ACTOR, id));
      process.stdout.write(`Removed webhook ${id}\n`);
    });
  webhook
    .command("deliveries")
    .description("A webhook's delivery log, newest first (tab-separated)")
    .argument("<id>", "the webhook's id")
    .option("--limit <n>", "how many, default 50")
    .option("--json", "print JSON (with each body sent and answer excerpt)")
    .option(DB_FLAG, DB_HELP)
    .action(async (id: string, flags: { limit?: string; json?: boolean; databaseUrl?: string }) => {
      const { listWebhookDeliveries } = await import("../../app/webhooks.js");
      const deliveries = await withDatabase(flags.databaseUrl, (deps) =>
        listWebhookDeliveries(deps, SYSTEM_ACTOR, id, {
          ...(flags.limit ? { limit: flags.limit } : {}),
        }),
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(deliveries, null, 2)}\n`);
      else if (deliveries.length === 0) process.stdout.write("No deliveries yet.\n");
      else for (const d of deliveries) process.stdout.write(`${deliveryLine(d)}\n`);
    });
  webhook
    .command("redeliver")
    .description("Send a delivery again (same event id and body); the server's job runner sends it")
    .argument("<delivery>", "the delivery's id (okr webhook deliveries shows them)")
    .option(DB_FLAG, DB_HELP)
    .action(async (id: string, flags: { databaseUrl?: string }) => {
      const { redeliver } = await import("../../app/webhooks.js");
      const queued = await withDatabase(flags.databaseUrl, (deps) =>
        redeliver(deps, SYSTEM_ACTOR, id),
      );
      process.stdout.write(`Queued ${deliveryLine(queued)}\n`);
    });
}
