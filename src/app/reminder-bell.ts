/**
 * The in-app side of a reminder: the bell of the person's accounts shows it too. The one
 * place a sent reminder reaches in-app notifications.
 */
import type { Id } from "../core/types.js";
import type { AppDeps } from "./deps.js";

export interface ReminderAnnouncement {
  userIds: Id[];
  title: string;
  /** A path inside the app. */
  link: string;
  itemId: Id | null;
}

/** Announces a sent reminder in the app; without notifications in this build, mail is all. */
export async function announceReminder(
  _deps: AppDeps,
  _announcement: ReminderAnnouncement,
): Promise<void> {}
