/**
 * What reminders, digests and nudges read: the people and teams with their addresses and
 * reminder cadences, and every open period's objectives and key results as anyone signed in
 * sees them. Read once per run.
 */
import { type OwnerDirectory, ownerDirectory } from "../core/owners.js";
import { DEFAULT_REMINDER, type ReminderPreference } from "../core/reminders.js";
import type { Id, KeyResult, Objective, Period, Person, Team } from "../core/types.js";
import type { Db } from "../store/db.js";
import { listPeople } from "../store/people.repository.js";
import { listPeriods } from "../store/periods.repository.js";
import { COMPANY_DEFAULT, listReminderPreferences } from "../store/rhythm.repository.js";
import { listTeams } from "../store/teams.repository.js";
import { listUsers } from "../store/users.repository.js";
import { type Actor, SYSTEM_ACTOR } from "./deps.js";
import { loadVisiblePeriodItems } from "./tree.js";

/** Whom the rhythm's mail and chat are written for: an account that is no insider. */
const OUTSIDER: Actor = { ...SYSTEM_ACTOR, role: "viewer", insider: false };

export interface RhythmWorld {
  people: Person[];
  teams: Team[];
  directory: OwnerDirectory;
  periods: Period[];
  objectives: Objective[];
  keyResults: KeyResult[];
  companyDefault: ReminderPreference;
  /** A person's own cadence, else the company default. */
  preferenceOf(personId: Id): ReminderPreference;
  /** Where a person's mail goes: their address, else their account's. */
  emailOf(person: Person): string | null;
  /** The user accounts of a person (for the in-app bell). */
  userIdsOf(personId: Id): Id[];
}

/** Reads the world; only periods still open (not closed) take part. */
export async function loadRhythmWorld(db: Db): Promise<RhythmWorld> {
  const [people, teams, periods, prefs, users] = await Promise.all([
    listPeople(db),
    listTeams(db),
    listPeriods(db),
    listReminderPreferences(db),
    listUsers(db),
  ]);
  const open = periods.filter((p) => p.closedAt === null);
  const objectives: Objective[] = [];
  const keyResults: KeyResult[] = [];
  for (const period of open) {
    // Mail and chat leave the app's access control: what goes out in them is what anyone
    // signed in sees (no confidential objective nor what hangs under it, no hidden target).
    const items = await loadVisiblePeriodItems(db, OUTSIDER, period.id);
    objectives.push(...items.objectives);
    keyResults.push(...items.keyResults);
  }
  const companyDefault = prefs.get(COMPANY_DEFAULT) ?? DEFAULT_REMINDER;
  const enabledUsers = users.filter((u) => u.disabledAt === null);
  return {
    people,
    teams,
    directory: ownerDirectory(people, teams),
    periods: open,
    objectives,
    keyResults,
    companyDefault,
    preferenceOf: (personId) => prefs.get(personId) ?? companyDefault,
    emailOf: (person) =>
      person.email?.trim() || enabledUsers.find((u) => u.personId === person.id)?.email || null,
    userIdsOf: (personId) => enabledUsers.filter((u) => u.personId === personId).map((u) => u.id),
  };
}

/**
 * The key results a person answers for: owned by them (by name or role title) or their team,
 * and ownerless ones under objectives they own — the same "mine" as My OKRs.
 */
export function keyResultsOwnedBy(world: RhythmWorld, person: Person): KeyResult[] {
  const member = { personId: person.id, teamIds: person.teamId ? [person.teamId] : [] };
  const myObjectives = new Set(
    world.objectives.filter((o) => world.directory.ownedByMember(o.owner, member)).map((o) => o.id),
  );
  return world.keyResults.filter((kr) =>
    kr.owner === null
      ? myObjectives.has(kr.objectiveId)
      : world.directory.ownedByMember(kr.owner, member),
  );
}
