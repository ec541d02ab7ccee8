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
import { DEFAULT_CALENDAR } from "../core/fiscal-calendar.js";
import { nameKey } from "../core/name-key.js";
import type { FiscalCalendar } from "../core/types.js";
import type { PeopleTable, TeamsTable } from "../store/schema-accounts.js";
import type {
  CheckInsTable,
  KeyResultsTable,
  LinksTable,
  ObjectivesTable,
  PeriodsTable,
} from "../store/schema-items.js";
import {
  buildKeyResult,
  checkInCountOf,
  checkInTimeOf,
  healthOf,
  isoOf,
  progressAt,
  shapeOf,
  valuesOf,
} from "./key-results.js";
import { createRandom, createSyntheticIds, mixSeed, pick, shareOf } from "./random.js";
import { branchingFor, dayMs, depthOf, quarterLabelsOf } from "./shape.js";
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
  const branching = branchingFor(teamsCount, MAX_DEPTH);
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
      name_key: nameKey(name),
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
      name_key: nameKey(name),
      email: `${first}.${last}${round === 0 ? "" : round + 1}.${i}@example.com`.toLowerCase(),
      title,
      title_key: nameKey(title),
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
            options,
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
      const shape = shapeOf(options.seed, globalIndex);
      const count = checkInCountOf(options, globalIndex);
      const values = valuesOf(options.seed, shape, globalIndex, count);
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
