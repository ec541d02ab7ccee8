/**
 * Kysely table types of notifications, reminders, mail and chat.
 * Conventions every table follows: see schema.ts.
 */
import type { IntBool } from "./schema-columns.js";

/** An in-app notification for one user. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string;
  item_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** Who follows which item; `following` 0 records an owner's unfollow. */
export interface FollowsTable {
  id: string;
  user_id: string;
  item_id: string;
  item_kind: string;
  following: IntBool;
  updated_at: string;
}

/** A person's check-in reminder cadence; person `*` is the company default. */
export interface ReminderPreferencesTable {
  person_id: string;
  cadence: string;
  /** 0 = Sunday … 6 = Saturday, in `time_zone`. */
  weekday: number;
  hour: number;
  time_zone: string;
  updated_at: string;
}

/** An address that asked for no more messages of one kind. */
export interface MailUnsubscribesTable {
  /** `kind|address`, the address in lower case. */
  id: string;
  email: string;
  kind: string;
  created_at: string;
}

/** An incoming webhook a team's chat channel gives (Slack, Mattermost, Teams). */
export interface ChatWebhooksTable {
  id: string;
  team_id: string;
  provider: string;
  url: string;
  created_at: string;
}

/** The sent-marker of a job's mail, written before the SMTP conversation starts. */
export interface MailSendsTable {
  message_id: string;
  kind: string;
  recipient: string;
  state: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
}

/** Where each kind of notification reaches an account (`*`: the company default); migration 0011. */
export interface NotificationChannelsTable {
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  updated_at: string;
}

/** An account's own incoming chat webhook (Slack, Mattermost, Teams). */
export interface PersonalChatWebhooksTable {
  user_id: string;
  provider: string;
  url: string;
  updated_at: string;
}

/** A notification waiting to go out by mail or chat; `batch` is the job key of its message. */
export interface NotificationDeliveriesTable {
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  title: string;
  body: string | null;
  link: string;
  created_at: string;
  batch: string | null;
}
