/** Shapes of the API's answers: the contract's types where the server declares them, else core's. */
import type {
  DashboardAnswer,
  DashboardKeyResultAnswer,
  GroupScore,
  SessionSummaryAnswer,
  TokenWithOwnerAnswer,
} from "../../../src/contract/answers.js";
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

/** A score as the tree carries it; `GET /objectives/{id}/roll-up` says what makes it up. */
export interface TreeRollUp {
  score: number | null;
  capped: boolean;
}

/** A node of the cascade: an objective (with its score) or a key result, with children. */
export type TreeNode =
  | (Objective & { rollUp: TreeRollUp | null; children: TreeNode[] })
  | (KeyResult & { rollUp?: TreeRollUp | null; children: TreeNode[] });

export interface PeriodTree {
  period: Period;
  /** The company score: the roll-up of the top-level objectives. */
  score: TreeRollUp | null;
  nodes: TreeNode[];
}

/** A team's or an owner's score over its scored objectives; the unscored are counted apart. */
export type ScoreRow = GroupScore;
/** A key result in a dashboard list; `daysSince` counts whole days since its last check-in. */
export type DashboardKeyResult = DashboardKeyResultAnswer;
/** `GET /api/periods/{id}/dashboard`, as the server's schema declares it. */
export type Dashboard = DashboardAnswer;
/** One page of a dashboard list; `nextOffset` asks for the next, null at the end. */
export type ListPage<T> = { items: T[]; total: number; offset: number; nextOffset: number | null };

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

/** Where an import goes; `clash` when the page's label names a period with other dates. */
export interface ImportPreviewPeriod {
  label: string;
  start: string | null;
  end: string | null;
  exists: boolean;
  closed: boolean;
  past: boolean;
  clash: { label: string; start: string; end: string } | null;
  message: string;
}

/** An owner name on the page, what it matches today, and what the import stores. */
export interface ImportOwner {
  name: string;
  lines: number[];
  matches: { kind: "person" | "team" | "role"; name: string; people: number } | null;
  owner: { kind: "person" | "team" | "role"; id: Id | null; name: string };
  mapped: boolean;
}

export interface ImportPreview {
  document: OkrDocument;
  problems: Problem[];
  changes: ImportChange[];
  period: ImportPreviewPeriod | null;
  owners: ImportOwner[];
}

/** What the user chose before applying: a period, owner mappings, closed. */
export interface ImportChoices {
  periodId?: Id;
  periodLabel?: string;
  ownerMap?: Record<string, string>;
  closed?: boolean;
}

export interface ImportResult {
  periodId: Id;
  created: number;
  updated: number;
  unchanged: number;
  closed: boolean;
  notice: string;
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

/** How one signs in here (GET /api/auth/methods). */
export interface SignInMethods {
  password: boolean;
  oidc: { name: string; startUrl: string } | null;
}

/** One of my signed-in sessions (GET /api/sessions). */
export type SessionSummary = SessionSummaryAnswer;
/** A token in the admin list (GET /api/admin/tokens): with whose it is. */
export type TokenWithOwner = TokenWithOwnerAnswer;
