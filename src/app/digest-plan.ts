/**
 * The weekly digest's content: for each objective owner (a person, or the holders of a role
 * title — the leads in a handbook's words) and each titled member of a team that owns an
 * objective, their objectives with the score now and a week ago, what moved, what is at risk
 * and what is stale.
 */
import type { Channel } from "../core/notification-channels.js";
import { silentSince } from "../core/settings.js";
import { buildTree, forEachObjectiveNode } from "../core/tree.js";
import type { Id, IsoDateTime, KeyResult, Objective, Person } from "../core/types.js";
import { listCheckInsByPeriod } from "../store/check-ins.repository.js";
import { isUnsubscribed } from "../store/rhythm.repository.js";
import type { AppDeps } from "./deps.js";
import { rhythmOf } from "./mail.js";
import { personChannelOf } from "./notification-channels.js";
import { loadRhythmWorld, type RhythmWorld } from "./rhythm-world.js";
import { loadSettings } from "./settings.js";

const DAY_MS = 86_400_000;
/** A key result with no check-in for this long is stale. */
export const STALE_DAYS = 14;

export interface DigestObjective {
  id: Id;
  title: string;
  periodLabel: string;
  link: string;
  scoreNow: number | null;
  scoreWeekAgo: number | null;
}

export interface DigestKeyResult {
  id: Id;
  title: string;
  link: string;
  /** Progress a week ago and now (moved), or the health (at risk), or the last check-in (stale). */
  detail: string;
}

export interface DigestContent {
  key: string;
  personId: Id;
  name: string;
  email: string;
  /** How it reaches them (absent in jobs queued before channels existed: email). */
  channel?: Channel;
  /** Their accounts, for the bell and their chat. */
  userIds?: Id[];
  slot: IsoDateTime;
  objectives: DigestObjective[];
  moved: DigestKeyResult[];
  atRisk: DigestKeyResult[];
  stale: DigestKeyResult[];
}

function percent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

/** The key results as they stood at `at`: each takes its latest check-in before then. */
async function keyResultsAsOf(
  deps: AppDeps,
  world: RhythmWorld,
  at: Date,
): Promise<Map<Id, KeyResult>> {
  const out = new Map<Id, KeyResult>();
  for (const period of world.periods) {
    const checkIns = await listCheckInsByPeriod(deps.db, period.id);
    const latest = new Map<Id, (typeof checkIns)[number]>();
    for (const c of checkIns) {
      if (Date.parse(c.createdAt) > at.getTime()) continue;
      const seen = latest.get(c.keyResultId);
      if (!seen || seen.createdAt < c.createdAt) latest.set(c.keyResultId, c);
    }
    for (const kr of world.keyResults.filter((k) => k.periodId === period.id)) {
      const c = latest.get(kr.id);
      out.set(kr.id, {
        ...kr,
        current: c?.value ?? null,
        progress: c?.progress ?? null,
        health: c?.health ?? null,
        lastCheckInAt: c?.createdAt ?? null,
      });
    }
  }
  return out;
}

/** Who reads an objective's digest: its person or role holders, or a team's titled members. */
function readersOf(world: RhythmWorld, objective: Objective): Person[] {
  const resolved = world.directory.resolve(objective.owner);
  if (resolved.personIds.length > 0) {
    return world.people.filter((p) => resolved.personIds.includes(p.id));
  }
  return world.people.filter((p) => p.teamId && resolved.teamIds.includes(p.teamId) && p.title);
}

/** Every digest due for the week ending at `slot`. */
export async function planDigests(deps: AppDeps, slot: Date): Promise<DigestContent[]> {
  const world = await loadRhythmWorld(deps.db);
  const settings = await loadSettings(deps.db);
  const weekAgo = new Date(slot.getTime() - 7 * DAY_MS);
  const then = await keyResultsAsOf(deps, world, weekAgo);
  const base = rhythmOf(deps).publicUrl;
  const scores = new Map<Id, { now: number | null; before: number | null }>();
  for (const period of world.periods) {
    const objectives = world.objectives.filter((o) => o.periodId === period.id);
    const krs = world.keyResults.filter((k) => k.periodId === period.id);
    const before = krs.map((k) => then.get(k.id) ?? k);
    forEachObjectiveNode(buildTree(objectives, krs, settings), (node) => {
      scores.set(node.objective.id, { now: node.rollUp.score, before: null });
    });
    forEachObjectiveNode(buildTree(objectives, before, settings), (node) => {
      const entry = scores.get(node.objective.id);
      if (entry) entry.before = node.rollUp.score;
    });
  }
  const periodLabel = new Map(world.periods.map((p) => [p.id, p.label]));
  const periodStart = new Map(world.periods.map((p) => [p.id, p.start]));
  const byReader = new Map<Id, Objective[]>();
  for (const objective of world.objectives) {
    for (const reader of readersOf(world, objective)) {
      byReader.set(reader.id, [...(byReader.get(reader.id) ?? []), objective]);
    }
  }
  const out: DigestContent[] = [];
  for (const person of world.people) {
    const objectives = byReader.get(person.id);
    if (!objectives) continue;
    const email = world.emailOf(person);
    const userIds = world.userIdsOf(person.id);
    const { channel, userId } = await personChannelOf(deps.db, userIds, "digest");
    if (channel === "email") {
      if (!email || (await isUnsubscribed(deps.db, email, "digest"))) continue;
    } else if (!userId) continue;
    const ids = new Set(objectives.map((o) => o.id));
    const krs = world.keyResults.filter((k) => ids.has(k.objectiveId));
    const krLink = (k: KeyResult) => `${base}/#/key-results/${encodeURIComponent(k.id)}`;
    const moved = krs
      .filter((k) => (then.get(k.id)?.progress ?? null) !== k.progress && k.progress !== null)
      .map((k) => ({
        id: k.id,
        title: k.title,
        link: krLink(k),
        detail: `${percent(then.get(k.id)?.progress ?? null)} → ${percent(k.progress)}`,
      }));
    const atRisk = krs
      .filter((k) => k.health === "at_risk" || k.health === "needs_attention")
      .map((k) => ({
        id: k.id,
        title: k.title,
        link: krLink(k),
        detail: k.health === "at_risk" ? "at risk" : "needs attention",
      }));
    const staleBefore = slot.getTime() - STALE_DAYS * DAY_MS;
    // Silent since the last check-in, or since the period began (`silentSince`).
    const stale = krs
      .filter((k) => {
        const start = periodStart.get(k.periodId);
        return start !== undefined && silentSince(k.lastCheckInAt, start) < staleBefore;
      })
      .map((k) => ({
        id: k.id,
        title: k.title,
        link: krLink(k),
        detail: k.lastCheckInAt ? `last check-in ${k.lastCheckInAt.slice(0, 10)}` : "no check-in",
      }));
    out.push({
      key: `digest:${person.id}:${slot.toISOString()}`,
      personId: person.id,
      name: person.name,
      email: email ?? "",
      channel,
      userIds,
      slot: slot.toISOString(),
      objectives: objectives.map((o) => ({
        id: o.id,
        title: o.title,
        periodLabel: periodLabel.get(o.periodId) ?? "",
        link: `${base}/#/objectives/${encodeURIComponent(o.id)}`,
        scoreNow: scores.get(o.id)?.now ?? null,
        scoreWeekAgo: scores.get(o.id)?.before ?? null,
      })),
      moved,
      atRisk,
      stale,
    });
  }
  return out;
}

export { percent };
