/**
 * The OKR domain as plain data. Every layer speaks these types; the store maps rows to them,
 * the server presents them, the web imports them. Nothing here does I/O.
 */

/** Ids are made in code (see docs/decisions/0003-ids.md), so every dialect runs the same SQL. */
export type Id = string;
/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant, ISO 8601 in UTC, e.g. `2020-01-31T12:00:00.000Z`. */
export type IsoDateTime = string;

/**
 * How a workspace names its fiscal years. GitLab: FY20 = Feb 2019–Jan 2020 (startMonth 2,
 * naming "end"); Sourcegraph: FY2020 = Feb 2020–Jan 2021 (startMonth 2, naming "start");
 * plain calendar quarters: startMonth 1 (labels `2017-Q3`).
 */
export interface FiscalCalendar {
  /** First month of the fiscal year, 1 = January. */
  startMonth: number;
  /** Whether FY N is named after the calendar year it starts in or ends in. */
  naming: "start" | "end";
}

export type PeriodKind = "quarter" | "year";

/** A labelled date range, as the fiscal calendar computes it. */
export interface PeriodRange {
  label: string;
  kind: PeriodKind;
  start: IsoDate;
  /** Inclusive last day. */
  end: IsoDate;
}

export interface Period extends PeriodRange {
  id: Id;
  closedAt: IsoDateTime | null;
}

export type Role = "admin" | "editor" | "viewer";

export interface Person {
  id: Id;
  name: string;
  email: string | null;
  /** Role title as written in the handbook: "CMO", "VP, Field Ops". */
  title: string | null;
  teamId: Id | null;
}

export interface Team {
  id: Id;
  name: string;
  parentId: Id | null;
}

export interface User {
  id: Id;
  email: string;
  name: string;
  role: Role;
  /** Insiders see confidential values; admins always do. */
  insider: boolean;
  personId: Id | null;
  createdAt: IsoDateTime;
  /** When an admin disabled the account; null while it may sign in. */
  disabledAt: IsoDateTime | null;
}

/** Who owns a line: a person, a team, or a role title kept exactly as written. */
export interface Owner {
  kind: "person" | "team" | "role";
  /** Set for person and team owners. */
  id: Id | null;
  name: string;
}

export const STATUSES = [
  "done",
  "missed",
  "in_progress",
  "not_started",
  "carried_over",
  "cancelled",
] as const;
export type Status = (typeof STATUSES)[number];

export const HEALTHS = ["on_track", "needs_attention", "at_risk"] as const;
export type Health = (typeof HEALTHS)[number];

/**
 * - metric: move a value from `start` to `target`, up or down ("from 70 mins to 56 mins");
 * - threshold: keep the value above (`direction: "above"`) or below a `target`;
 * - milestone: done or not done;
 * - percentage: progress entered directly.
 */
export const KEY_RESULT_KINDS = ["metric", "threshold", "milestone", "percentage"] as const;
export type KeyResultKind = (typeof KEY_RESULT_KINDS)[number];

export const METRIC_UNITS = ["count", "percent", "currency", "duration", "ratio"] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const LINK_KINDS = [
  "issue",
  "epic",
  "merge_request",
  "dashboard",
  "document",
  "other",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Link {
  id: Id;
  kind: LinkKind;
  text: string;
  url: string;
}

interface OkrItemBase {
  id: Id;
  periodId: Id;
  /** Inline Markdown as written. */
  title: string;
  owner: Owner | null;
  /** Relative weight in the parent's roll-up; 0 excludes it. Default 1. */
  weight: number;
  status: Status | null;
  /** Free outcome text, as written after `=>` in a handbook page. */
  outcome: string | null;
  /** Order among siblings. */
  position: number;
  archived: boolean;
  /** Carry-over links, both ways. */
  carriedFromId: Id | null;
  carriedToId: Id | null;
  links: Link[];
  /** Optimistic concurrency: a write naming an older version fails with `version_conflict`. */
  version: number;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface Objective extends OkrItemBase {
  type: "objective";
  /** Aligned under an objective, or under a key result, or top level (both null). */
  parentObjectiveId: Id | null;
  parentKeyResultId: Id | null;
  /** Invisible to those who are not insiders. */
  confidential: boolean;
}

export interface KeyResult extends OkrItemBase {
  type: "key_result";
  objectiveId: Id;
  kind: KeyResultKind;
  unit: MetricUnit | null;
  /** metric: where the value started. */
  start: number | null;
  /** metric: where it should end; threshold: the line to stay above/below. */
  target: number | null;
  /** threshold only. */
  direction: "above" | "below" | null;
  /** The target is confidential: non-insiders see a placeholder, but still the progress. */
  targetConfidential: boolean;
  /** Latest checked-in value (metric, threshold). */
  current: number | null;
  /** Latest progress: computed from `current`, or entered (percentage, milestone 0/1). */
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  lastCheckInAt: IsoDateTime | null;
}

export type OkrItem = Objective | KeyResult;

/** One check-in; history is append-only, the latest one is the current state. */
export interface CheckIn {
  id: Id;
  keyResultId: Id;
  value: number | null;
  progress: number | null;
  health: Health | null;
  /** 0–10. */
  confidence: number | null;
  note: string;
  authorId: Id | null;
  authorName: string | null;
  createdAt: IsoDateTime;
}

export interface Retrospective {
  id: Id;
  periodId: Id;
  team: string;
  good: string[];
  bad: string[];
  try: string[];
}

export interface GradingBand {
  /** Inclusive lower bound of the score. */
  min: number;
  label: string;
  color: "red" | "yellow" | "green";
}

export interface Settings {
  calendar: FiscalCalendar;
  /** Sorted by `min`; default 0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. */
  grading: GradingBand[];
  rollUp: {
    /** A rolled-up score above this counts as this (the items keep their own 127%). Default 1. */
    cap: number;
    /**
     * Whether objectives aligned under an objective (or under one of its key results) count in
     * its score. Default true.
     */
    includeChildObjectives: boolean;
    /** An item with no progress yet: left out of the score ("excluded", default) or counted as 0. */
    unscored: "excluded" | "zero";
  };
  /** The score GitLab aimed for; the distribution chart marks it. Default 0.7. */
  sweetSpot: number;
  /** A key result with no check-in for this many days is stale. Default 14. */
  staleDays: number;
  /** The public OKR site: which periods `okr publish` and `/public` show, and whether the app serves it. */
  publicSite: {
    /** Serve the site at `/public` without sign-in. Default false. */
    served: boolean;
    /** Ids of the periods marked public, oldest first. Default none. */
    periods: Id[];
  };
}

export interface AuditEvent {
  id: Id;
  actorId: Id | null;
  actorName: string | null;
  at: IsoDateTime;
  action: string;
  entity: string;
  entityId: Id;
  before: unknown;
  after: unknown;
}

/** One contribution to an objective's roll-up score. */
export interface Contribution {
  id: Id;
  type: "objective" | "key_result";
  title: string;
  weight: number;
  /** As reported; may exceed 1. null = no data yet (only with `unscored: "zero"`, counted as 0). */
  progress: number | null;
  /** What the roll-up counted: the progress, never below 0 (the cap applies to the sum). */
  counted: number;
  /** weight / total weight. */
  share: number;
}

export interface RollUp {
  score: number | null;
  contributions: Contribution[];
  /** True when the weighted sum was above the cap and the score is the cap. */
  capped: boolean;
  /** One sentence a person can read: "0.62 = 0.5×0.8 (KR 1) + 0.5×0.44 (KR 2)". */
  explanation: string;
}
