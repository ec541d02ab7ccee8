/**
 * End-of-quarter nudges: in the last week of an open period (and after its end while nobody
 * closed it), each objective owner is asked once to grade their objectives and to write the
 * team's retrospective (GOOD / BAD / TRY), with links to both pages.
 */
import type { Id } from "../core/types.js";
import { isUnsubscribed } from "../store/rhythm.repository.js";
import type { AppDeps } from "./deps.js";
import { escapeHtml, rhythmOf } from "./mail.js";
import { sendOnce } from "./mail-once.js";
import { loadRhythmWorld } from "./rhythm-world.js";

const DAY_MS = 86_400_000;
/** Nudges start this many days before a period's last day. */
export const NUDGE_DAYS_BEFORE_END = 7;

export interface QuarterEndNudge {
  /** One per person and period, ever. */
  key: string;
  personId: Id;
  name: string;
  email: string;
  periodId: Id;
  periodLabel: string;
  end: string;
  objectives: string[];
}

/** The nudges due at `at`. */
export async function planQuarterEnd(deps: AppDeps, at: Date): Promise<QuarterEndNudge[]> {
  const world = await loadRhythmWorld(deps.db);
  const out: QuarterEndNudge[] = [];
  for (const period of world.periods) {
    const end = Date.parse(`${period.end}T23:59:59Z`);
    if (end - at.getTime() > NUDGE_DAYS_BEFORE_END * DAY_MS) continue;
    const byPerson = new Map<Id, string[]>();
    for (const o of world.objectives.filter((o) => o.periodId === period.id)) {
      for (const personId of world.directory.resolve(o.owner).personIds) {
        byPerson.set(personId, [...(byPerson.get(personId) ?? []), o.title]);
      }
    }
    for (const person of world.people) {
      const objectives = byPerson.get(person.id);
      const email = world.emailOf(person);
      if (!objectives || !email || (await isUnsubscribed(deps.db, email, "quarter-end"))) continue;
      out.push({
        key: `quarter-end:${period.id}:${person.id}`,
        personId: person.id,
        name: person.name,
        email,
        periodId: period.id,
        periodLabel: period.label,
        end: period.end,
        objectives,
      });
    }
  }
  return out;
}

/** Sends one nudge (the job's payload), once. */
export async function sendQuarterEnd(deps: AppDeps, payload: unknown): Promise<void> {
  const nudge = payload as QuarterEndNudge;
  if (!nudge || typeof nudge.key !== "string" || typeof nudge.email !== "string") {
    throw new Error("The job's payload is not an end-of-quarter nudge");
  }
  const base = rhythmOf(deps).publicUrl;
  const tree = `${base}/#/periods/${encodeURIComponent(nudge.periodId)}`;
  const retro = `${tree}/retrospectives`;
  const subject = `${nudge.periodLabel} ends ${nudge.end}: grading and retrospective due`;
  const list = nudge.objectives.map((t) => `- ${t}`).join("\n");
  const text = `Hello ${nudge.name},\n\n${nudge.periodLabel} ends on ${nudge.end}. Please grade your objectives:\n${list}\n\nGrade them: ${tree}\nWrite the retrospective (GOOD / BAD / TRY): ${retro}`;
  const html = `<p>Hello ${escapeHtml(nudge.name)},</p><p>${escapeHtml(nudge.periodLabel)} ends on ${escapeHtml(nudge.end)}. Please grade your objectives:</p><ul>${nudge.objectives.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul><p><a href="${escapeHtml(tree)}">Grade them</a> · <a href="${escapeHtml(retro)}">Write the retrospective (GOOD / BAD / TRY)</a></p>`;
  await sendOnce(deps, {
    key: nudge.key,
    to: nudge.email,
    kind: "quarter-end",
    subject,
    text,
    html,
  });
}
