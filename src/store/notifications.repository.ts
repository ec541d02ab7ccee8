/** In-app notifications, one row per user and event; read when `read_at` is set. */
import type { Id, IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";
import type { NotificationsTable } from "./schema-rhythm.js";

export interface StoredNotification {
  id: Id;
  userId: Id;
  kind: string;
  title: string;
  body: string | null;
  link: string;
  itemId: Id | null;
  createdAt: IsoDateTime;
  readAt: IsoDateTime | null;
}

function notificationOf(row: NotificationsTable): StoredNotification {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    itemId: row.item_id,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function insertNotifications(
  db: Db,
  notifications: readonly StoredNotification[],
): Promise<void> {
  if (notifications.length === 0) return;
  await db.insertInto("notifications").values(notifications.map(notificationRowOf)).execute();
}

/** A notification as stored. */
export function notificationRowOf(n: StoredNotification): NotificationsTable {
  return {
    id: n.id,
    user_id: n.userId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    item_id: n.itemId,
    created_at: n.createdAt,
    read_at: n.readAt,
  };
}

/** A user's notifications, newest first; `unreadOnly` leaves out the read ones. */
export async function listNotifications(
  db: Db,
  userId: Id,
  options: { limit: number; unreadOnly?: boolean },
): Promise<StoredNotification[]> {
  let query = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
  if (options.unreadOnly) query = query.where("read_at", "is", null);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit)
    .execute();
  return rows.map(notificationOf);
}

export async function countUnreadNotifications(db: Db, userId: Id): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Marks a user's notifications read: the ones named, or all of them when `ids` is undefined.
 * Answers how many changed; another user's ids change nothing.
 */
export async function markNotificationsRead(
  db: Db,
  userId: Id,
  ids: readonly Id[] | undefined,
  at: IsoDateTime,
): Promise<number> {
  if (ids !== undefined && ids.length === 0) return 0;
  let query = db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
  if (ids !== undefined) query = query.where("id", "in", [...ids]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The accounts notifications may go to: enabled ones, with their person and insider flag. */
export async function listNotifiableUsers(
  db: Db,
): Promise<{ id: Id; personId: Id | null; role: string; insider: boolean }[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "person_id", "role", "insider"])
    .where("disabled_at", "is", null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    role: row.role,
    insider: Number(row.insider) === 1,
  }));
}

/** {@link listNotifiableUsers}, only those of `ids` (one indexed read, not every account). */
export async function listNotifiableUsersAmong(
  db: Db,
  ids: readonly Id[],
): Promise<{ id: Id; personId: Id | null; role: string; insider: boolean }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select(["id", "person_id", "role", "insider"])
    .where("disabled_at", "is", null)
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    role: row.role,
    insider: Number(row.insider) === 1,
  }));
}
