/**
 * Shapes of the API's answers: the contract's (inferred from the routes' own schemas, so a
 * changed answer fails this typecheck), else core's domain types.
 */
import type {
  DashboardAnswer,
  DashboardKeyResultAnswer,
  DocumentAnswer,
  DocumentItemAnswer,
  GroupScore,
  ImportPreviewAnswer,
  ImportResultAnswer,
  KeyResultAnswer,
  ObjectiveAnswer,
  PeriodAnswer,
  ProblemAnswer,
  SessionAnswer,
  SessionSummaryAnswer,
  SettingsAnswer,
  SignInMethodsAnswer,
  TokenAnswer,
  TokenWithOwnerAnswer,
  TreeRollUpAnswer,
  UserAnswer,
} from "../../../src/contract/answers.js";
import type {
  AuditEvent,
  CheckIn,
  Health,
  Id,
  Person,
  Role,
  RollUp,
  Status,
  Team,
} from "../../../src/core/types.js";

export { HEALTHS, STATUSES } from "../../../src/core/types.js";

export type { AuditEvent, CheckIn, Health, Id, Person, Role, RollUp, Status, Team };

/** An objective as the API answers it. */
export type Objective = ObjectiveAnswer;
/** A key result as the API answers it. */
export type KeyResult = KeyResultAnswer;
/** A period as the API answers it. */
export type Period = PeriodAnswer;
/** A user account (`GET /api/users`, the session's user). */
export type User = UserAnswer;
/** The settings, defaults filled in (`GET /api/settings`). */
export type Settings = SettingsAnswer;
/** Who I am and the CSRF token for writes (`GET /api/session`). */
export type SessionInfo = SessionAnswer;

/** A score as the tree carries it; `GET /objectives/{id}/roll-up` says what makes it up. */
export type TreeRollUp = TreeRollUpAnswer;

/** A node of the cascade: an objective (with its score) or a key result, with children. */
export type TreeNode =
  | (Objective & { rollUp: TreeRollUp | null; children: TreeNode[] })
  | (KeyResult & { rollUp?: TreeRollUp | null; children: TreeNode[] });

/** The tree as the period page draws it: `GET /periods/{id}/tree` with one node shape. */
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
export type ListPage<T> = Omit<Dashboard["atRisk"], "items"> & { items: T[] };

/** One of my API tokens (`GET /api/tokens`): never its secret. */
export type ApiToken = TokenAnswer;

/** The canonical document a page reads as, its lines, its problems. */
export type OkrDocument = DocumentAnswer;
export type DocumentItem = DocumentItemAnswer;
export type Problem = ProblemAnswer;

/** `POST /api/import/preview`: what importing a page would change. */
export type ImportPreview = ImportPreviewAnswer;
/** One change a preview lists; `line` 0 when not from a line, `fields` for updates. */
export type ImportChange = ImportPreview["changes"][number];
/** Where an import goes; `clash` when the page's label names a period with other dates. */
export type ImportPreviewPeriod = NonNullable<ImportPreview["period"]>;
/** An owner name on the page, what it matches today, and what the import stores. */
export type ImportOwner = ImportPreview["owners"][number];
/** `POST /api/import/apply`: what was created, updated and left alone. */
export type ImportResult = ImportResultAnswer;

/**
 * What the user chose before applying: a period, owner mappings, closed, and whether to take the
 * page's figures where it takes back check-ins it does not know (`force`, sent on apply only).
 */
export interface ImportChoices {
  periodId?: Id;
  periodLabel?: string;
  ownerMap?: Record<string, string>;
  closed?: boolean;
  force?: boolean;
}

/**
 * A key result line of a page that takes back check-ins the page does not know: where the key
 * result stands in the app, what the page says (null: nothing), and the date of the latest
 * check-in the page does not know. `text` holds a preview's words when they read otherwise.
 */
export type TakenBackCheckIn = ImportPreview["takenBack"][number];

export const STATUS_LABELS: Record<Status, string> = {
  done: "Done",
  missed: "Missed",
  in_progress: "In progress",
  not_started: "Not started",
  carried_over: "Carried over",
  cancelled: "Cancelled",
};

/** A key result's kind in words: what it measures and how. */
export const KIND_LABELS: Record<KeyResult["kind"], string> = {
  metric: "Metric (start → target)",
  threshold: "Threshold (stay above/below)",
  milestone: "Milestone (done / not done)",
  percentage: "Percentage (entered directly)",
};

export const HEALTH_LABELS: Record<Health, string> = {
  on_track: "On track",
  needs_attention: "Needs attention",
  at_risk: "At risk",
};

/** How one signs in here (GET /api/auth/methods). */
export type SignInMethods = SignInMethodsAnswer;

/** One of my signed-in sessions (GET /api/sessions). */
export type SessionSummary = SessionSummaryAnswer;
/** A token in the admin list (GET /api/admin/tokens): with whose it is. */
export type TokenWithOwner = TokenWithOwnerAnswer;
