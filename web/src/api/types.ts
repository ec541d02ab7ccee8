/** Shapes of the API's answers, built on the core's domain types. */
import type { DocumentItem, OkrDocument, Problem } from "../../../src/core/document.js";
import type {
  AuditEvent,
  CheckIn,
  Health,
  Id,
  KeyResult,
  Objective,
  Period,
  Person,
  Role,
  RollUp,
  Settings,
  Status,
  Team,
  User,
} from "../../../src/core/types.js";

export { HEALTHS, STATUSES } from "../../../src/core/types.js";

export type {
  AuditEvent,
  CheckIn,
  DocumentItem,
  Health,
  Id,
  KeyResult,
  Objective,
  OkrDocument,
  Period,
  Person,
  Problem,
  Role,
  RollUp,
  Settings,
  Status,
  Team,
  User,
};

export interface SessionInfo {
  user: User | null;
  csrfToken: string | null;
}

/** A node of the cascade: an objective (with its roll-up) or a key result, with children. */
export type TreeNode =
  | (Objective & { rollUp: RollUp | null; children: TreeNode[] })
  | (KeyResult & { rollUp?: RollUp | null; children: TreeNode[] });

export interface PeriodTree {
  period: Period;
  /** The company score: the roll-up of the top-level objectives. */
  score: RollUp | null;
  nodes: TreeNode[];
}

export interface ScoreRow {
  name: string;
  score: number | null;
  count: number;
}

export interface DistributionBucket {
  label: string;
  min: number;
  max: number;
  count: number;
}

/** A key result in a dashboard list; `daysSince` counts whole days since its last check-in. */
export type DashboardKeyResult = KeyResult & { daysSince?: number | null };

export interface Dashboard {
  companyScore: number | null;
  byTeam: ScoreRow[];
  byOwner: ScoreRow[];
  distribution: DistributionBucket[];
  sweetSpot: number;
  atRisk: DashboardKeyResult[];
  stale: DashboardKeyResult[];
  progressOverTime: { date: string; score: number | null }[];
}

export interface ApiToken {
  id: Id;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  secret?: string;
}

export interface ImportChange {
  action: string;
  entity: "period" | "objective" | "key_result" | "retrospective";
  /** Line in the page (0 when not from a line). */
  line: number;
  label: string;
  /** For updates: the fields that change. */
  fields?: string[];
}

export interface ImportPreview {
  document: OkrDocument;
  problems: Problem[];
  changes: ImportChange[];
}

export interface ImportResult {
  periodId: Id;
  created: number;
  updated: number;
  unchanged: number;
}

/** One of my objectives, with the score the tree shows. */
export type MyObjective = Objective & { rollUp?: RollUp | null };

export interface MyOkrs {
  owned: (MyObjective | KeyResult)[];
  waiting: KeyResult[];
}

export const STATUS_LABELS: Record<Status, string> = {
  done: "Done",
  missed: "Missed",
  in_progress: "In progress",
  not_started: "Not started",
  carried_over: "Carried over",
  cancelled: "Cancelled",
};

export const HEALTH_LABELS: Record<Health, string> = {
  on_track: "On track",
  needs_attention: "Needs attention",
  at_risk: "At risk",
};

/** One of my signed-in sessions (GET /api/sessions). */
export interface SessionSummary {
  id: string;
  device: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** A token in the admin list (GET /api/admin/tokens): with whose it is. */
export interface TokenWithOwner {
  id: Id;
  userId: Id;
  userEmail: string;
  userName: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** How one signs in here (GET /api/auth/methods). */
export interface SignInMethods {
  password: boolean;
  oidc: { name: string; startUrl: string } | null;
}
