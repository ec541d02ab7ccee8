/**
 * A synthetic organisation of any size, for benchmarks, load tests and trying the product at
 * scale: teams in a tree up to six levels deep (CEO → VP → director → senior manager → manager →
 * team), people with titles, quarters, objectives cascading under the key results above them,
 * key results of every kind, and check-ins over each quarter.
 *
 * Deterministic: the same options and seed give the same rows, ids included, on every machine.
 * Pure: it yields table rows and does no I/O; `write-organisation.ts` writes them in batches.
 * Large tables are yielded lazily, so two million check-ins never sit in memory at once.
 */
import { DEFAULT_CALENDAR, periodRangeOf } from "../core/fiscal-calendar.js";
import { progressOf } from "../core/progress.js";
import type { FiscalCalendar, Health, KeyResultKind, MetricUnit, Status } from "../core/types.js";
import type {
  CheckInsTable,
  KeyResultsTable,
  LinksTable,
  ObjectivesTable,
  PeopleTable,
  PeriodsTable,
  TeamsTable,
} from "../store/schema.js";
import { createRandom, createSyntheticIds, mixSeed, pick, shareOf } from "./random.js";
import {
  AREAS,
  FIRST_NAMES,
  LAST_NAMES,
  MEMBER_TITLES,
  OBJECTS,
  TEAM_WORDS,
  TITLE_AT_DEPTH,
  VERBS,
} from "./vocabulary.js";

export interface SyntheticOrgOptions {
  people: number;
  teams: number;
  quarters: number;
  /** Over all quarters. */
  objectives: number;
  /** Over all quarters. */
  keyResults: number;
  /** Over all key results. */
  checkIns: number;
  /** Default 1. */
  seed?: number;
  /** The year of the first quarter. Default 2024. */
  firstYear?: number;
  /** Default: calendar quarters (`2024-Q1`). */
  calendar?: FiscalCalendar;
}

export const DEFAULT_SYNTHETIC_ORG: SyntheticOrgOptions = {
  people: 500,
  teams: 100,
  quarters: 4,
  objectives: 2000,
  keyResults: 6000,
  checkIns: 60_000,
};

/** The deepest a team (and the cascade of objectives) goes: CEO → … → team. */
export const MAX_DEPTH = 6;

/** The rows of one quarter: its period, objectives, key results and links. */
export interface SyntheticQuarter {
  period: PeriodsTable;
  objectives: ObjectivesTable[];
  keyResults: KeyResultsTable[];
  links: LinksTable[];
}

export interface SyntheticOrg {
  options: Required<Omit<SyntheticOrgOptions, "calendar">> & { calendar: FiscalCalendar };
  teams: TeamsTable[];
  people: PeopleTable[];
  /** Each quarter built on demand. */
  quarters(): Generator<SyntheticQuarter>;
  /** The check-ins of one quarter's key results, oldest first per key result. */
  checkInsOf(quarter: SyntheticQuarter): Generator<CheckInsTable>;
}

// --- the organisation -----------------------------------------------------------------------

/** The smallest branching factor that fits `teams` teams within MAX_DEPTH levels. */
function branchingFor(teams: number): number {
  for (let b = 2; b < 1000; b++) {
    let total = 0;
    let level = 1;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      total += level;
      level *= b;
    }
    if (total >= teams) return b;
  }
  return 1000;
}

function depthOf(index: number, branching: number): number {
  let depth = 0;
  let first = 0;
  let width = 1;
  while (index >= first + width) {
    first += width;
    width *= branching;
    depth += 1;
  }
  return depth;
}

function quarterLabelsOf(
  calendar: FiscalCalendar,
  firstYear: number,
  quarters: number,
): ReturnType<typeof periodRangeOf>[] {
  const ranges = [];
  for (let i = 0; i < quarters; i++) {
    ranges.push(periodRangeOf(calendar, "quarter", firstYear + Math.floor(i / 4), (i % 4) + 1));
  }
  return ranges;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** A synthetic organisation for `options`: teams and people now, quarters and check-ins lazily. */
export function createSyntheticOrg(input: Partial<SyntheticOrgOptions> = {}): SyntheticOrg {
  const options = {
    ...DEFAULT_SYNTHETIC_ORG,
    seed: 1,
    firstYear: 2024,
    calendar: DEFAULT_CALENDAR,
    ...input,
  };
  for (const key of [
    "people",
    "teams",
    "quarters",
    "objectives",
    "keyResults",
    "checkIns",
  ] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${key} must be a whole number ≥ 0, got ${String(value)}`);
    }
  }
  const teamsCount = Math.max(1, options.teams);
  const random = createRandom(mixSeed(options.seed, 1));
  const newId = createSyntheticIds(options.seed);
  const ranges = quarterLabelsOf(options.calendar, options.firstYear, options.quarters);
  const createdMs = dayMs(ranges[0]?.start ?? `${options.firstYear}-01-01`) - 30 * 86_400_000;
  const created = isoOf(createdMs);

  // Teams: a complete tree, breadth first, so team i's parent is (i - 1) / branching.
  const branching = branchingFor(teamsCount);
  const teamDepth: number[] = [];
  const teamArea: string[] = [];
  const teams: TeamsTable[] = [];
  for (let i = 0; i < teamsCount; i++) {
    const depth = depthOf(i, branching);
    const parentIndex = i === 0 ? -1 : Math.floor((i - 1) / branching);
    const area =
      depth <= 1
        ? (AREAS[(i - 1 + AREAS.length) % AREAS.length] as string)
        : (teamArea[parentIndex] as string);
    teamDepth.push(depth);
    teamArea.push(area);
    const name =
      depth === 0
        ? "Company"
        : depth === 1
          ? i <= AREAS.length
            ? area
            : `${area} ${i}`
          : `${area} ${TEAM_WORDS[i % TEAM_WORDS.length]} ${i}`;
    teams.push({
      id: newId(createdMs),
      name,
      parent_id: parentIndex < 0 ? null : (teams[parentIndex]?.id ?? null),
      created_at: created,
    });
  }
  const teamsAtDepth: number[][] = [];
  for (let i = 0; i < teamsCount; i++) {
    const depth = teamDepth[i] as number;
    const atDepth = teamsAtDepth[depth] ?? [];
    atDepth.push(i);
    teamsAtDepth[depth] = atDepth;
  }

  // People: the first of each team leads it (the title says the level), the rest are members.
  const people: PeopleTable[] = [];
  const leadOfTeam: number[] = [];
  for (let i = 0; i < options.people; i++) {
    const teamIndex = i < teamsCount ? i : (i - teamsCount) % teamsCount;
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] as string;
    const round = Math.floor(i / (FIRST_NAMES.length * LAST_NAMES.length));
    const name = round === 0 ? `${first} ${last}` : `${first} ${last} ${round + 1}`;
    const isLead = i < teamsCount;
    const depth = teamDepth[teamIndex] as number;
    const title = isLead
      ? (TITLE_AT_DEPTH[Math.min(depth, TITLE_AT_DEPTH.length - 1)] as string).replace(
          "{area}",
          teamArea[teamIndex] as string,
        )
      : pick(random, MEMBER_TITLES);
    if (isLead) leadOfTeam[teamIndex] = i;
    people.push({
      id: newId(createdMs),
      name,
      email: `${first}.${last}${round === 0 ? "" : round + 1}.${i}@example.com`.toLowerCase(),
      title,
      team_id: teams[teamIndex]?.id ?? null,
      created_at: created,
    });
  }

  function ownerFor(
    teamIndex: number,
    r: () => number,
  ): Pick<ObjectivesTable, "owner_kind" | "owner_id" | "owner_name"> {
    const team = teams[teamIndex] as TeamsTable;
    const leadIndex = leadOfTeam[teamIndex];
    const lead = leadIndex === undefined ? undefined : people[leadIndex];
    const roll = r();
    if (lead && roll < 0.5)
      return { owner_kind: "person", owner_id: lead.id, owner_name: lead.name };
    if (roll < 0.8 || !lead)
      return { owner_kind: "team", owner_id: team.id, owner_name: team.name };
    return { owner_kind: "role", owner_id: null, owner_name: lead.title };
  }

  function* quarters(): Generator<SyntheticQuarter> {
    for (let q = 0; q < ranges.length; q++) {
      yield buildQuarter(q);
    }
  }

  function buildQuarter(q: number): SyntheticQuarter {
    const range = ranges[q] as (typeof ranges)[number];
    const r = createRandom(mixSeed(options.seed, 2, q));
    const ids = createSyntheticIds(mixSeed(options.seed, 3, q));
    const startMs = dayMs(range.start);
    const endMs = dayMs(range.end) + 86_400_000 - 1;
    const isLast = q === ranges.length - 1;
    const closedAt = isLast ? null : isoOf(endMs + 86_400_000);
    const periodCreated = isoOf(startMs - 14 * 86_400_000);
    const period: PeriodsTable = {
      id: ids(startMs - 14 * 86_400_000),
      label: range.label,
      kind: range.kind,
      start_date: range.start,
      end_date: range.end,
      closed_at: closedAt,
      created_at: periodCreated,
    };
    const objectiveCount = shareOf(options.objectives, options.quarters, q);
    const keyResultCount = shareOf(options.keyResults, options.quarters, q);
    const firstKeyResult = Math.floor((q * options.keyResults) / Math.max(1, options.quarters));

    // Levels of the cascade grow threefold: a handful of company objectives at the top.
    const levelSizes: number[] = [];
    let geometric = 0;
    for (let depth = 0; depth < MAX_DEPTH; depth++) geometric += 3 ** depth;
    const top = Math.max(1, Math.round(objectiveCount / geometric));
    let remaining = objectiveCount;
    for (let depth = 0; depth < MAX_DEPTH && remaining > 0; depth++) {
      const size = depth === MAX_DEPTH - 1 ? remaining : Math.min(remaining, top * 3 ** depth);
      levelSizes.push(size);
      remaining -= size;
    }

    const objectives: ObjectivesTable[] = [];
    const keyResults: KeyResultsTable[] = [];
    const links: LinksTable[] = [];
    const objectiveLevel: number[] = [];
    const levelStart: number[] = [];
    const keyResultsOf: number[][] = [];
    let index = 0;
    for (let depth = 0; depth < levelSizes.length; depth++) {
      levelStart[depth] = index;
      const size = levelSizes[depth] as number;
      const teamChoices = teamsAtDepth[Math.min(depth, teamsAtDepth.length - 1)] ?? [0];
      for (let k = 0; k < size; k++, index++) {
        objectiveLevel.push(depth);
        let parentObjectiveId: string | null = null;
        let parentKeyResultId: string | null = null;
        if (depth > 0) {
          const parentStart = levelStart[depth - 1] as number;
          const parentSize = levelSizes[depth - 1] as number;
          const parent = parentStart + Math.floor((k * parentSize) / size);
          const parentKeyResults = keyResultsOf[parent] ?? [];
          if (parentKeyResults.length > 0 && r() < 0.7) {
            parentKeyResultId = keyResults[pick(r, parentKeyResults)]?.id ?? null;
          } else {
            parentObjectiveId = objectives[parent]?.id ?? null;
          }
        }
        const teamIndex = teamChoices[k % teamChoices.length] as number;
        const createdAt = startMs - 7 * 86_400_000 + index * 10;
        const objective: ObjectivesTable = {
          id: ids(createdAt),
          period_id: period.id,
          title: `${pick(r, VERBS)} ${pick(r, OBJECTS)} for ${teams[teamIndex]?.name ?? "the company"}`,
          ...ownerFor(teamIndex, r),
          weight: 1,
          status: null,
          outcome: null,
          position: k,
          archived: 0,
          carried_from_id: null,
          carried_to_id: null,
          version: 1,
          created_at: isoOf(createdAt),
          updated_at: isoOf(createdAt),
          source_key: null,
          source_line: null,
          parent_objective_id: parentObjectiveId,
          parent_key_result_id: parentKeyResultId,
          confidential: r() < 0.03 ? 1 : 0,
        };
        objectives.push(objective);
        // This objective's key results, made now so the next level can align under them.
        const krCount = shareOf(keyResultCount, objectiveCount, index);
        const mine: number[] = [];
        for (let j = 0; j < krCount; j++) {
          const krIndex = keyResults.length;
          const globalIndex = firstKeyResult + krIndex;
          const kr = buildKeyResult(
            r,
            ids,
            period,
            objective,
            j,
            globalIndex,
            closedAt !== null,
            startMs,
            endMs,
          );
          mine.push(krIndex);
          keyResults.push(kr);
          if (r() < 0.1) {
            links.push({
              id: ids(createdAt),
              period_id: period.id,
              objective_id: null,
              key_result_id: kr.id,
              kind: "issue",
              text: `#${1000 + globalIndex}`,
              url: `https://gitlab.example.com/company/product/-/issues/${1000 + globalIndex}`,
              position: 0,
            });
          }
        }
        keyResultsOf.push(mine);
      }
    }
    return { period, objectives, keyResults, links };
  }

  interface KeyResultShape {
    kind: KeyResultKind;
    unit: MetricUnit | null;
    start: number | null;
    target: number | null;
    direction: "above" | "below" | null;
  }

  function shapeOf(globalIndex: number): KeyResultShape {
    const r = createRandom(mixSeed(options.seed, 4, globalIndex));
    const roll = r();
    if (roll < 0.6) {
      const start = Math.round(r() * 100);
      const up = r() < 0.75;
      const span = 5 + Math.round(r() * 100);
      return {
        kind: "metric",
        unit: pick(r, ["count", "percent", "currency", "duration", "ratio"] as const),
        start,
        target: up
          ? start + span
          : Math.max(0, start - span) === start
            ? start + span
            : Math.max(0, start - span),
        direction: null,
      };
    }
    if (roll < 0.75)
      return { kind: "percentage", unit: null, start: null, target: null, direction: null };
    if (roll < 0.9)
      return { kind: "milestone", unit: null, start: null, target: null, direction: null };
    return {
      kind: "threshold",
      unit: "percent",
      start: null,
      target: 90 + Math.round(r() * 9),
      direction: r() < 0.7 ? "above" : "below",
    };
  }

  /** The values a key result is checked in at, oldest first: a noisy walk towards the target. */
  function valuesOf(shape: KeyResultShape, globalIndex: number, count: number): number[] {
    const r = createRandom(mixSeed(options.seed, 5, globalIndex));
    const ambition = 0.3 + r() * 1.0; // where it ends: 30%–130% of the way
    const values: number[] = [];
    for (let i = 0; i < count; i++) {
      const along = ((i + 1) / count) * ambition + (r() - 0.5) * 0.1;
      switch (shape.kind) {
        case "metric": {
          const start = shape.start as number;
          const target = shape.target as number;
          values.push(Math.round((start + (target - start) * Math.max(0, along)) * 10) / 10);
          break;
        }
        case "percentage":
          values.push(Math.round(Math.max(0, along) * 100));
          break;
        case "milestone":
          values.push(along >= 1 ? 1 : 0);
          break;
        case "threshold": {
          const target = shape.target as number;
          const wobble = (r() - 0.4) * 8;
          values.push(
            Math.round((shape.direction === "above" ? target + wobble : target - wobble) * 10) / 10,
          );
          break;
        }
      }
    }
    return values;
  }

  function checkInCountOf(globalIndex: number): number {
    return shareOf(options.checkIns, options.keyResults, globalIndex);
  }

  function progressAt(shape: KeyResultShape, value: number): number | null {
    const input = { ...shape, current: value, progress: null, status: null as Status | null };
    return progressOf(input, value);
  }

  function healthOf(progress: number | null, elapsed: number): Health {
    const p = progress ?? 0;
    if (p >= elapsed * 0.8) return "on_track";
    if (p >= elapsed * 0.5) return "needs_attention";
    return "at_risk";
  }

  function buildKeyResult(
    r: () => number,
    ids: (at: number) => string,
    period: PeriodsTable,
    objective: ObjectivesTable,
    position: number,
    globalIndex: number,
    closed: boolean,
    startMs: number,
    endMs: number,
  ): KeyResultsTable {
    const shape = shapeOf(globalIndex);
    const count = checkInCountOf(globalIndex);
    const values = valuesOf(shape, globalIndex, count);
    const last = values[values.length - 1];
    const progress = last === undefined ? null : progressAt(shape, last);
    const lastAt = count === 0 ? null : checkInTimeOf(startMs, endMs, count - 1, count);
    const status: Status | null = closed
      ? (progress ?? 0) >= 0.7
        ? "done"
        : "missed"
      : count === 0
        ? "not_started"
        : "in_progress";
    const createdAt = Date.parse(objective.created_at) + position + 1;
    const title =
      shape.kind === "metric"
        ? `${pick(r, VERBS)} ${pick(r, OBJECTS)} from ${shape.start} to ${shape.target}`
        : shape.kind === "threshold"
          ? `Keep ${pick(r, OBJECTS)} ${shape.direction} ${shape.target}%`
          : shape.kind === "milestone"
            ? `${pick(r, VERBS)} ${pick(r, OBJECTS)} (milestone)`
            : `${pick(r, VERBS)} ${pick(r, OBJECTS)}`;
    return {
      id: ids(createdAt),
      period_id: period.id,
      title,
      owner_kind: objective.owner_kind,
      owner_id: objective.owner_id,
      owner_name: objective.owner_name,
      weight: r() < 0.1 ? 2 : 1,
      status,
      outcome: null,
      position,
      archived: 0,
      carried_from_id: null,
      carried_to_id: null,
      version: 1,
      created_at: isoOf(createdAt),
      updated_at: lastAt ?? isoOf(createdAt),
      source_key: null,
      source_line: null,
      objective_id: objective.id,
      kind: shape.kind,
      unit: shape.unit,
      start_value: shape.start,
      target_value: shape.target,
      direction: shape.direction,
      target_confidential: r() < 0.05 ? 1 : 0,
      current_value: shape.kind === "percentage" ? null : (last ?? null),
      progress,
      health: count === 0 ? null : healthOf(progress, 1),
      confidence: count === 0 ? null : Math.round(r() * 10),
      last_check_in_at: lastAt,
    };
  }

  function checkInTimeOf(startMs: number, endMs: number, i: number, count: number): string {
    const span = endMs - startMs;
    return isoOf(startMs + Math.floor(((i + 1) / (count + 1)) * span));
  }

  function* checkInsOf(quarter: SyntheticQuarter): Generator<CheckInsTable> {
    const q = ranges.findIndex((range) => range.label === quarter.period.label);
    const firstKeyResult = Math.floor(
      (Math.max(0, q) * options.keyResults) / Math.max(1, options.quarters),
    );
    const startMs = dayMs(quarter.period.start_date);
    const endMs = dayMs(quarter.period.end_date) + 86_400_000 - 1;
    const ids = createSyntheticIds(mixSeed(options.seed, 6, q));
    for (let k = 0; k < quarter.keyResults.length; k++) {
      const kr = quarter.keyResults[k] as KeyResultsTable;
      const globalIndex = firstKeyResult + k;
      const shape = shapeOf(globalIndex);
      const count = checkInCountOf(globalIndex);
      const values = valuesOf(shape, globalIndex, count);
      const r = createRandom(mixSeed(options.seed, 7, globalIndex));
      const author = kr.owner_kind === "person" ? kr.owner_id : null;
      for (let i = 0; i < count; i++) {
        const value = values[i] as number;
        const progress = progressAt(shape, value);
        const at = checkInTimeOf(startMs, endMs, i, count);
        const last = i === count - 1;
        yield {
          id: ids(Date.parse(at)),
          key_result_id: kr.id,
          value: shape.kind === "percentage" ? null : value,
          progress: last ? kr.progress : progress,
          health: last ? kr.health : healthOf(progress, (i + 1) / count),
          confidence: last ? kr.confidence : Math.round(r() * 10),
          note:
            r() < 0.3
              ? `Week ${i + 1}: ${pick(r, ["on plan", "blocked on review", "hiring delayed", "shipped the first part", "waiting for data"])}`
              : "",
          author_id: null,
          author_name: author === null ? kr.owner_name : kr.owner_name,
          created_at: at,
        };
      }
    }
  }

  return {
    options: { ...options },
    teams,
    people,
    quarters,
    checkInsOf,
  };
}
