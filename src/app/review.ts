/**
 * The quarterly review, instead of slides: one screen per top-level objective (score, its
 * trend week by week, key results with their last check-in notes, what is at risk) and a
 * closing screen (the distribution against the sweet spot, the retrospectives). The web app's
 * review mode shows it; the PDF is printed from that same page. Everything is read as `actor`
 * may see it: the tree's visibility, the dashboard's figures.
 */
import type { ScoreDistribution } from "../core/distribution.js";
import { buildTree, type ObjectiveNode } from "../core/tree.js";
import type {
  CheckIn,
  GradingBand,
  Health,
  Id,
  IsoDateTime,
  KeyResult,
  Objective,
  Period,
  Status,
} from "../core/types.js";
import { listCheckInsByPeriod } from "../store/check-ins.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { listRetrospectives } from "../store/retrospectives.repository.js";
import { getDashboard } from "./dashboard.js";
import { computeProgressOverTime, type ScorePoint } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { IdSchema } from "./schemas.js";
import { loadSettings } from "./settings.js";
import { loadVisiblePeriodItems } from "./tree.js";
import { presentKeyResult } from "./visibility.js";

export interface ReviewCheckIn {
  at: IsoDateTime;
  note: string;
  author: string | null;
  health: Health | null;
  progress: number | null;
}

export interface ReviewKeyResult {
  id: Id;
  /** The objective it belongs to (itself, or one aligned beneath). */
  objectiveTitle: string;
  title: string;
  owner: string | null;
  progress: number | null;
  health: Health | null;
  status: Status | null;
  /** The last check-in that has a note, or null. */
  lastNote: ReviewCheckIn | null;
}

export interface ReviewObjective {
  id: Id;
  title: string;
  owner: string | null;
  /** Null: not scored yet. */
  score: number | null;
  capped: boolean;
  status: Status | null;
  /** Its score at the end of each week so far. */
  trend: ScorePoint[];
  /** Its own key results. */
  keyResults: ReviewKeyResult[];
  /** Objectives aligned beneath it, at any depth. */
  alignedCount: number;
  /**
   * Key results under it (its own and aligned ones'), not cancelled, whose health is at risk or
   * needs attention.
   */
  atRisk: ReviewKeyResult[];
  /** Presenter notes: the check-in notes under it, newest first (at most 12). */
  notes: (ReviewCheckIn & { keyResult: string })[];
}

export interface Review {
  period: Period;
  company: { score: number | null; capped: boolean; trend: ScorePoint[] };
  sweetSpot: number;
  grading: GradingBand[];
  objectives: ReviewObjective[];
  distribution: ScoreDistribution;
  retrospectives: { team: string; good: string[]; bad: string[]; try: string[] }[];
}

const NOTES_PER_OBJECTIVE = 12;

/** Every objective and key result under `root`, itself included. */
function subtreeOf(root: ObjectiveNode): { objectives: Objective[]; keyResults: KeyResult[] } {
  const objectives: Objective[] = [];
  const keyResults: KeyResult[] = [];
  const stack: ObjectiveNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ObjectiveNode;
    objectives.push(node.objective);
    stack.push(...node.children);
    for (const kr of node.keyResults) {
      keyResults.push(kr.keyResult);
      stack.push(...kr.children);
    }
  }
  return { objectives, keyResults };
}

/**
 * The objectives of a subtree as its trend rolls them up: the whole line is the root's own
 * score, so the root counts in full there, whatever its weight or status in the company score
 * (a weight of 0 or "cancelled" leaves it out of that, not out of its own).
 */
function countedInFull(objectives: Objective[], root: Objective): Objective[] {
  if (root.weight > 0 && root.status !== "cancelled") return objectives;
  const status = root.status === "cancelled" ? null : root.status;
  const full: Objective = { ...root, weight: 1, status };
  return objectives.map((o) => (o === root ? full : o));
}

function reviewCheckIn(c: CheckIn): ReviewCheckIn {
  return {
    at: c.createdAt,
    note: c.note,
    author: c.authorName,
    health: c.health,
    progress: c.progress,
  };
}

/** The review of a period as `actor` may see it. */
export async function getReview(deps: AppDeps, actor: Actor, periodId: Id): Promise<Review> {
  const id = parseInput(IdSchema, periodId);
  const [period, settings, items, checkIns, dashboard, retrospectives] = await Promise.all([
    getPeriod(deps.db, id),
    loadSettings(deps.db),
    loadVisiblePeriodItems(deps.db, actor, id),
    listCheckInsByPeriod(deps.db, id),
    getDashboard(deps, actor, id, { limit: 1 }),
    listRetrospectives(deps.db, id),
  ]);
  const now = deps.now();
  const roots = buildTree(items.objectives, items.keyResults, settings);
  const visible = new Set(items.keyResults.map((kr) => kr.id));
  const history = new Map<Id, CheckIn[]>();
  for (const c of checkIns) {
    if (!visible.has(c.keyResultId)) continue;
    const list = history.get(c.keyResultId);
    if (list) list.push(c);
    else history.set(c.keyResultId, [c]);
  }
  const objectiveTitles = new Map(items.objectives.map((o) => [o.id, o.title]));

  const reviewKeyResult = (kr: KeyResult): ReviewKeyResult => {
    const shown = presentKeyResult(actor, kr);
    const noted = (history.get(kr.id) ?? []).filter((c) => c.note.trim() !== "");
    const last = noted[noted.length - 1];
    return {
      id: kr.id,
      objectiveTitle: objectiveTitles.get(kr.objectiveId) ?? "",
      title: shown.title,
      owner: kr.owner?.name ?? null,
      // As every face shows it: the progress its objective counts (decisions/0064).
      progress: shown.progress,
      health: kr.health,
      status: kr.status,
      lastNote: last ? reviewCheckIn(last) : null,
    };
  };

  const objectives = roots
    .filter((node) => !node.objective.archived)
    .map((node): ReviewObjective => {
      const subtree = subtreeOf(node);
      const subtreeCheckIns = subtree.keyResults.flatMap((kr) => history.get(kr.id) ?? []);
      const trend = computeProgressOverTime({
        period,
        objectives: countedInFull(subtree.objectives, node.objective),
        keyResults: subtree.keyResults,
        checkIns: subtreeCheckIns,
        people: [],
        teams: [],
        settings,
        now,
      });
      const titleOf = new Map(subtree.keyResults.map((kr) => [kr.id, reviewKeyResult(kr).title]));
      const notes = subtreeCheckIns
        .filter((c) => c.note.trim() !== "")
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .slice(0, NOTES_PER_OBJECTIVE)
        .map((c) => ({ ...reviewCheckIn(c), keyResult: titleOf.get(c.keyResultId) ?? "" }));
      return {
        id: node.objective.id,
        title: node.objective.title,
        owner: node.objective.owner?.name ?? null,
        score: node.rollUp.score,
        capped: node.rollUp.capped,
        status: node.objective.status,
        trend,
        keyResults: node.keyResults.map((kr) => reviewKeyResult(kr.keyResult)),
        alignedCount: subtree.objectives.length - 1,
        atRisk: subtree.keyResults
          // As the dashboard's at-risk list: a dropped (cancelled) key result is at risk no more.
          .filter(
            (kr) =>
              !kr.archived &&
              kr.status !== "cancelled" &&
              (kr.health === "at_risk" || kr.health === "needs_attention"),
          )
          .sort((a, b) => (a.health === "at_risk" ? 0 : 1) - (b.health === "at_risk" ? 0 : 1))
          .map(reviewKeyResult),
        notes,
      };
    });

  return {
    period,
    company: {
      score: dashboard.company.score,
      capped: dashboard.company.capped,
      trend: dashboard.progressOverTime,
    },
    sweetSpot: settings.sweetSpot,
    grading: settings.grading,
    objectives,
    distribution: dashboard.distribution,
    retrospectives: retrospectives.map((r) => ({
      team: r.team,
      good: r.good,
      bad: r.bad,
      try: r.try,
    })),
  };
}
