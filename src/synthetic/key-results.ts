/**
 * The synthetic organisation's key results: what each measures, the values it is checked in at
 * and its row. Each is a function of the seed and the key result's index, so the rows and their
 * check-ins agree however the quarters are built.
 */
import { progressOf } from "../core/progress.js";
import type { Health, KeyResultKind, MetricUnit, Status } from "../core/types.js";
import type { KeyResultsTable, ObjectivesTable, PeriodsTable } from "../store/schema-items.js";
import type { SyntheticOrgOptions } from "./organisation.js";
import { createRandom, mixSeed, pick, shareOf } from "./random.js";
import { OBJECTS, VERBS } from "./vocabulary.js";

/** A time in milliseconds as an ISO timestamp. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export interface KeyResultShape {
  kind: KeyResultKind;
  unit: MetricUnit | null;
  start: number | null;
  target: number | null;
  direction: "above" | "below" | null;
}

/** What the key result at `globalIndex` measures: the same for a seed on every run. */
export function shapeOf(seed: number, globalIndex: number): KeyResultShape {
  const r = createRandom(mixSeed(seed, 4, globalIndex));
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
export function valuesOf(
  seed: number,
  shape: KeyResultShape,
  globalIndex: number,
  count: number,
): number[] {
  const r = createRandom(mixSeed(seed, 5, globalIndex));
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

/** The check-ins of the key result at `globalIndex`: `checkIns` spread over `keyResults`. */
export function checkInCountOf(
  sizes: Required<Pick<SyntheticOrgOptions, "checkIns" | "keyResults">>,
  globalIndex: number,
): number {
  return shareOf(sizes.checkIns, sizes.keyResults, globalIndex);
}

export function progressAt(shape: KeyResultShape, value: number): number | null {
  const input = { ...shape, current: value, progress: null, status: null as Status | null };
  return progressOf(input, value);
}

export function healthOf(progress: number | null, elapsed: number): Health {
  const p = progress ?? 0;
  if (p >= elapsed * 0.8) return "on_track";
  if (p >= elapsed * 0.5) return "needs_attention";
  return "at_risk";
}

/** One key result's row, with its latest check-in's state already in it. */
export function buildKeyResult(
  options: Required<Pick<SyntheticOrgOptions, "seed" | "checkIns" | "keyResults">>,
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
  const shape = shapeOf(options.seed, globalIndex);
  const count = checkInCountOf(options, globalIndex);
  const values = valuesOf(options.seed, shape, globalIndex, count);
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

export function checkInTimeOf(startMs: number, endMs: number, i: number, count: number): string {
  const span = endMs - startMs;
  return isoOf(startMs + Math.floor(((i + 1) / (count + 1)) * span));
}
