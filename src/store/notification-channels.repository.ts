/**
 * Where notifications reach each account: the channel chosen per kind (account `*` is the
 * company default), each account's personal chat webhook, and the deliveries waiting to go
 * out by mail or chat until a message takes them (its job key in `batch`).
 */
import type { Id, IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";

export const COMPANY_CHANNELS = "*";

/** The stored choices of these accounts (and of `*`), by account and kind. */
export async function listChannelChoices(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const ids = [...new Set([...userIds, COMPANY_CHANNELS])];
  const rows = await db
    .selectFrom("notification_channels")
    .select(["user_id", "kind", "channel"])
    .where("user_id", "in", ids)
    .execute();
  const out = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const mine = out.get(row.user_id) ?? new Map<string, string>();
    mine.set(row.kind, row.channel);
    out.set(row.user_id, mine);
  }
  return out;
}

/** Sets (a channel) or clears (null: back to the default) an account's choice per kind. */
export async function putChannelChoices(
  db: Db,
  userId: string,
  choices: Readonly<Record<string, string | null>>,
  at: IsoDateTime,
): Promise<void> {
  for (const [kind, channel] of Object.entries(choices)) {
    const id = `${userId}|${kind}`;
    if (channel === null) {
      await db.deleteFrom("notification_channels").where("id", "=", id).execute();
      continue;
    }
    await db
      .insertInto("notification_channels")
      .values({ id, user_id: userId, kind, channel, updated_at: at })
      .onConflict((c) => c.column("id").doUpdateSet({ channel, updated_at: at }))
      .execute();
  }
}

export interface PersonalChatWebhook {
  userId: Id;
  provider: string;
  url: string;
  updatedAt: IsoDateTime;
}

export async function findPersonalChatWebhook(
  db: Db,
  userId: Id,
): Promise<PersonalChatWebhook | undefined> {
  const row = await db
    .selectFrom("personal_chat_webhooks")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? { userId: row.user_id, provider: row.provider, url: row.url, updatedAt: row.updated_at }
    : undefined;
}

export async function putPersonalChatWebhook(db: Db, hook: PersonalChatWebhook): Promise<void> {
  const values = { provider: hook.provider, url: hook.url, updated_at: hook.updatedAt };
  await db
    .insertInto("personal_chat_webhooks")
    .values({ user_id: hook.userId, ...values })
    .onConflict((c) => c.column("user_id").doUpdateSet(values))
    .execute();
}

export async function deletePersonalChatWebhook(db: Db, userId: Id): Promise<void> {
  await db.deleteFrom("personal_chat_webhooks").where("user_id", "=", userId).execute();
}

export interface Delivery {
  id: Id;
  userId: Id;
  kind: string;
  channel: string;
  title: string;
  body: string | null;
  link: string;
  createdAt: IsoDateTime;
}

export async function insertDeliveries(db: Db, deliveries: readonly Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await db
    .insertInto("notification_deliveries")
    .values(
      deliveries.map((d) => ({
        id: d.id,
        user_id: d.userId,
        kind: d.kind,
        channel: d.channel,
        title: d.title,
        body: d.body,
        link: d.link,
        created_at: d.createdAt,
        batch: null,
      })),
    )
    .execute();
}

/**
 * Gives message `batch` every delivery of this account, channel and kind that no message took
 * yet, then answers the message's deliveries, oldest first: a retry of the message answers
 * the same ones, and one that waited past its own message is taken by the next.
 */
export async function claimDeliveries(
  db: Db,
  where: { userId: Id; channel: string; kind: string; batch: string },
): Promise<Delivery[]> {
  await db
    .updateTable("notification_deliveries")
    .set({ batch: where.batch })
    .where("user_id", "=", where.userId)
    .where("channel", "=", where.channel)
    .where("kind", "=", where.kind)
    .where("batch", "is", null)
    .execute();
  const rows = await db
    .selectFrom("notification_deliveries")
    .selectAll()
    .where("batch", "=", where.batch)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    channel: row.channel,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at,
  }));
}

/** Removes deliveries whose message went out before `before` (kept a while for inspection). */
export async function purgeSentDeliveries(db: Db, before: IsoDateTime): Promise<void> {
  await db
    .deleteFrom("notification_deliveries")
    .where("batch", "is not", null)
    .where("created_at", "<", before)
    .execute();
}

/** Which of these accounts have a personal chat webhook. */
export async function listAccountsWithChat(db: Db, userIds: readonly Id[]): Promise<Set<Id>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("personal_chat_webhooks")
    .select("user_id")
    .where("user_id", "in", [...new Set(userIds)])
    .execute();
  return new Set(rows.map((row) => row.user_id));
}
