/**
 * The one owner model: an owner is a person, a team, or a role title held by people. A role
 * title resolves to the people who hold it and, through them, to their teams. Every view that
 * asks "whose is this?" (tree filters, dashboard by team and by owner, My OKRs, search,
 * permissions) resolves owners here.
 */
import { nameKey } from "./name-key.js";
import type { Id, Owner, Person, Team } from "./types.js";

/** A role title as compared: its name key (`name-key.ts`), the rule every name follows. */
export const normalizeRoleTitle: (title: string) => string = nameKey;

/** Who an owner stands for: the people and the teams. */
export interface ResolvedOwner {
  personIds: readonly Id[];
  teamIds: readonly Id[];
}

const NOBODY: ResolvedOwner = { personIds: [], teamIds: [] };

/** Someone an item may belong to: their person (if any) and their teams. */
export interface Member {
  personId: Id | null;
  teamIds: readonly Id[];
}

export interface OwnerDirectory {
  /** The people and teams an owner stands for. */
  resolve(owner: Owner | null): ResolvedOwner;
  /** Whether the owner is, or resolves to, the team. */
  ownedByTeam(owner: Owner | null, teamId: Id): boolean;
  /** Whether the owner is, or resolves to, the person. */
  ownedByPerson(owner: Owner | null, personId: Id): boolean;
  /**
   * Whether the owner is a member's: it resolves to their person (their name, or a role title
   * they hold), or it is one of their teams. A teammate's own line is not theirs.
   */
  ownedByMember(owner: Owner | null, member: Member): boolean;
  /** `ownedByMember` for one owner and many members: the owner is resolved once. */
  ownsMember(owner: Owner | null): (member: Member) => boolean;
  /**
   * The teams an owner stands for and every team above them (a team's parent, its parent…):
   * what a team filter matches.
   */
  teamsWithParents(owner: Owner | null): Id[];
}

/**
 * Builds the look-up once for a set of people and teams; `resolve` is then O(1) per owner.
 * A person owner resolves to that person and their team; a team owner to the team; a role
 * owner to every person whose title matches and their teams.
 */
export function ownerDirectory(people: readonly Person[], teams: readonly Team[]): OwnerDirectory {
  const teamIds = new Set(teams.map((team) => team.id));
  const personById = new Map(people.map((person) => [person.id, person]));
  const byTitle = new Map<string, { personIds: Id[]; teamIds: Id[] }>();
  for (const person of people) {
    if (!person.title) continue;
    const key = normalizeRoleTitle(person.title);
    if (key === "") continue;
    const entry = byTitle.get(key) ?? { personIds: [], teamIds: [] };
    entry.personIds.push(person.id);
    if (person.teamId && !entry.teamIds.includes(person.teamId)) entry.teamIds.push(person.teamId);
    byTitle.set(key, entry);
  }

  function resolve(owner: Owner | null): ResolvedOwner {
    if (!owner) return NOBODY;
    if (owner.kind === "role") return byTitle.get(normalizeRoleTitle(owner.name)) ?? NOBODY;
    if (owner.id === null) return NOBODY;
    if (owner.kind === "team")
      return teamIds.has(owner.id) ? { personIds: [], teamIds: [owner.id] } : NOBODY;
    const person = personById.get(owner.id);
    if (!person) return NOBODY;
    return { personIds: [person.id], teamIds: person.teamId ? [person.teamId] : [] };
  }

  const parentOf = new Map(teams.map((team) => [team.id, team.parentId]));

  function ownsMember(owner: Owner | null): (member: Member) => boolean {
    const resolved = resolve(owner);
    const byTeam = owner?.kind === "team";
    return (member) => {
      if (member.personId !== null && resolved.personIds.includes(member.personId)) return true;
      return byTeam && resolved.teamIds.some((t) => member.teamIds.includes(t));
    };
  }

  return {
    resolve,
    ownedByTeam: (owner, teamId) => resolve(owner).teamIds.includes(teamId),
    ownedByPerson: (owner, personId) => resolve(owner).personIds.includes(personId),
    ownedByMember: (owner, member) => ownsMember(owner)(member),
    ownsMember,
    teamsWithParents(owner) {
      const out: Id[] = [];
      for (const start of resolve(owner).teamIds) {
        let teamId: Id | null | undefined = start;
        while (teamId && !out.includes(teamId)) {
          out.push(teamId);
          teamId = parentOf.get(teamId);
        }
      }
      return out;
    },
  };
}
