/**
 * The example company, loaded into an empty workspace: three quarters of Fernhill's OKRs (two
 * closed, one current) imported from handbook pages, their teams and people, weekly check-in
 * histories, the grading at close and one key result carried over. Everything is relative to
 * `now` and the workspace's fiscal calendar, and deterministic for a given `now`.
 *
 * The whole load is one transaction: it lands completely or not at all, so a failed first
 * start leaves an empty database that the next start fills again.
 */
import { OkrError } from "../core/errors.js";
import { addDays } from "../core/fiscal-calendar.js";
import type {
  FiscalCalendar,
  Id,
  IsoDate,
  IsoDateTime,
  KeyResult,
  Objective,
  PeriodRange,
} from "../core/types.js";
import {
  CARRY_OVER,
  CHECK_IN_PLANS,
  type CheckInPlan,
  type ExampleQuarter,
} from "../example-data/check-ins.js";
import { PEOPLE, personForOwner, TEAMS } from "../example-data/company.js";
import { examplePages } from "../example-data/pages.js";
import { withTransaction } from "../store/db.js";
import * as store from "../store/key-results.repository.js";
import { findPersonByName } from "../store/people.repository.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { findTeamByName } from "../store/teams.repository.js";
import { hasWorkspaceContent } from "../store/workspace.repository.js";
import { at, writeCheckInHistory } from "../synthetic/example-check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { importMarkdown } from "./import.js";
import { updateKeyResult } from "./key-results.js";
import { createPerson, createTeam } from "./people.js";
import { closePeriod, createPeriod, findPeriodByLabel } from "./periods.js";
import { loadSettings } from "./settings.js";

export interface LoadExampleDataOptions {
  /** The day the example data is loaded on: its quarter is the current one. */
  now: Date;
}

export interface ExamplePeriodSummary {
  label: string;
  start: IsoDate;
  end: IsoDate;
  closed: boolean;
  objectives: number;
  keyResults: number;
  checkIns: number;
}

export interface ExampleDataSummary {
  /** Oldest first. */
  periods: ExamplePeriodSummary[];
  teams: number;
  people: number;
  checkIns: number;
  /** "Title (2026-Q3 -> 2026-Q4)", or null when the link could not be made. */
  carriedOver: string | null;
  /** Check-in plans whose key result was not found on the imported page (should be none). */
  unmatched: string[];
}

/**
 * Whether the workspace holds no OKR content yet (no periods, items, people or teams), so
 * the first start may load the example company. Users and settings do not count: an admin
 * may exist before anything else.
 */
export async function isDatabaseEmpty(deps: Pick<AppDeps, "db">): Promise<boolean> {
  return !(await hasWorkspaceContent(deps.db));
}

function isoDay(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/**
 * Deps whose clock reads `time`: what is written carries the time it happened in the story.
 * Never later than the real `now` (loading on a quarter's first morning must not write the
 * future).
 */
function depsAt(deps: AppDeps, time: IsoDateTime): AppDeps {
  const real = deps.now().getTime();
  const fixed = Math.min(new Date(time).getTime(), real);
  return { ...deps, now: () => new Date(fixed) };
}

/** Lowercase, markup and extra spaces gone: how plans find their key result by title. */
function normalized(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

function findPlanned(keyResults: readonly KeyResult[], match: string): KeyResult | undefined {
  const wanted = normalized(match);
  return keyResults.find((kr) => normalized(kr.title).includes(wanted));
}

async function ensureTeamsAndPeople(
  deps: AppDeps,
): Promise<{ teams: number; people: number; personIds: Map<string, Id> }> {
  const teamIds = new Map<string, Id>();
  let teams = 0;
  for (const team of TEAMS) {
    const existing = await findTeamByName(deps.db, team.name);
    if (existing) {
      teamIds.set(team.name, existing.id);
      continue;
    }
    const parentId = team.parent === null ? null : (teamIds.get(team.parent) ?? null);
    const created = await createTeam(deps, SYSTEM_ACTOR, { name: team.name, parentId });
    teamIds.set(team.name, created.id);
    teams++;
  }
  const personIds = new Map<string, Id>();
  let people = 0;
  for (const person of PEOPLE) {
    const existing = await findPersonByName(deps.db, person.name);
    if (existing) {
      personIds.set(person.name, existing.id);
      continue;
    }
    const created = await createPerson(deps, SYSTEM_ACTOR, {
      name: person.name,
      email: person.email,
      title: person.title,
      teamId: teamIds.get(person.team) ?? null,
    });
    personIds.set(person.name, created.id);
    people++;
  }
  return { teams, people, personIds };
}

/** Who checks in on a key result: the plan's author, else the owner of the line or its objective. */
function authorOf(
  plan: CheckInPlan,
  kr: KeyResult,
  objectives: ReadonlyMap<Id, Objective>,
): string {
  if (plan.author) return plan.author;
  const owner = kr.owner?.name ?? objectives.get(kr.objectiveId)?.owner?.name ?? null;
  return personForOwner(owner)?.name ?? "Maren Holt";
}

interface PeriodContext {
  quarter: ExampleQuarter;
  range: PeriodRange;
  periodId: Id;
}

async function applyPlan(
  deps: AppDeps,
  plan: CheckInPlan,
  planIndex: number,
  kr: KeyResult,
  context: PeriodContext,
  author: { name: string; id: Id | null },
  now: Date,
): Promise<number> {
  // Say what the key result measures, as someone setting up the quarter would.
  const measuredAt = at(context.range.start, 9, 30);
  await updateKeyResult(depsAt(deps, measuredAt), SYSTEM_ACTOR, kr.id, {
    version: kr.version,
    kind: plan.kind,
    unit: plan.unit,
    start: plan.start,
    target: plan.target,
    direction: plan.direction ?? null,
    targetConfidential: plan.targetConfidential ?? kr.targetConfidential,
  });
  return writeCheckInHistory({
    db: deps.db,
    newId: deps.newId,
    plan,
    planIndex,
    keyResult: await store.getKeyResult(deps.db, kr.id),
    range: context.range,
    authorName: author.name,
    now,
  });
}

/**
 * Loads the example company into the workspace: the quarter containing `now` and the two
 * before it, in the workspace's fiscal calendar. Refuses (`conflict`) when one of those
 * periods already exists.
 */
export async function loadExampleData(
  deps: AppDeps,
  options: LoadExampleDataOptions,
): Promise<ExampleDataSummary> {
  const now = options.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new OkrError("invalid_input", "loadExampleData needs a valid `now` date.", {
      field: "now",
    });
  }
  return withTransaction(deps.db, async (trx) => {
    const base: AppDeps = { ...deps, db: trx, now: () => new Date(now) };
    const settings = await loadSettings(trx);
    const calendar: FiscalCalendar = settings.calendar;
    const pages = examplePages(calendar, isoDay(now));
    for (const page of pages) {
      const existing = await findPeriodByLabel(base, SYSTEM_ACTOR, page.range.label);
      if (existing) {
        throw new OkrError(
          "conflict",
          `Period ${existing.label} already exists; the example data only loads into an empty workspace.`,
          { periodId: existing.id },
        );
      }
    }
    const first = pages[0] as (typeof pages)[number];
    const { teams, people, personIds } = await ensureTeamsAndPeople(
      depsAt(base, at(first.range.start, 8)),
    );

    const contexts: PeriodContext[] = [];
    for (const page of pages) {
      const written = depsAt(base, at(page.range.start, 9));
      const period = await createPeriod(written, SYSTEM_ACTOR, { label: page.range.label });
      // The company's own pages: its people's and teams' names are theirs.
      await importMarkdown(written, SYSTEM_ACTOR, page.markdown, {
        periodId: period.id,
        attachMatchingOwners: true,
      });
      contexts.push({ quarter: page.quarter, range: page.range, periodId: period.id });
    }

    const unmatched: string[] = [];
    const checkInsByPeriod = new Map<Id, number>();
    for (const context of contexts) {
      const { objectives, keyResults } = await listPeriodItems(trx, context.periodId);
      const objectivesById = new Map(objectives.map((o) => [o.id, o]));
      for (const [planIndex, plan] of CHECK_IN_PLANS.entries()) {
        if (plan.quarter !== context.quarter) continue;
        const kr = findPlanned(keyResults, plan.match);
        if (!kr) {
          unmatched.push(`${context.range.label}: ${plan.match}`);
          continue;
        }
        const name = authorOf(plan, kr, objectivesById);
        const count = await applyPlan(
          base,
          plan,
          planIndex,
          kr,
          context,
          { name, id: personIds.get(name) ?? null },
          now,
        );
        checkInsByPeriod.set(
          context.periodId,
          (checkInsByPeriod.get(context.periodId) ?? 0) + count,
        );
      }
    }

    const carriedOver = await linkCarryOver(base, contexts);

    const summaries: ExamplePeriodSummary[] = [];
    for (const context of contexts) {
      let closed = false;
      if (context.quarter !== "current") {
        const closeAt = at(addDays(context.range.end, 1), 10);
        await closePeriod(depsAt(base, closeAt), SYSTEM_ACTOR, context.periodId);
        closed = true;
      }
      const { objectives, keyResults } = await listPeriodItems(trx, context.periodId);
      summaries.push({
        label: context.range.label,
        start: context.range.start,
        end: context.range.end,
        closed,
        objectives: objectives.length,
        keyResults: keyResults.length,
        checkIns: checkInsByPeriod.get(context.periodId) ?? 0,
      });
    }
    return {
      periods: summaries,
      teams,
      people,
      checkIns: summaries.reduce((sum, p) => sum + p.checkIns, 0),
      carriedOver,
      unmatched,
    };
  });
}

/** Links the key result carried over from the last quarter to its copy in the current one. */
async function linkCarryOver(
  deps: AppDeps,
  contexts: readonly PeriodContext[],
): Promise<string | null> {
  const from = contexts.find((c) => c.quarter === CARRY_OVER.from.quarter);
  const to = contexts.find((c) => c.quarter === CARRY_OVER.to.quarter);
  if (!from || !to) return null;
  const origin = findPlanned(
    (await listPeriodItems(deps.db, from.periodId)).keyResults,
    CARRY_OVER.from.match,
  );
  const copy = findPlanned(
    (await listPeriodItems(deps.db, to.periodId)).keyResults,
    CARRY_OVER.to.match,
  );
  if (!origin || !copy) return null;
  const time = depsAt(deps, at(to.range.start, 9, 45))
    .now()
    .toISOString();
  await store.updateKeyResult(deps.db, origin.id, origin.version, {
    status: "carried_over",
    carriedToId: copy.id,
    updatedAt: time,
  });
  await store.updateKeyResult(deps.db, copy.id, copy.version, {
    carriedFromId: origin.id,
    updatedAt: time,
  });
  return `${copy.title} (${from.range.label} -> ${to.range.label})`;
}
