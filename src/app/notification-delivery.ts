/**
 * The copies of notifications that go out by mail or chat (docs/decisions/0032). `notify`
 * hands each new notification here in its own transaction: for a person who chose email or
 * chat for its kind, a delivery row and the job that sends it are written with the change, so
 * a rolled-back change sends nothing and a request never waits on a send. The notifications of
 * one account and kind within one five-minute window go out as one message.
 */
import { type Channel, channelKindOfNotification } from "../core/notification-channels.js";
import type { Id } from "../core/types.js";
import type { Db } from "../store/db.js";
import {
  claimDeliveries,
  type Delivery,
  findPersonalChatWebhook,
  insertDeliveries,
  purgeSentDeliveries,
} from "../store/notification-channels.repository.js";
import type { StoredNotification } from "../store/notifications.repository.js";
import { isUnsubscribed } from "../store/rhythm.repository.js";
import { findUser } from "../store/users.repository.js";
import { type ChatMessage, postChatMessage, QUOTE_FOR_JOBS } from "./chat.js";
import type { AppDeps } from "./deps.js";
import { enqueueJob, type Job, type JobKind, type Schedule } from "./jobs.js";
import { escapeHtml, type MailKind, rhythmOf } from "./mail.js";
import { sendOnce } from "./mail-once.js";
import { channelsOf } from "./notification-channels.js";

/** Notifications of one account and kind within this window go out as one message. */
export const BURST_WINDOW_MS = 5 * 60_000;
/** A message waits this long past its window, for transactions that began inside it to commit. */
export const BURST_GRACE_MS = 30_000;

const JOB_OF: Record<Exclude<Channel, "in-app">, string> = {
  email: "notification.mail",
  chat: "notification.chat",
};

interface DeliveryJob {
  userId: Id;
  kind: "mention" | "reply" | "change";
}

/** The job key of the message that takes an account's `kind` notifications of a window. */
export function deliveryJobKey(channel: string, job: DeliveryJob, windowStart: Date): string {
  return `notification:${channel}:${job.userId}:${job.kind}:${windowStart.toISOString()}`;
}

/** The mail and chat copies of some notifications, and the jobs that send them. */
export interface PlannedDeliveries {
  rows: Delivery[];
  jobs: Map<string, { channel: "email" | "chat"; job: DeliveryJob; runAt: Date }>;
}

/**
 * The mail and chat copies `notifications` need (reading each person's channels in `db`).
 * Nothing goes by mail while mail is off, nor by chat without the person's webhook. With
 * `withholdBody` (an item only insiders see) the copies carry the title and link only.
 */
export async function planDeliveries(
  deps: AppDeps,
  db: Db,
  notifications: readonly StoredNotification[],
  options: { withholdBody?: boolean } = {},
): Promise<PlannedDeliveries> {
  const rows: Delivery[] = [];
  const jobs: PlannedDeliveries["jobs"] = new Map();
  const wanted = notifications.filter((n) => channelKindOfNotification(n.kind) !== null);
  if (wanted.length === 0) return { rows, jobs };
  const channelOf = await channelsOf(
    db,
    wanted.map((n) => n.userId),
  );
  const mailOn = rhythmOf(deps).mail !== null;
  const now = deps.now().getTime();
  const windowStart = new Date(Math.floor(now / BURST_WINDOW_MS) * BURST_WINDOW_MS);
  const runAt = new Date(windowStart.getTime() + BURST_WINDOW_MS + BURST_GRACE_MS);
  for (const n of wanted) {
    const kind = channelKindOfNotification(n.kind) as DeliveryJob["kind"];
    const channel = channelOf(n.userId, kind);
    if (channel === "in-app" || (channel === "email" && !mailOn)) continue;
    rows.push({
      id: deps.newId(),
      userId: n.userId,
      kind,
      channel,
      title: n.title,
      body: options.withholdBody ? null : n.body,
      link: n.link,
      createdAt: n.createdAt,
    });
    const job = { userId: n.userId, kind };
    jobs.set(deliveryJobKey(channel, job, windowStart), { channel, job, runAt });
  }
  return { rows, jobs };
}

/** Writes planned copies and their jobs (in `db`, the notifying transaction). */
export async function queueDeliveries(
  deps: AppDeps,
  db: Db,
  planned: PlannedDeliveries,
): Promise<void> {
  await insertDeliveries(db, planned.rows);
  for (const [key, { channel, job, runAt }] of planned.jobs) {
    await enqueueJob(deps, { kind: JOB_OF[channel], key, payload: job, runAt }, db);
  }
}

function deliveryJobOf(payload: unknown): DeliveryJob {
  const data = payload as Partial<DeliveryJob> | null;
  if (
    !data ||
    typeof data.userId !== "string" ||
    (data.kind !== "mention" && data.kind !== "reply" && data.kind !== "change")
  ) {
    throw new Error("The job's payload names no account and kind");
  }
  return { userId: data.userId, kind: data.kind };
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : `${n} ${many}`;
}

const NOUN: Record<DeliveryJob["kind"], [string, string]> = {
  mention: ["a mention", "mentions"],
  reply: ["a reply", "replies"],
  change: ["a change", "changes"],
};

/** The message of a batch: one notification as itself, several as a list. */
export function deliveryMessageOf(
  deps: AppDeps,
  kind: DeliveryJob["kind"],
  deliveries: readonly Delivery[],
): { subject: string; items: { title: string; body: string | null; url: string }[] } {
  const base = rhythmOf(deps).publicUrl;
  const items = deliveries.map((d) => ({
    title: d.title,
    body: d.body,
    url: `${base}/#${d.link}`,
  }));
  const [one, many] = NOUN[kind];
  const subject =
    items.length === 1
      ? (items[0]?.title ?? "")
      : `${plural(items.length, one, many)}: ${items[0]?.title} and ${items.length - 1} more`;
  return { subject, items };
}

async function sendMailBatch(deps: AppDeps, job: Job): Promise<void> {
  const { userId, kind } = deliveryJobOf(job.payload);
  if (!rhythmOf(deps).mail) return;
  const user = await findUser(deps.db, userId);
  const deliveries = await claimDeliveries(deps.db, {
    userId,
    channel: "email",
    kind,
    batch: job.key,
  });
  if (!user || user.disabledAt || deliveries.length === 0) return;
  if (await isUnsubscribed(deps.db, user.email, kind)) return;
  const { subject, items } = deliveryMessageOf(deps, kind, deliveries);
  const text = [
    `Hello ${user.name},`,
    ...items.map((i) => `${i.title}${i.body ? `\n> ${i.body}` : ""}\nOpen: ${i.url}`),
  ].join("\n\n");
  const html = [
    `<p>Hello ${escapeHtml(user.name)},</p>`,
    ...items.map(
      (i) =>
        `<p><a href="${escapeHtml(i.url)}">${escapeHtml(i.title)}</a></p>${i.body ? `<blockquote>${escapeHtml(i.body)}</blockquote>` : ""}`,
    ),
  ].join("");
  await sendOnce(deps, {
    key: job.key,
    to: user.email,
    kind: kind as MailKind,
    subject,
    text,
    html,
  });
}

async function postChatBatch(deps: AppDeps, job: Job): Promise<void> {
  const { userId, kind } = deliveryJobOf(job.payload);
  const deliveries = await claimDeliveries(deps.db, {
    userId,
    channel: "chat",
    kind,
    batch: job.key,
  });
  const hook = await findPersonalChatWebhook(deps.db, userId);
  if (!hook || deliveries.length === 0) return; // removed since: nothing to post
  const { subject, items } = deliveryMessageOf(deps, kind, deliveries);
  const message: ChatMessage = {
    title: subject,
    lines:
      items.length === 1
        ? [items[0]?.body ?? ""].filter((l) => l !== "")
        : items.map((i) => `• ${i.title}${i.body ? `: ${i.body}` : ""}`),
    link: { text: "Open in okr", url: items[0]?.url ?? rhythmOf(deps).publicUrl },
  };
  await postChatMessage(hook, message, QUOTE_FOR_JOBS);
}

const RETRY = {
  maxAttempts: 12,
  backoff: { baseMs: 30_000, maxMs: 3_600_000 },
  giveUpAfterMs: 24 * 3_600_000,
};

/** Deliveries a message took are kept this long (what went out, and in which message). */
const KEEP_DELIVERED_MS = 30 * 86_400_000;

export const NOTIFICATION_DELIVERY_KINDS: readonly JobKind[] = [
  { kind: "notification.mail", ...RETRY, run: sendMailBatch },
  { kind: "notification.chat", ...RETRY, run: postChatBatch },
  {
    kind: "notification.purge",
    async run(deps) {
      const before = new Date(deps.now().getTime() - KEEP_DELIVERED_MS).toISOString();
      await purgeSentDeliveries(deps.db, before);
    },
  },
];

export const NOTIFICATION_DELIVERY_SCHEDULES: readonly Schedule[] = [
  { name: "purge-notification-deliveries", cron: "29 3 * * *", kind: "notification.purge" },
];
