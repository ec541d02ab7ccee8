/**
 * The dashboard's numbers from one period's items and check-ins. Pure: the use case in
 * `dashboard.ts` loads the data (already filtered for the reader) and passes the clock.
 */

import { type ScoreDistribution, scoreDistribution } from "../core/distribution.js";
import { addDays } from "../core/fiscal-calendar.js";
import { rollUpObjective } from "../core/roll-up.js";
import { buildTree, forEachObjectiveNode, type ObjectiveNode } from "../core/tree.js";
import type {
  CheckIn,
  Health,
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
import { computeCompanyScore } from "./company-score.js";

export interface GroupScore {
  /** Team or owner id; null for role owners (a title, no record). */
  id: Id | null;
  name: string;
  kind: "person" | "team" | "role";
  score: number | null;
  objectives: number;
}

export interface AtRiskItem {
  id: Id;
  objectiveId: Id;
  title: string;
  owner: string | null;
  health: Health;
  progress: number | null;
  lastCheckInAt: IsoDateTime | null;
  /** Whole days since the last check-in; null when there never was one. */
  daysSince: number | null;
}

export interface StaleItem {
  id: Id;
  objectiveId: Id;
  title: string;
  owner: string | null;
  lastCheckInAt: IsoDateTime | null;
  /** Whole days since the last check-in; null when there never was one. */
  daysSince: number | null;
}

export interface ScorePoint {
  /** The last day the point covers (end of the week, or today). */
  date: IsoDate;
  score: number | null;
}

export interface DashboardData {
  periodId: Id;
  company: RollUp;
  byTeam: GroupScore[];
  byOwner: GroupScore[];
  distribution: ScoreDistribution;
  atRisk: AtRiskItem[];
  stale: StaleItem[];
  staleDays: number;
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
  staleDays: number;
}

const DAY_MS = 86_400_000;
/** One collator for every sort: `localeCompare` builds one per call, too slow for thousands. */
const collator = new Intl.Collator("en");
const byText = (a: string, b: string): number => collator.compare(a, b);
/** ISO dates and times sort as plain text. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const FINISHED = new Set(["done", "cancelled", "carried_over", "missed"]);

/** Whole days since a check-in; null when there never was one. */
function daysSinceCheckIn(lastCheckInAt: IsoDateTime | null, now: Date): number | null {
  return lastCheckInAt === null
    ? null
    : Math.floor((now.getTime() - Date.parse(lastCheckInAt)) / DAY_MS);
}

function isCounted(item: { archived: boolean; status: string | null }): boolean {
  return !item.archived && item.status !== "cancelled";
}

/** The company score: the weighted roll-up of the top-level objectives. */
export function rollUpCompany(roots: readonly ObjectiveNode[], settings: Settings): RollUp {
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

function meanScore(entries: readonly { weight: number; score: number | null }[]): number | null {
  let total = 0;
  let sum = 0;
  for (const { weight, score } of entries) {
    if (score === null || weight <= 0) continue;
    total += weight;
    sum += weight * score;
  }
  return total === 0 ? null : sum / total;
}

function groupScores(
  nodes: readonly ObjectiveNode[],
  keyOf: (objective: Objective) => { id: Id | null; name: string; kind: GroupScore["kind"] } | null,
  cap: number,
): GroupScore[] {
  const groups = new Map<
    string,
    {
      id: Id | null;
      name: string;
      kind: GroupScore["kind"];
      entries: { weight: number; score: number | null }[];
    }
  >();
  for (const node of nodes) {
    if (!isCounted(node.objective)) continue;
    const key = keyOf(node.objective);
    if (!key) continue;
    const mapKey = `${key.kind}:${key.id ?? key.name}`;
    let group = groups.get(mapKey);
    if (!group) {
      group = { ...key, entries: [] };
      groups.set(mapKey, group);
    }
    const score = node.rollUp.score === null ? null : Math.min(node.rollUp.score, cap);
    group.entries.push({ weight: node.objective.weight, score });
  }
  return [...groups.values()]
    .map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      score: meanScore(g.entries),
      objectives: g.entries.length,
    }))
    .sort((a, b) => byText(a.name, b.name));
}

/** Reconstructs key results as they stood at `at`: each one's progress from its check-ins then. */
function keyResultsAt(
  keyResults: readonly KeyResult[],
  history: ReadonlyMap<Id, readonly CheckIn[]>,
  at: IsoDateTime,
): KeyResult[] {
  return keyResults.map((kr) => {
    const checkIns = history.get(kr.id);
    // Without any check-in the stored progress (an imported outcome) is all we know: hold it.
    if (!checkIns || checkIns.length === 0) return kr;
    let latest: CheckIn | undefined;
    for (const c of checkIns) {
      if (c.createdAt <= at) latest = c;
      else break;
    }
    return {
      ...kr,
      current: latest?.value ?? null,
      progress: latest?.progress ?? null,
      // Status "done" would make a milestone count as 1 before it was done.
      status: latest ? kr.status : null,
    };
  });
}

/** Every dashboard number for one period. */
export function computeDashboard(source: DashboardSource): DashboardData {
  const { period, objectives, keyResults, settings, now, staleDays } = source;
  const roots = buildTree(objectives, keyResults, settings);
  const allNodes: ObjectiveNode[] = [];
  forEachObjectiveNode(roots, (node) => allNodes.push(node));
  const company = rollUpCompany(roots, settings);

  const teamsById = new Map(source.teams.map((t) => [t.id, t]));
  const peopleById = new Map(source.people.map((p) => [p.id, p]));
  const cap = settings.rollUp.cap;
  const byTeam = groupScores(
    allNodes,
    (o) => {
      if (!o.owner || o.owner.id === null) return null;
      if (o.owner.kind === "team") {
        const team = teamsById.get(o.owner.id);
        return { id: o.owner.id, name: team?.name ?? o.owner.name, kind: "team" };
      }
      const teamId = peopleById.get(o.owner.id)?.teamId;
      const team = teamId ? teamsById.get(teamId) : undefined;
      return team ? { id: team.id, name: team.name, kind: "team" } : null;
    },
    cap,
  );
  const byOwner = groupScores(
    allNodes,
    (o) => (o.owner ? { id: o.owner.id, name: o.owner.name, kind: o.owner.kind } : null),
    cap,
  );

  const liveKrs = keyResults.filter(isCounted);
  const distribution = scoreDistribution(
    liveKrs.map((kr) => kr.progress),
    settings.sweetSpot,
  );

  const atRisk: AtRiskItem[] = liveKrs
    .filter((kr) => kr.health === "at_risk" || kr.health === "needs_attention")
    .map((kr) => ({
      id: kr.id,
      objectiveId: kr.objectiveId,
      title: kr.title,
      owner: kr.owner?.name ?? null,
      health: kr.health as Health,
      progress: kr.progress,
      lastCheckInAt: kr.lastCheckInAt,
      daysSince: daysSinceCheckIn(kr.lastCheckInAt, now),
    }))
    .sort((a, b) => (a.progress ?? 0) - (b.progress ?? 0) || byText(a.title, b.title));

  const staleBefore = new Date(now.getTime() - staleDays * DAY_MS).toISOString();
  // A closed period is graded: nothing in it waits for a check-in any more.
  const stale: StaleItem[] = (period.closedAt === null ? liveKrs : [])
    .filter((kr) => !FINISHED.has(kr.status ?? ""))
    .filter((kr) => kr.lastCheckInAt === null || kr.lastCheckInAt < staleBefore)
    .map((kr) => ({
      id: kr.id,
      objectiveId: kr.objectiveId,
      title: kr.title,
      owner: kr.owner?.name ?? null,
      lastCheckInAt: kr.lastCheckInAt,
      daysSince: daysSinceCheckIn(kr.lastCheckInAt, now),
    }))
    .sort(
      (a, b) => byCode(a.lastCheckInAt ?? "", b.lastCheckInAt ?? "") || byText(a.title, b.title),
    );

  return {
    periodId: period.id,
    company,
    byTeam,
    byOwner,
    distribution,
    atRisk,
    stale,
    staleDays,
    progressOverTime: computeProgressOverTime(source),
  };
}

/**
 * The company score week by week from the period's start to today (or its end): each point
 * rolls up the key results as their check-ins left them at the end of that week.
 */
export function computeProgressOverTime(source: DashboardSource): ScorePoint[] {
  const { period, objectives, keyResults, settings, now } = source;
  const today = now.toISOString().slice(0, 10);
  if (today < period.start) return [];
  // The earlier of today and the period's end (ISO dates sort as text).
  const lastDay = [today, period.end].sort()[0] as IsoDate;
  const history = new Map<Id, CheckIn[]>();
  for (const c of source.checkIns) {
    const list = history.get(c.keyResultId);
    if (list) list.push(c);
    else history.set(c.keyResultId, [c]);
  }
  for (const list of history.values()) list.sort((a, b) => byCode(a.createdAt, b.createdAt));

  const dates: IsoDate[] = [];
  for (let day = addDays(period.start, 6); day < lastDay; day = addDays(day, 7)) dates.push(day);
  dates.push(lastDay);
  return dates.map((date) => {
    const at = `${date}T23:59:59.999Z`;
    return {
      date,
      score: computeCompanyScore(objectives, keyResultsAt(keyResults, history, at), settings),
    };
  });
}
