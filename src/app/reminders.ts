/**
 * Check-in reminders: who is due a reminder at an instant, what it lists, and the send of one
 * person's reminder for one slot — exactly the job `reminder:{personId}:{slot}` runs.
 */

import type { Channel } from "../core/notification-channels.js";
import {
  describeReminder,
  isCheckInDue,
  type ReminderPreference,
  reminderSlotAt,
} from "../core/reminders.js";
import type { Id, IsoDateTime, KeyResult, Person } from "../core/types.js";
import { findPersonalChatWebhook } from "../store/notification-channels.repository.js";
import { isUnsubscribed } from "../store/rhythm.repository.js";
import { postChatMessage, QUOTE_FOR_JOBS } from "./chat.js";
import type { AppDeps } from "./deps.js";
import { escapeHtml, rhythmOf } from "./mail.js";
import { sendOnce } from "./mail-once.js";
import { personChannelOf } from "./notification-channels.js";
import { announceReminder } from "./reminder-bell.js";
import { keyResultsOwnedBy, loadRhythmWorld, type RhythmWorld } from "./rhythm-world.js";

export interface DueKeyResult {
  id: Id;
  title: string;
  objectiveTitle: string;
  periodLabel: string;
  lastCheckInAt: IsoDateTime | null;
  /** Straight to the key result's check-in form. */
  link: string;
}

export interface PlannedReminder {
  personId: Id;
  name: string;
  email: string | null;
  preference: ReminderPreference;
  /** The slot this reminder is for (UTC start of the hour). */
  slot: IsoDateTime;
  due: DueKeyResult[];
  /** How it reaches them: in-app only, by email, or in their chat (their channel choice). */
  channel: Channel;
  /** Why nothing goes out, when nothing does: no address, unsubscribed. */
  skipped: string | null;
}

const HOUR_MS = 3_600_000;

/** The hour an instant falls in, as the slot `okr remind --now` sends for. */
export function hourSlotOf(at: Date): IsoDateTime {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

/** The link that opens a key result with its check-in form in view. */
export function checkInLinkOf(deps: AppDeps, keyResultId: Id): string {
  return `${rhythmOf(deps).publicUrl}/#/key-results/${encodeURIComponent(keyResultId)}?check-in=1`;
}

function dueOf(deps: AppDeps, world: RhythmWorld, person: Person, at: Date): DueKeyResult[] {
  const pref = world.preferenceOf(person.id);
  const objectives = new Map(world.objectives.map((o) => [o.id, o]));
  const periods = new Map(world.periods.map((p) => [p.id, p]));
  return keyResultsOwnedBy(world, person)
    .filter((kr: KeyResult) => {
      const period = periods.get(kr.periodId);
      return period !== undefined && isCheckInDue(kr, pref.cadence, at, period.start);
    })
    .map((kr) => ({
      id: kr.id,
      title: kr.title,
      objectiveTitle: objectives.get(kr.objectiveId)?.title ?? "",
      periodLabel: periods.get(kr.periodId)?.label ?? "",
      lastCheckInAt: kr.lastCheckInAt,
      link: checkInLinkOf(deps, kr.id),
    }));
}

async function planFor(
  deps: AppDeps,
  world: RhythmWorld,
  person: Person,
  slot: IsoDateTime,
  at: Date,
): Promise<PlannedReminder | null> {
  const preference = world.preferenceOf(person.id);
  if (preference.cadence === "off") return null;
  const due = dueOf(deps, world, person, at);
  if (due.length === 0) return null;
  const email = world.emailOf(person);
  const { channel } = await personChannelOf(deps.db, world.userIdsOf(person.id), "reminder");
  let skipped: string | null = null;
  if (channel !== "email") {
    if (world.userIdsOf(person.id).length === 0) skipped = "no account to notify";
  } else if (!email) skipped = "no email address";
  else if (await isUnsubscribed(deps.db, email, "reminder")) {
    skipped = "unsubscribed from reminders";
  }
  return { personId: person.id, name: person.name, email, preference, slot, due, channel, skipped };
}

/**
 * The reminders whose slot is the hour of `at`: each person whose cadence falls then and who
 * has key results due. With `anySlot`, everyone with a cadence and due key results, for the
 * hour of `at` (what `okr remind` shows and sends "now").
 */
export async function planReminders(
  deps: AppDeps,
  at: Date,
  options: { anySlot?: boolean } = {},
): Promise<PlannedReminder[]> {
  const world = await loadRhythmWorld(deps.db);
  const out: PlannedReminder[] = [];
  for (const person of world.people) {
    const slot = options.anySlot
      ? hourSlotOf(at)
      : reminderSlotAt(world.preferenceOf(person.id), at);
    if (!slot) continue;
    const planned = await planFor(deps, world, person, slot, at);
    if (planned) out.push(planned);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The job key of one person's reminder for one slot: at most one such job ever. */
export function reminderJobKey(personId: Id, slot: IsoDateTime): string {
  return `reminder:${personId}:${slot}`;
}

function formatDay(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "never";
}

/** The reminder's mail: subject, plain text and HTML. */
export function reminderMailOf(planned: PlannedReminder): {
  subject: string;
  text: string;
  html: string;
} {
  const n = planned.due.length;
  const subject = `Check-in reminder: ${n} key result${n === 1 ? "" : "s"} due`;
  const lines = planned.due.map(
    (kr) =>
      `- ${kr.title} (${kr.objectiveTitle}, ${kr.periodLabel}); last check-in ${formatDay(kr.lastCheckInAt)}\n  Check in: ${kr.link}`,
  );
  const text = `Hello ${planned.name},\n\nThese key results are waiting for your check-in:\n\n${lines.join("\n")}\n\nYour reminders: ${describeReminder(planned.preference)}.`;
  const items = planned.due
    .map(
      (kr) =>
        `<li><a href="${escapeHtml(kr.link)}">${escapeHtml(kr.title)}</a><br><small>${escapeHtml(kr.objectiveTitle)} · ${escapeHtml(kr.periodLabel)} · last check-in ${formatDay(kr.lastCheckInAt)}</small></li>`,
    )
    .join("");
  const html = `<p>Hello ${escapeHtml(planned.name)},</p><p>These key results are waiting for your check-in:</p><ul>${items}</ul><p><small>Your reminders: ${escapeHtml(describeReminder(planned.preference))}.</small></p>`;
  return { subject, text, html };
}

export type ReminderOutcome = "sent" | "already-sent" | "nothing-due" | "skipped" | "mail-off";

/**
 * Sends one person's reminder for one slot, as due at the deps' clock. Recomputed at send
 * time: a check-in made since the plan removes its key result. Sent once per person and slot
 * (the sent-marker, decisions/0020).
 */
export async function sendReminder(
  deps: AppDeps,
  personId: Id,
  slot: IsoDateTime,
): Promise<ReminderOutcome> {
  const world = await loadRhythmWorld(deps.db);
  const person = world.people.find((p) => p.id === personId);
  if (!person) return "nothing-due";
  const planned = await planFor(deps, world, person, slot, deps.now());
  if (!planned) return "nothing-due";
  if (planned.channel === "email" && !rhythmOf(deps).mail) return "mail-off";
  if (planned.skipped) return "skipped";
  if (planned.channel !== "email") {
    return sendReminderElsewhere(deps, world.userIdsOf(personId), planned);
  }
  if (!planned.email) return "skipped";
  const mail = reminderMailOf(planned);
  const outcome = await sendOnce(deps, {
    key: reminderJobKey(personId, slot),
    to: planned.email,
    kind: "reminder",
    ...mail,
  });
  if (outcome === "sent") {
    await announceReminder(deps, {
      userIds: world.userIdsOf(personId),
      title: mail.subject,
      link: planned.due[0] ? `/key-results/${planned.due[0].id}?check-in=1` : "/me",
      itemId: planned.due[0]?.id ?? null,
    });
  }
  return outcome;
}

/** A reminder in the bell only, or in the bell and the person's own chat. */
async function sendReminderElsewhere(
  deps: AppDeps,
  userIds: Id[],
  planned: PlannedReminder,
): Promise<ReminderOutcome> {
  const { subject } = reminderMailOf(planned);
  if (planned.channel === "chat" && userIds[0]) {
    const hook = await findPersonalChatWebhook(deps.db, userIds[0]);
    if (hook) {
      await postChatMessage(
        hook,
        {
          title: subject,
          lines: planned.due.map((kr) => `• ${kr.title} (${kr.objectiveTitle}, ${kr.periodLabel})`),
          link: planned.due[0] ? { text: "Check in", url: planned.due[0].link } : null,
        },
        QUOTE_FOR_JOBS,
      );
    }
  }
  await announceReminder(deps, {
    userIds,
    title: subject,
    link: planned.due[0] ? `/key-results/${planned.due[0].id}?check-in=1` : "/me",
    itemId: planned.due[0]?.id ?? null,
  });
  return "sent";
}
