/**
 * The period dashboard. What the roll-up decides (company score, scores by team and owner,
 * progress over time, the key-result score distribution) is computed from the period's items
 * once per period version and reader class and kept in the answer cache; the database pages
 * the at-risk and stale lists, with their totals. Only progress and health leave here, never a
 * key result's values, and titles as the tree shows them, so confidential targets stay hidden.
 */

import { keepNewest } from "../core/collections.js";
import { type ScoreDistribution, scoreDistribution } from "../core/distribution.js";
import { progressForRollUp } from "../core/roll-up.js";
import { forEachObjectiveNode, type ObjectiveNode } from "../core/tree.js";
import type { Health, Id, IsoDateTime } from "../core/types.js";
import { type KeyResultListRow, listAtRiskKeyResults } from "../store/dashboard.repository.js";
import {
  type CompanyScore,
  computeDashboardScores,
  type DashboardScores,
  type GroupScore,
  type ScorePoint,
} from "./dashboard-data.js";
import { type KeptPoints, progressOverTimeOf } from "./dashboard-progress.js";
import { staleKeyResultsAt } from "./dashboard-stale.js";
import { visibleRolledUpTree } from "./dashboard-tree.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { periodModelAt } from "./period-model.js";
import { isInsider } from "./permissions.js";
import { cachedReadAt, readVersionOfPeriod, visibilityClassOf } from "./read-cache.js";
import { DashboardInputSchema, DashboardListInputSchema, IdSchema } from "./schemas.js";
import { visibleItemsOf } from "./tree.js";
import { hiddenTextOf } from "./visibility.js";

export type { CompanyScore, GroupScore, ScorePoint } from "./dashboard-data.js";

/** One page of a dashboard list; `nextOffset` asks for the next, null at the end. */
export interface DashboardPage<T> {
  items: T[];
  total: number;
  offset: number;
  nextOffset: number | null;
}

/** A key result in the at-risk or stale list. */
export interface DashboardKeyResult {
  id: Id;
  objectiveId: Id;
  title: string;
  owner: string | null;
  health: Health | null;
  /** Null: no progress yet (not scored). */
  progress: number | null;
  lastCheckInAt: IsoDateTime | null;
  /** Whole days since the last check-in; null when there never was one. */
  daysSince: number | null;
}

export interface DashboardData {
  periodId: Id;
  company: CompanyScore;
  byTeam: DashboardPage<GroupScore>;
  byOwner: DashboardPage<GroupScore>;
  /** Key-result scores in buckets; `unscored` says how many have no progress yet. */
  distribution: ScoreDistribution;
  atRisk: DashboardPage<DashboardKeyResult>;
  stale: DashboardPage<DashboardKeyResult>;
  staleDays: number;
  progressOverTime: ScorePoint[];
}

export const DASHBOARD_LISTS = ["atRisk", "stale", "byTeam", "byOwner"] as const;
export type DashboardList = (typeof DASHBOARD_LISTS)[number];

const DAY_MS = 86_400_000;

interface CachedDashboard {
  scores: DashboardScores;
  distribution: ScoreDistribution;
}

/**
 * The distribution of the key results in the reader's tree that are not cancelled, each at
 * the progress the roll-up counts for it (`progressForRollUp`: a key result marked done with
 * no number is 100% here as in its objective's score).
 */
function distributionOf(roots: readonly ObjectiveNode[], sweetSpot: number): ScoreDistribution {
  const scores: (number | null)[] = [];
  forEachObjectiveNode(roots, (node) => {
    for (const { keyResult } of node.keyResults) {
      if (keyResult.status !== "cancelled") scores.push(progressForRollUp(keyResult));
    }
  });
  return scoreDistribution(scores, sweetSpot);
}

/** Progress over time per period, reader class and day, with the model it was computed from. */
const keptProgress = new WeakMap<object, Map<string, KeptPoints>>();

function keptProgressOf(deps: AppDeps): Map<string, KeptPoints> {
  let kept = keptProgress.get(deps.db);
  if (!kept) {
    kept = new Map();
    keptProgress.set(deps.db, kept);
  }
  return kept;
}

/** The scores and distribution of a period as `actor`'s class sees them, cached per version. */
function loadDashboardScores(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  version: string,
): Promise<CachedDashboard> {
  const now = deps.now();
  // Progress over time ends today: the day is part of the key.
  const today = now.toISOString().slice(0, 10);
  const key = `dashboard:${periodId}:${visibilityClassOf(actor)}:${today}`;
  return cachedReadAt(
    deps,
    version,
    key,
    async () => {
      const model = await periodModelAt(deps, periodId, version);
      const items = visibleItemsOf(model, actor);
      const kept = keptProgressOf(deps);
      const before = kept.get(key);
      const roots = visibleRolledUpTree(deps, model, actor, items);
      let progressOverTime: ScorePoint[] = [];
      const scores = computeDashboardScores(
        {
          objectives: items.objectives,
          keyResults: items.keyResults,
          people: model.people,
          teams: model.teams,
          settings: model.settings,
        },
        (companyScore) => {
          progressOverTime = progressOverTimeOf(model, items, now, before, companyScore);
          return progressOverTime;
        },
        roots,
      );
      // A few periods, two classes, a day each: keep the latest sixteen.
      keepNewest(kept, key, { model, points: progressOverTime }, 16);
      return { scores, distribution: distributionOf(roots, model.settings.sweetSpot) };
    },
    (cached) => 4096 + 160 * (cached.scores.byTeam.length + cached.scores.byOwner.length),
  );
}

/** The settings as of the period's read version: kept with its model, no query between writes. */
async function settingsAt(deps: AppDeps, periodId: Id, version: string) {
  return (await periodModelAt(deps, periodId, version)).settings;
}

function pageOf<T>(items: T[], total: number, offset: number): DashboardPage<T> {
  const end = offset + items.length;
  return { items, total, offset, nextOffset: end < total ? end : null };
}

function slicePage<T>(all: readonly T[], offset: number, limit: number): DashboardPage<T> {
  return pageOf(all.slice(offset, offset + limit), all.length, offset);
}

/**
 * A listed key result as `actor` may see it: a hidden target's figures leave its title, and
 * its progress is the one its objective counts, as every face shows it (decisions/0064).
 */
function listedKeyResult(actor: Actor, row: KeyResultListRow, now: Date): DashboardKeyResult {
  const hidden = row.targetConfidential && !isInsider(actor);
  return {
    id: row.id,
    objectiveId: row.objectiveId,
    title: hidden ? hiddenTextOf({ ...row, outcome: null, status: null }).title : row.title,
    owner: row.owner,
    health: row.health as Health | null,
    progress: progressForRollUp(row),
    lastCheckInAt: row.lastCheckInAt,
    daysSince:
      row.lastCheckInAt === null
        ? null
        : Math.floor((now.getTime() - Date.parse(row.lastCheckInAt)) / DAY_MS),
  };
}

function keyResultsPage(
  actor: Actor,
  found: { rows: KeyResultListRow[]; total: number },
  offset: number,
  now: Date,
): DashboardPage<DashboardKeyResult> {
  const items = found.rows.map((row) => listedKeyResult(actor, row, now));
  return pageOf(items, found.total, offset);
}

async function readKeyResultList(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  list: "atRisk" | "stale",
  page: { offset: number; limit: number; staleDays: number },
  version: string,
): Promise<DashboardPage<DashboardKeyResult>> {
  const now = deps.now();
  const scope = { periodId, insider: isInsider(actor) };
  // At risk depends on the stored key results alone (days since is counted below): kept per
  // version. Stale depends on the clock too: kept until a key result crosses the threshold.
  const atRiskKey = `at-risk:${periodId}:${visibilityClassOf(actor)}:${page.offset}:${page.limit}`;
  const found =
    list === "atRisk"
      ? await cachedReadAt(
          deps,
          version,
          atRiskKey,
          () => listAtRiskKeyResults(deps.db, scope, page),
          (rows) => 512 + 256 * rows.rows.length,
        )
      : await staleKeyResultsAt(
          deps,
          scope,
          version,
          await periodModelAt(deps, periodId, version),
          new Date(now.getTime() - page.staleDays * DAY_MS).toISOString(),
          page,
        );
  return keyResultsPage(actor, found, page.offset, now);
}

/**
 * Every dashboard figure of a period over the items the actor may see, each list's first
 * page (`limit`, default 20) with its total. `getDashboardList` reads the further pages.
 */
export async function getDashboard(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  input: unknown = {},
): Promise<DashboardData> {
  const id = parseInput(IdSchema, periodId);
  const query = parseInput(DashboardInputSchema, input);
  const { limit } = query;
  // One read of the write counters for every part of the answer.
  const version = await readVersionOfPeriod(deps, id);
  const staleDays = query.staleDays ?? (await settingsAt(deps, id, version)).staleDays;
  const { scores, distribution } = await loadDashboardScores(deps, actor, id, version);
  const page = { offset: 0, limit, staleDays };
  const [atRisk, stale] = await Promise.all([
    readKeyResultList(deps, actor, id, "atRisk", page, version),
    readKeyResultList(deps, actor, id, "stale", page, version),
  ]);
  return {
    periodId: id,
    company: scores.company,
    byTeam: slicePage(scores.byTeam, 0, limit),
    byOwner: slicePage(scores.byOwner, 0, limit),
    distribution,
    atRisk,
    stale,
    staleDays,
    progressOverTime: scores.progressOverTime,
  };
}

/** One page of one dashboard list: `atRisk`, `stale`, `byTeam` or `byOwner`. */
export async function getDashboardList(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  list: DashboardList,
  input: unknown = {},
): Promise<DashboardPage<DashboardKeyResult> | DashboardPage<GroupScore>> {
  const id = parseInput(IdSchema, periodId);
  const query = parseInput(DashboardListInputSchema, input);
  // The scores also check that the period exists and settle the reader's view of it.
  const version = await readVersionOfPeriod(deps, id);
  const page = {
    ...query,
    staleDays: query.staleDays ?? (await settingsAt(deps, id, version)).staleDays,
  };
  const { scores } = await loadDashboardScores(deps, actor, id, version);
  if (list === "byTeam") return slicePage(scores.byTeam, page.offset, page.limit);
  if (list === "byOwner") return slicePage(scores.byOwner, page.offset, page.limit);
  return readKeyResultList(deps, actor, id, list, page, version);
}
