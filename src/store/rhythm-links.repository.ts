/** Chat webhooks per team, and the one-time account links (invites and password resets). */
import type { Id, IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";
import type { ChatWebhooksTable } from "./schema-rhythm.js";

export interface ChatWebhook {
  id: Id;
  teamId: Id;
  provider: string;
  url: string;
  createdAt: IsoDateTime;
}

function webhookOf(row: ChatWebhooksTable): ChatWebhook {
  return {
    id: row.id,
    teamId: row.team_id,
    provider: row.provider,
    url: row.url,
    createdAt: row.created_at,
  };
}

export async function insertChatWebhook(db: Db, hook: ChatWebhook): Promise<ChatWebhook> {
  await db
    .insertInto("chat_webhooks")
    .values({
      id: hook.id,
      team_id: hook.teamId,
      provider: hook.provider,
      url: hook.url,
      created_at: hook.createdAt,
    })
    .execute();
  return hook;
}

export async function listChatWebhooks(db: Db, teamId?: Id): Promise<ChatWebhook[]> {
  let query = db.selectFrom("chat_webhooks").selectAll().orderBy("created_at").orderBy("id");
  if (teamId) query = query.where("team_id", "=", teamId);
  return (await query.execute()).map(webhookOf);
}

export async function findChatWebhook(db: Db, id: Id): Promise<ChatWebhook | undefined> {
  const row = await db
    .selectFrom("chat_webhooks")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? webhookOf(row) : undefined;
}

export async function deleteChatWebhook(db: Db, id: Id): Promise<boolean> {
  const result = await db.deleteFrom("chat_webhooks").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface AccountLink {
  /** sha256 of the secret. */
  id: string;
  purpose: "invite" | "reset";
  userId: Id;
  expiresAt: IsoDateTime;
  usedAt: IsoDateTime | null;
}

export async function insertAccountLink(
  db: Db,
  link: Omit<AccountLink, "usedAt">,
  at: IsoDateTime,
): Promise<void> {
  await db
    .insertInto("account_links")
    .values({
      id: link.id,
      purpose: link.purpose,
      user_id: link.userId,
      expires_at: link.expiresAt,
      used_at: null,
      created_at: at,
    })
    .execute();
}

/**
 * Uses a link once: marks it used if it is unused and unexpired, in one statement, so two
 * requests with the same link cannot both succeed. Answers the link used, or undefined.
 */
/** Whether link `id` may still be used at `at` (not used, not expired); nothing is changed. */
export async function isAccountLinkOpen(db: Db, id: string, at: IsoDateTime): Promise<boolean> {
  const row = await db
    .selectFrom("account_links")
    .select("id")
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return row !== undefined;
}

export async function useAccountLink(
  db: Db,
  id: string,
  at: IsoDateTime,
): Promise<AccountLink | undefined> {
  const row = await db
    .updateTable("account_links")
    .set({ used_at: at })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returningAll()
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        purpose: row.purpose as AccountLink["purpose"],
        userId: row.user_id,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
      }
    : undefined;
}

/** Ends every other open link of a user (a new reset replaces the last one). */
export async function expireAccountLinksOf(db: Db, userId: Id, at: IsoDateTime): Promise<void> {
  await db
    .updateTable("account_links")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}
