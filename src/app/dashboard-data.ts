/**
 * The dashboard's scores from one period's items and check-ins: the company score, scores by
 * team and by owner, progress over time. Pure: the use case in `dashboard.ts` loads the data
 * (already filtered for the reader) and passes the clock. Every score comes from core's
 * roll-up, so its rules are the tree's.
 */

import { byCodeUnits } from "../core/collections.js";
import { addDays } from "../core/fiscal-calendar.js";
import { nameKey } from "../core/name-key.js";
import { type OwnerDirectory, ownerDirectory } from "../core/owners.js";
import { countsAlike, rollUpObjective } from "../core/roll-up.js";
import { buildTree, forEachObjectiveNode, type ObjectiveNode } from "../core/tree.js";
import type {
  CheckIn,
  Id,
  IsoDate,
  IsoDateTime,
  KeyResult,
  Objective,
  Period,
  Person,
  RollUp,
  Settings,
  Team,
} from "../core/types.js";

/**
 * A team's or an owner's score: the weighted mean of the scores of the objectives it owns that
 * have one. Objectives without a score yet are counted apart, never as 0.
 */
export interface GroupScore {
  /** Team or person id; null for a role title nobody holds. */
  id: Id | null;
  name: string;
  kind: "person" | "team" | "role";
  /** Null when none of its objectives has a score yet: "not scored". */
  score: number | null;
  /** Objectives with a score. */
  scored: number;
  /** Objectives without a score yet. */
  unscored: number;
}

/** The company score, and how many of the period's objectives have a score so far. */
export interface CompanyScore {
  /** Null when no top-level objective has a score yet: "not scored", never 0. */
  score: number | null;
  capped: boolean;
  scored: number;
  unscored: number;
}

export interface ScorePoint {
  /** The last day the point covers (end of the week, or today). */
  date: IsoDate;
  score: number | null;
}

/** What the roll-up decides on a dashboard: computed once per period version and reader class. */
export interface DashboardScores {
  company: CompanyScore;
  /** Every team, by name. */
  byTeam: GroupScore[];
  /** Every owner of an objective (role titles as the people holding them), by name. */
  byOwner: GroupScore[];
  progressOverTime: ScorePoint[];
}

export interface DashboardSource {
  period: Period;
  objectives: readonly Objective[];
  keyResults: readonly KeyResult[];
  /** Check-ins of the period's key results, any order. */
  checkIns: readonly CheckIn[];
  people: readonly Person[];
  teams: readonly Team[];
  settings: Settings;
  now: Date;
}

/**
 * One collator for every sort: `localeCompare` builds one per call, too slow for thousands.
 * Made with the first sort, not at start: it loads ICU's collation data (MB of memory).
 */
let collator: Intl.Collator | undefined;
const byText = (a: string, b: string): number => {
  collator ??= new Intl.Collator("en");
  return collator.compare(a, b);
};

function isCounted(item: { archived: boolean; status: string | null }): boolean {
  return !item.archived && item.status !== "cancelled";
}

/**
 * The company score: the weighted roll-up of the top-level objectives. While none of them has
 * a score yet the company has none either ("not scored", never 0).
 */
export function rollUpCompany(roots: readonly ObjectiveNode[], settings: Settings): RollUp {
  const anyScored = roots.some((node) => isCounted(node.objective) && node.rollUp.score !== null);
  if (!anyScored) {
    return {
      score: null,
      contributions: [],
      capped: false,
      explanation: "Not scored yet: no top-level objective has a score.",
    };
  }
  return rollUpObjective(
    { id: "company", title: "Company" },
    [],
    roots.map((node) => ({
      id: node.objective.id,
      title: node.objective.title,
      weight: node.objective.weight,
      score: node.rollUp.score,
      status: node.objective.status,
      archived: node.objective.archived,
    })),
    { rollUp: { ...settings.rollUp, includeChildObjectives: true } },
  );
}

interface Group {
  id: Id | null;
  name: string;
  kind: GroupScore["kind"];
  weight: number;
  sum: number;
  scored: number;
  unscored: number;
}

/** Adds an objective's (capped) score to a group: scored ones by weight, others counted apart. */
function addToGroup(group: Group, weight: number, score: number | null, cap: number): void {
  if (score === null || !Number.isFinite(score)) {
    group.unscored++;
    return;
  }
  group.scored++;
  if (weight <= 0) return;
  group.weight += weight;
  group.sum += weight * Math.min(score, cap);
}

function scoreOfGroup(g: Group): GroupScore {
  return {
    id: g.id,
    name: g.name,
    kind: g.kind,
    score: g.weight === 0 ? null : g.sum / g.weight,
    scored: g.scored,
    unscored: g.unscored,
  };
}

function sortedScores(groups: Iterable<Group>): GroupScore[] {
  return [...groups].map(scoreOfGroup).sort((a, b) => byText(a.name, b.name));
}

/** Who is who, made once per list of people and teams (a period's model keeps them as they are). */
const directories = new WeakMap<
  readonly Person[],
  { teams: readonly Team[]; directory: OwnerDirectory; personById: Map<Id, Person> }
>();

function directoryOf(people: readonly Person[], teams: readonly Team[]) {
  const kept = directories.get(people);
  if (kept && kept.teams === teams) return kept;
  const made = {
    teams,
    directory: ownerDirectory(people, teams),
    personById: new Map(people.map((p) => [p.id, p])),
  };
  directories.set(people, made);
  return made;
}

/**
 * Scores by team and by owner over the objectives that count (not archived, not cancelled),
 * whoever owns them resolved through the one owner model: a person counts for themself and
 * their team, a team for itself, a role title for each person holding it and their teams.
 */
export function scoreGroups(
  nodes: readonly ObjectiveNode[],
  people: readonly Person[],
  teams: readonly Team[],
  cap: number,
): { byTeam: GroupScore[]; byOwner: GroupScore[] } {
  const { directory, personById } = directoryOf(people, teams);
  const empty = (id: Id | null, name: string, kind: GroupScore["kind"]): Group => ({
    id,
    name,
    kind,
    weight: 0,
    sum: 0,
    scored: 0,
    unscored: 0,
  });
  const byTeam = new Map<Id, Group>(teams.map((t) => [t.id, empty(t.id, t.name, "team")]));
  const byOwner = new Map<string, Group>();
  const ownerGroup = (key: string, make: () => Group): Group => {
    let group = byOwner.get(key);
    if (!group) {
      group = make();
      byOwner.set(key, group);
    }
    return group;
  };
  for (const node of nodes) {
    const objective = node.objective;
    if (!isCounted(objective) || !objective.owner) continue;
    const owner = objective.owner;
    const { weight } = objective;
    const score = node.rollUp.score;
    const resolved = directory.resolve(owner);
    for (const teamId of resolved.teamIds) {
      const team = byTeam.get(teamId);
      if (team) addToGroup(team, weight, score, cap);
    }
    if (resolved.personIds.length > 0) {
      for (const personId of resolved.personIds) {
        const person = personById.get(personId);
        const group = ownerGroup(`person:${personId}`, () =>
          empty(personId, person?.name ?? owner.name, "person"),
        );
        addToGroup(group, weight, score, cap);
      }
    } else if (owner.kind === "team" && owner.id !== null) {
      const id = owner.id;
      const name = byTeam.get(id)?.name ?? owner.name;
      addToGroup(
        ownerGroup(`team:${id}`, () => empty(id, name, "team")),
        weight,
        score,
        cap,
      );
    } else {
      // A role title nobody holds (or a person or team no longer on record): still an owner.
      const key = `${owner.kind}:${owner.id ?? nameKey(owner.name)}`;
      addToGroup(
        ownerGroup(key, () => empty(owner.id, owner.name, owner.kind)),
        weight,
        score,
        cap,
      );
    }
  }
  return { byTeam: sortedScores(byTeam.values()), byOwner: sortedScores(byOwner.values()) };
}

/** What the dashboard's scores are made of: the items a reader sees and who owns them. */
export type DashboardScoresSource = Pick<
  DashboardSource,
  "objectives" | "keyResults" | "people" | "teams" | "settings"
>;

/**
 * Everything the roll-up decides on a period's dashboard; progress over time from
 * `progressOverTime`, which is given the company score as it stands now.
 */
export function computeDashboardScores(
  source: DashboardScoresSource,
  progressOverTime: (companyScore: number | null) => ScorePoint[],
  /** The items' tree already rolled up (`buildTree` of the same items), when kept. */
  roots: readonly ObjectiveNode[] = buildTree(
    source.objectives,
    source.keyResults,
    source.settings,
  ),
): DashboardScores {
  const { settings } = source;
  const allNodes: ObjectiveNode[] = [];
  let scored = 0;
  let unscored = 0;
  forEachObjectiveNode(roots, (node) => {
    allNodes.push(node);
    if (!isCounted(node.objective)) return;
    if (node.rollUp.score === null) unscored++;
    else scored++;
  });
  const company = rollUpCompany(roots, settings);
  return {
    company: { score: company.score, capped: company.capped, scored, unscored },
    ...scoreGroups(allNodes, source.people, source.teams, settings.rollUp.cap),
    progressOverTime: progressOverTime(company.score),
  };
}

/**
 * A key result as it stood at `at`: its progress from its check-ins then (`checkIns` oldest
 * first), or as it stands now once all of them were made. Of what a check-in writes, the
 * roll-up reads only `current`, `progress` and `status`.
 */
export function keyResultAt(
  kr: KeyResult,
  checkIns: readonly CheckIn[] | undefined,
  at: IsoDateTime,
): KeyResult {
  // Without any check-in the stored progress (an imported outcome) is all we know: hold it.
  if (!checkIns || checkIns.length === 0) return kr;
  let latest: CheckIn | undefined;
  let count = 0;
  for (const c of checkIns) {
    if (c.createdAt <= at) latest = c;
    else break;
    count++;
  }
  // Every check-in made by then: it stood as it stands now, whatever changed since its last
  // check-in (a target moved, a check-in corrected), so the line ends at the score shown.
  if (count === checkIns.length) return kr;
  return {
    ...kr,
    current: latest?.value ?? null,
    progress: latest?.progress ?? null,
    // Status "done" would make a milestone count as 1 before it was done.
    status: latest ? kr.status : null,
  };
}

/**
 * Whether every key result stood at `at` as the roll-up counts it now (`countsAlike`): then
 * the company score at `at` is the company score now.
 */
export function standAsNow(
  keyResults: readonly KeyResult[],
  history: ReadonlyMap<Id, readonly CheckIn[]>,
  at: IsoDateTime,
): boolean {
  for (const kr of keyResults) {
    const then = keyResultAt(kr, history.get(kr.id), at);
    if (then !== kr && !countsAlike(then, kr)) return false;
  }
  return true;
}

/** Reconstructs key results as they stood at `at`: each one's progress from its check-ins then. */
function keyResultsAt(
  keyResults: readonly KeyResult[],
  history: ReadonlyMap<Id, readonly CheckIn[]>,
  at: IsoDateTime,
): KeyResult[] {
  return keyResults.map((kr) => keyResultAt(kr, history.get(kr.id), at));
}

/** The last day of each point of progress over time: each week's end, then today (or the end). */
export function progressDates(period: Period, now: Date): IsoDate[] {
  const today = now.toISOString().slice(0, 10);
  if (today < period.start) return [];
  // The earlier of today and the period's end (ISO dates sort as text).
  const lastDay = [today, period.end].sort()[0] as IsoDate;
  const dates: IsoDate[] = [];
  for (let day = addDays(period.start, 6); day < lastDay; day = addDays(day, 7)) dates.push(day);
  dates.push(lastDay);
  return dates;
}

/** The company score at the end of `date`, through the tree's own roll-up. */
export function companyScoreOn(
  date: IsoDate,
  objectives: readonly Objective[],
  keyResults: readonly KeyResult[],
  history: ReadonlyMap<Id, readonly CheckIn[]>,
  settings: Settings,
): number | null {
  const at = `${date}T23:59:59.999Z`;
  return rollUpCompany(
    buildTree(objectives, keyResultsAt(keyResults, history, at), settings),
    settings,
  ).score;
}

/**
 * The company score week by week from the period's start to today (or its end): each point
 * rolls up the key results as their check-ins left them at the end of that week.
 */
export function computeProgressOverTime(source: DashboardSource): ScorePoint[] {
  const { period, objectives, keyResults, settings, now } = source;
  const history = new Map<Id, CheckIn[]>();
  for (const c of source.checkIns) {
    const list = history.get(c.keyResultId);
    if (list) list.push(c);
    else history.set(c.keyResultId, [c]);
  }
  for (const list of history.values()) list.sort((a, b) => byCodeUnits(a.createdAt, b.createdAt));
  return progressDates(period, now).map((date) => ({
    date,
    score: companyScoreOn(date, objectives, keyResults, history, settings),
  }));
}
