/**
 * Reminder cadences: each person sets their own (My settings), admins set the company default
 * everyone without their own follows. Audited like every change.
 */
import { OkrError } from "../core/errors.js";
import { DEFAULT_REMINDER, type ReminderPreference } from "../core/reminders.js";
import { withTransaction } from "../store/db.js";
import { findPerson } from "../store/people.repository.js";
import {
  COMPANY_DEFAULT,
  deleteReminderPreference,
  deleteUnsubscribe,
  findReminderPreference,
  listUnsubscribedKinds,
  putReminderPreference,
} from "../store/rhythm.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { MAIL_KINDS, type MailKind } from "./mail.js";
import { assertAdmin } from "./permissions.js";
import { MyReminderInputSchema, ReminderPreferenceSchema } from "./rhythm-schemas.js";

export interface MyReminderSettings {
  /** The person's own cadence; null while they follow the company default. */
  own: ReminderPreference | null;
  companyDefault: ReminderPreference;
  /** The kinds of mail this person's address unsubscribed from. */
  unsubscribed: MailKind[];
  /** Where their mail goes; null without an address. */
  email: string | null;
}

async function companyDefaultOf(deps: AppDeps): Promise<ReminderPreference> {
  return (await findReminderPreference(deps.db, COMPANY_DEFAULT)) ?? DEFAULT_REMINDER;
}

function requirePerson(actor: Actor): string {
  if (!actor.personId) {
    throw new OkrError(
      "forbidden",
      "Your account is not linked to a person, so nothing is yours to be reminded of; ask an admin to link it.",
    );
  }
  return actor.personId;
}

/** The actor's reminder settings. */
export async function getMyReminders(deps: AppDeps, actor: Actor): Promise<MyReminderSettings> {
  const companyDefault = await companyDefaultOf(deps);
  if (!actor.personId) return { own: null, companyDefault, unsubscribed: [], email: null };
  const person = await findPerson(deps.db, actor.personId);
  const own = (await findReminderPreference(deps.db, actor.personId)) ?? null;
  const email = person?.email?.trim() || null;
  const unsubscribed = email
    ? ((await listUnsubscribedKinds(deps.db, email)).filter((k) =>
        MAIL_KINDS.includes(k as MailKind),
      ) as MailKind[])
    : [];
  return { own, companyDefault, unsubscribed, email };
}

/**
 * Sets (or, with null, clears) the actor's own cadence. Choosing a cadence again also takes
 * back an earlier unsubscribe from reminders.
 */
export async function putMyReminders(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<MyReminderSettings> {
  const { preference } = parseInput(MyReminderInputSchema, input);
  const personId = requirePerson(actor);
  await withTransaction(deps.db, async (trx) => {
    const before = (await findReminderPreference(trx, personId)) ?? null;
    if (preference) await putReminderPreference(trx, personId, preference, nowIso(deps));
    else await deleteReminderPreference(trx, personId);
    const person = await findPerson(trx, personId);
    if (preference && preference.cadence !== "off" && person?.email) {
      await deleteUnsubscribe(trx, person.email, "reminder");
    }
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "reminder_preference",
      entityId: personId,
      before,
      after: preference,
    });
  });
  return getMyReminders(deps, actor);
}

/** The company default (anyone signed in may read it). */
export async function getCompanyReminderDefault(deps: AppDeps): Promise<ReminderPreference> {
  return companyDefaultOf(deps);
}

/** Sets the company default (admins only). */
export async function putCompanyReminderDefault(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ReminderPreference> {
  const preference = parseInput(ReminderPreferenceSchema, input);
  assertAdmin(actor, "change the company's reminder default");
  return withTransaction(deps.db, async (trx) => {
    const before = await companyDefaultOf({ ...deps, db: trx });
    await putReminderPreference(trx, COMPANY_DEFAULT, preference, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "reminder_preference",
      entityId: COMPANY_DEFAULT,
      before,
      after: preference,
    });
    return preference;
  });
}
