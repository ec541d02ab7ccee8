/**
 * In-app notifications: one row per user and event, shown under the bell. `notify` is the one
 * way any part of the product (comments, check-ins, changes, reminders) tells people something;
 * it leaves out accounts that are disabled and, for an item, those who may not see it.
 */
import type { Id } from "../core/types.js";
import { listHiddenAmong } from "../store/confidential-walk.js";
import { type Db, withTransaction } from "../store/db.js";
import {
  countUnreadNotifications,
  insertNotifications,
  listNotifiableUsersAmong,
  listNotifications,
  markNotificationsRead,
  type StoredNotification,
} from "../store/notifications.repository.js";
import { hasConfidentialAbove } from "../store/objectives.repository.js";
import { nowIso } from "./context.js";
import { MarkReadInputSchema, NotificationsQuerySchema } from "./conversation-schemas.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import {
  type PlannedDeliveries,
  planDeliveries,
  queueDeliveries,
} from "./notification-delivery.js";
import { isInsider } from "./permissions.js";

/** What a notification is about. */
export type NotificationKind =
  | "mention"
  | "reply"
  | "comment"
  | "check_in"
  | "change"
  | "reminder"
  | (string & {});

export interface NotifyInput {
  userIds: readonly Id[];
  kind: NotificationKind;
  title: string;
  body?: string | null;
  /** A path inside the app: `/key-results/01H…`. */
  link: string;
  /** The objective or key result it is about: people who may not see it are left out. */
  itemId?: Id | null;
  /** Whether that item sits under a confidential objective, where the caller read it already. */
  underConfidential?: boolean;
}

/** A notification as its reader gets it. */
export type Notification = Omit<StoredNotification, "userId">;

/** A reader who is no insider: what every account may see. */
export const OUTSIDER: Actor = {
  kind: "system",
  userId: null,
  name: "",
  role: "viewer",
  insider: false,
  personId: null,
};

const TITLE_MAX = 300;
const BODY_MAX = 1000;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The path of an objective's or key result's page. */
export function linkOf(item: { type: "objective" | "key_result"; id: Id }): string {
  return item.type === "objective" ? `/objectives/${item.id}` : `/key-results/${item.id}`;
}

/** What notifying someone writes: the notifications, and their mail and chat copies. */
export interface PlannedNotice {
  notifications: StoredNotification[];
  deliveries: PlannedDeliveries;
}

/**
 * What notifying each of `userIds` once would write (reading in `db`): disabled accounts and
 * unknown ids are skipped, and for an `itemId` under a confidential objective only insiders
 * are told. Undefined when nobody is to be told.
 */
export async function planNotice(
  deps: AppDeps,
  input: NotifyInput,
  db: Db,
): Promise<PlannedNotice | undefined> {
  const wanted = new Set(input.userIds);
  if (wanted.size === 0) return undefined;
  const users = await listNotifiableUsersAmong(db, [...wanted]);
  if (users.length === 0) return undefined;
  // Under a confidential objective (or one itself): one recursive read, not a walk item by item.
  const hiddenFromOutsiders = input.itemId
    ? (input.underConfidential ?? (await hasConfidentialAbove(db, input.itemId)))
    : false;
  const recipients = users.filter(
    (user) => !hiddenFromOutsiders || user.role === "admin" || user.insider,
  );
  if (recipients.length === 0) return undefined;
  const at = nowIso(deps);
  const notifications: StoredNotification[] = recipients.map((user) => ({
    id: deps.newId(),
    userId: user.id,
    kind: input.kind,
    title: cut(input.title, TITLE_MAX),
    body: input.body ? cut(input.body, BODY_MAX) : null,
    link: input.link,
    itemId: input.itemId ?? null,
    createdAt: at,
    readAt: null,
  }));
  // What only insiders may read stays in the app (mail and chat leave its access control).
  const deliveries = await planDeliveries(deps, db, notifications, {
    withholdBody: hiddenFromOutsiders,
  });
  return { notifications, deliveries };
}

/**
 * Notifies each of `userIds` once (in `db`, the caller's transaction, when given), as
 * `planNotice` plans it, with the mail and chat copies for those who chose them in the same
 * transaction. Answers the ids of the users notified.
 */
export async function notify(deps: AppDeps, input: NotifyInput, db?: Db): Promise<Id[]> {
  const handle = db ?? deps.db;
  const planned = await planNotice(deps, input, handle);
  if (!planned) return [];
  await writeNotice(deps, handle, planned);
  return planned.notifications.map((n) => n.userId);
}

/** Writes a planned notice: the notifications, then their mail and chat copies with their jobs. */
export async function writeNotice(deps: AppDeps, db: Db, planned: PlannedNotice): Promise<void> {
  await insertNotifications(db, planned.notifications);
  await queueDeliveries(deps, db, planned.deliveries);
}

export interface NotificationList {
  notifications: Notification[];
  /** How many of the caller's notifications are unread (all of them, not only this page). */
  unread: number;
}

function withoutUser({ userId: _userId, ...rest }: StoredNotification): Notification {
  return rest;
}

/** What a notification about an item its reader may no longer see says in its place. */
export const UNSEEN_ITEM_TITLE = "An item you can no longer see";

/** Where such a notification leads: the list it is in, nowhere that names the item. */
export const UNSEEN_ITEM_LINK = "/notifications";

/**
 * `rows` as `actor` may read them now (decisions/0066): one about an item that is, or has
 * become since, confidential or under a confidential objective says nothing of it to a
 * non-insider — no title, body, link or id — and one about an item made public again reads
 * whole once more. One read of the confidential walks above the items named, none for insiders.
 */
async function shownNotifications(
  db: Db,
  actor: Actor,
  rows: readonly StoredNotification[],
): Promise<Notification[]> {
  const itemIds = isInsider(actor)
    ? []
    : rows.flatMap((row) => (row.itemId === null ? [] : [row.itemId]));
  const hidden = itemIds.length === 0 ? undefined : await listHiddenAmong(db, itemIds);
  return rows.map((row) => {
    if (row.itemId === null || !hidden?.has(row.itemId)) return withoutUser(row);
    return {
      id: row.id,
      kind: row.kind,
      title: UNSEEN_ITEM_TITLE,
      body: null,
      link: UNSEEN_ITEM_LINK,
      itemId: null,
      createdAt: row.createdAt,
      readAt: row.readAt,
    };
  });
}

/** The caller's notifications, newest first (`unread: "true"` for the unread only). */
export async function listMyNotifications(
  deps: AppDeps,
  actor: Actor,
  query: unknown = {},
): Promise<NotificationList> {
  const { unread, limit } = parseInput(NotificationsQuerySchema, query);
  if (!actor.userId) return { notifications: [], unread: 0 };
  const [rows, count] = await Promise.all([
    listNotifications(deps.db, actor.userId, { limit, unreadOnly: unread }),
    countUnreadNotifications(deps.db, actor.userId),
  ]);
  return { notifications: await shownNotifications(deps.db, actor, rows), unread: count };
}

/** Marks the caller's notifications read: those in `ids`, or all. Answers what is left unread. */
export async function markMyNotificationsRead(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<{ marked: number; unread: number }> {
  const { ids } = parseInput(MarkReadInputSchema, input);
  const userId = actor.userId;
  if (!userId) return { marked: 0, unread: 0 };
  return withTransaction(deps.db, async (trx) => {
    const marked = await markNotificationsRead(trx, userId, ids, nowIso(deps));
    return { marked, unread: await countUnreadNotifications(trx, userId) };
  });
}
