/** Search across periods: text, owner, team, status, health — only what the actor may see. */
import { nameKey } from "../core/name-key.js";
import { type OwnerDirectory, ownerDirectory } from "../core/owners.js";
import type { Id, KeyResult, Objective, OkrItem, Period, Team } from "../core/types.js";
import { listPeople } from "../store/people.repository.js";
import { getPeriod, listPeriods } from "../store/periods.repository.js";
import { listTeams } from "../store/teams.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { SearchInputSchema } from "./schemas.js";
import { loadVisiblePeriodItems } from "./tree.js";
import { presentItem, type VisibleItem } from "./visibility.js";

export interface SearchHit {
  item: VisibleItem;
  period: { id: Id; label: string };
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when more items matched than `limit`. */
  truncated: boolean;
}

/** The team of that name (compared as names are, `nameKey`) and every team below it. */
function teamAndDescendants(teams: readonly Team[], name: string): Set<Id> {
  const wanted = nameKey(name);
  const ids = new Set(teams.filter((t) => nameKey(t.name) === wanted).map((t) => t.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const team of teams) {
      if (team.parentId && ids.has(team.parentId) && !ids.has(team.id)) {
        ids.add(team.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Objectives and key results matching every filter given: `q` in the title, outcome or owner;
 * `owner` in the owner's name, or a person of that name (a role title they hold is theirs);
 * `team` owned by that team, a team below it, one of their people, or a role title one of
 * their people holds (core `ownerDirectory`); `status`; `health` (key results). Without `periodId`, every period, newest first.
 */
export async function search(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<SearchResult> {
  const filter = parseInput(SearchInputSchema, input);
  const periods: Period[] = filter.periodId
    ? [await getPeriod(deps.db, filter.periodId)]
    : (await listPeriods(deps.db)).reverse();
  let matchesTeam: ((item: OkrItem) => boolean) | undefined;
  let ownerPeople: Id[] = [];
  let directory: OwnerDirectory | undefined;
  // Part of a name: folded as names are, so "émilie" finds "Émilie Dupont" however it is typed.
  const owner = filter.owner === undefined ? undefined : nameKey(filter.owner);
  if (filter.team || owner) {
    const [teams, people] = await Promise.all([listTeams(deps.db), listPeople(deps.db)]);
    directory = ownerDirectory(people, teams);
    const owners = directory;
    if (filter.team) {
      // Owned by the team or one below it, or by someone in them: their name or their title.
      const teamIds = teamAndDescendants(teams, filter.team);
      matchesTeam = (item) => owners.resolve(item.owner).teamIds.some((id) => teamIds.has(id));
    }
    if (owner) ownerPeople = people.filter((p) => nameKey(p.name).includes(owner)).map((p) => p.id);
  }
  const q = filter.q?.toLowerCase();
  const ownedByNamed = (item: OkrItem): boolean =>
    (item.owner ? nameKey(item.owner.name).includes(owner ?? "") : false) ||
    (directory !== undefined && ownerPeople.some((id) => directory?.ownedByPerson(item.owner, id)));
  const matches = (item: Objective | KeyResult): boolean => {
    if (q) {
      const text = `${item.title}\n${item.outcome ?? ""}\n${item.owner?.name ?? ""}`.toLowerCase();
      if (!text.includes(q)) return false;
    }
    if (owner && !ownedByNamed(item)) return false;
    if (filter.status && item.status !== filter.status) return false;
    if (filter.health && (item.type !== "key_result" || item.health !== filter.health))
      return false;
    if (matchesTeam && !matchesTeam(item)) return false;
    return true;
  };
  const hits: SearchHit[] = [];
  for (const period of periods) {
    const { objectives, keyResults } = await loadVisiblePeriodItems(deps.db, actor, period.id);
    for (const item of [...objectives, ...keyResults]) {
      if (!matches(item)) continue;
      if (hits.length === filter.limit) return { hits, truncated: true };
      hits.push({ item: presentItem(actor, item), period: { id: period.id, label: period.label } });
    }
  }
  return { hits, truncated: false };
}
