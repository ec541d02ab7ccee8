/**
 * The rhythm's rows: reminder cadences (person `*` is the company default), unsubscribes, the
 * mail secret that signs unsubscribe links, and the sent-markers of mail sent by jobs.
 */
import { randomBytes } from "node:crypto";
import type { Cadence, ReminderPreference } from "../core/reminders.js";
import type { Id, IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";
import type { ReminderPreferencesTable } from "./schema-rhythm.js";

export const COMPANY_DEFAULT = "*";

function preferenceOf(row: ReminderPreferencesTable): ReminderPreference {
  return {
    cadence: row.cadence as Cadence,
    weekday: row.weekday,
    hour: row.hour,
    timeZone: row.time_zone,
  };
}

/** Every stored preference by person id (the company default under `*`). */
export async function listReminderPreferences(db: Db): Promise<Map<Id, ReminderPreference>> {
  const rows = await db.selectFrom("reminder_preferences").selectAll().execute();
  return new Map(rows.map((row) => [row.person_id, preferenceOf(row)]));
}

export async function findReminderPreference(
  db: Db,
  personId: Id,
): Promise<ReminderPreference | undefined> {
  const row = await db
    .selectFrom("reminder_preferences")
    .selectAll()
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return row ? preferenceOf(row) : undefined;
}

export async function putReminderPreference(
  db: Db,
  personId: Id,
  pref: ReminderPreference,
  at: IsoDateTime,
): Promise<void> {
  const values = {
    cadence: pref.cadence,
    weekday: pref.weekday,
    hour: pref.hour,
    time_zone: pref.timeZone,
    updated_at: at,
  };
  await db
    .insertInto("reminder_preferences")
    .values({ person_id: personId, ...values })
    .onConflict((c) => c.column("person_id").doUpdateSet(values))
    .execute();
}

export async function deleteReminderPreference(db: Db, personId: Id): Promise<void> {
  await db.deleteFrom("reminder_preferences").where("person_id", "=", personId).execute();
}

function unsubscribeKey(email: string, kind: string): string {
  return `${kind}|${email.trim().toLowerCase()}`;
}

/** Records that `email` wants no more mail of `kind` (twice is once). */
export async function insertUnsubscribe(
  db: Db,
  email: string,
  kind: string,
  at: IsoDateTime,
): Promise<void> {
  await db
    .insertInto("mail_unsubscribes")
    .values({
      id: unsubscribeKey(email, kind),
      email: email.trim().toLowerCase(),
      kind,
      created_at: at,
    })
    .onConflict((c) => c.column("id").doNothing())
    .execute();
}

export async function deleteUnsubscribe(db: Db, email: string, kind: string): Promise<void> {
  await db.deleteFrom("mail_unsubscribes").where("id", "=", unsubscribeKey(email, kind)).execute();
}

export async function isUnsubscribed(db: Db, email: string, kind: string): Promise<boolean> {
  const row = await db
    .selectFrom("mail_unsubscribes")
    .select("id")
    .where("id", "=", unsubscribeKey(email, kind))
    .executeTakeFirst();
  return row !== undefined;
}

/** The kinds an address unsubscribed from. */
export async function listUnsubscribedKinds(db: Db, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mail_unsubscribes")
    .select("kind")
    .where("email", "=", email.trim().toLowerCase())
    .execute();
  return rows.map((row) => row.kind).sort();
}

/**
 * The secret that signs unsubscribe links: made once, by whichever process asks first, and the
 * same for every process over the database.
 */
export async function loadMailSecret(db: Db, at: IsoDateTime): Promise<string> {
  await db
    .insertInto("settings")
    .values({
      key: "mail_secret",
      value: JSON.stringify(randomBytes(32).toString("base64url")),
      updated_at: at,
    })
    .onConflict((c) => c.column("key").doNothing())
    .execute();
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", "mail_secret")
    .executeTakeFirstOrThrow();
  return JSON.parse(row.value) as string;
}

export type MailSendState = "sending" | "sent";

/**
 * Claims the send of one message: writes its marker `sending` (or counts one more attempt on
 * the marker a crashed attempt left). Answers the state found, so a `sent` one is not resent.
 */
export async function markMailSending(
  db: Db,
  marker: { messageId: string; kind: string; recipient: string },
  at: IsoDateTime,
): Promise<MailSendState> {
  await db
    .insertInto("mail_sends")
    .values({
      message_id: marker.messageId,
      kind: marker.kind,
      recipient: marker.recipient,
      state: "sending",
      attempts: 0,
      created_at: at,
      sent_at: null,
    })
    .onConflict((c) => c.column("message_id").doNothing())
    .execute();
  const row = await db
    .updateTable("mail_sends")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("message_id", "=", marker.messageId)
    .returning("state")
    .executeTakeFirstOrThrow();
  return row.state as MailSendState;
}

/** The server accepted the message. */
export async function markMailSent(db: Db, messageId: string, at: IsoDateTime): Promise<void> {
  await db
    .updateTable("mail_sends")
    .set({ state: "sent", sent_at: at })
    .where("message_id", "=", messageId)
    .execute();
}

/** How many messages were accepted, per kind: for the dry run and tests. */
export async function countSentMail(db: Db, kind?: string): Promise<number> {
  let query = db
    .selectFrom("mail_sends")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("state", "=", "sent");
  if (kind) query = query.where("kind", "=", kind);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}
