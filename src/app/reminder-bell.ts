/**
 * The in-app side of a reminder: the bell of the person's accounts shows it too. The one
 * place a sent reminder reaches in-app notifications.
 */
import type { Id } from "../core/types.js";
import type { AppDeps } from "./deps.js";
import { notify } from "./notifications.js";

export interface ReminderAnnouncement {
  userIds: Id[];
  title: string;
  /** A path inside the app. */
  link: string;
  itemId: Id | null;
}

/** Announces a sent reminder under the bell of the person's accounts. */
export async function announceReminder(
  deps: AppDeps,
  announcement: ReminderAnnouncement,
): Promise<void> {
  await notify(deps, {
    userIds: announcement.userIds,
    kind: "reminder",
    title: announcement.title,
    link: announcement.link,
    itemId: announcement.itemId,
  });
}
