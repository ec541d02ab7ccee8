/**
 * Kysely table types: the tables as the migrations in `migrations/` leave them.
 * Column names are snake_case; repositories map rows to the camelCase domain types.
 * Booleans are integers 0/1 and times are ISO 8601 text on every dialect, so SQLite and
 * PostgreSQL run the same SQL and a backup moves between them unchanged.
 */
import type { ColumnType, Generated } from "kysely";

/** 0 or 1. */
export type IntBool = number;

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  team_id: string | null;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  insider: IntBool;
  person_id: string | null;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  /** Set while the account is disabled: no session or token of it works. */
  disabled_at: string | null;
}

export interface SessionsTable {
  /** A hash of the session secret; the secret itself lives only in the cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  created_at: string;
  /** The browser's User-Agent when it signed in (cut to 300 characters). */
  user_agent: string | null;
  last_seen_at: string | null;
}

export interface SignInAttemptsTable {
  /** sha256 of "email|address". */
  key: string;
  window_start: string;
  count: number;
}

export interface OidcSignInsTable {
  /** sha256 of the secret in the okr_oidc cookie. */
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  expires_at: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the secret, shown in lists: `okr_ab12…`. */
  prefix: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export interface PeriodsTable {
  id: string;
  label: string;
  kind: string;
  start_date: string;
  end_date: string;
  closed_at: string | null;
  created_at: string;
}

/** Columns objectives and key results share. */
interface ItemColumns {
  id: string;
  period_id: string;
  title: string;
  owner_kind: string | null;
  owner_id: string | null;
  owner_name: string | null;
  weight: number;
  status: string | null;
  outcome: string | null;
  position: number;
  archived: IntBool;
  carried_from_id: string | null;
  carried_to_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** Stable key of the line an import created this from; re-imports update instead of duplicating. */
  source_key: string | null;
  source_line: number | null;
}

export interface ObjectivesTable extends ItemColumns {
  parent_objective_id: string | null;
  parent_key_result_id: string | null;
  confidential: IntBool;
}

export interface KeyResultsTable extends ItemColumns {
  objective_id: string;
  kind: string;
  unit: string | null;
  start_value: number | null;
  target_value: number | null;
  direction: string | null;
  target_confidential: IntBool;
  current_value: number | null;
  progress: number | null;
  health: string | null;
  confidence: number | null;
  last_check_in_at: string | null;
}

export interface CheckInsTable {
  id: string;
  key_result_id: string;
  value: number | null;
  progress: number | null;
  health: string | null;
  confidence: number | null;
  note: string;
  author_id: string | null;
  author_name: string | null;
  created_at: string;
}

export interface LinksTable {
  id: string;
  /** The period of the item it hangs on, so a period's links load in one query. */
  period_id: string;
  objective_id: string | null;
  key_result_id: string | null;
  kind: string;
  text: string;
  url: string;
  position: number;
}

export interface RetrospectivesTable {
  id: string;
  period_id: string;
  team: string;
  /** JSON arrays of strings. */
  good: string;
  bad: string;
  try: string;
  position: number;
  updated_at: string;
}

/** The page a period was imported from; see migrations/0002-page-sources.ts. */
export interface PageSourcesTable {
  period_id: string;
  text: string;
  /** JSON array of `PageSourceItem`. */
  items: string;
  section_line: number;
  recorded_at: string;
}

export interface AuditEventsTable {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
}

export interface WebhooksTable {
  id: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  secret: string;
  active: IntBool;
  created_at: string;
  /** Added by 0009 with a default, so rows written without it stay valid. */
  description: ColumnType<string, string | undefined, string>;
  updated_at: string | null;
}

export interface Database {
  settings: SettingsTable;
  people: PeopleTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_attempts: SignInAttemptsTable;
  oidc_sign_ins: OidcSignInsTable;
  periods: PeriodsTable;
  objectives: ObjectivesTable;
  key_results: KeyResultsTable;
  check_ins: CheckInsTable;
  links: LinksTable;
  retrospectives: RetrospectivesTable;
  page_sources: PageSourcesTable;
  audit_events: AuditEventsTable;
  webhooks: WebhooksTable;
  read_versions: ReadVersionsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  read_changes: ReadChangesTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  follows: FollowsTable;
  reminder_preferences: ReminderPreferencesTable;
  mail_unsubscribes: MailUnsubscribesTable;
  chat_webhooks: ChatWebhooksTable;
  account_links: AccountLinksTable;
  mail_sends: MailSendsTable;
  connections: ConnectionsTable;
  sources: SourcesTable;
  source_readings: SourceReadingsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  kpis: KpisTable;
  kpi_readings: KpiReadingsTable;
  key_result_kpis: KeyResultKpisTable;
  notification_channels: NotificationChannelsTable;
  personal_chat_webhooks: PersonalChatWebhooksTable;
  notification_deliveries: NotificationDeliveriesTable;
  write_counters: WriteCountersTable;
}

/** Work to run later, again after a failure, or once across processes (migration 0005). */
export interface JobsTable {
  /** bigint on PostgreSQL (the driver gives text), integer on SQLite: the enqueue order. */
  seq: Generated<number | string>;
  id: string;
  kind: string;
  key: string;
  /** JSON text or null. */
  payload: string | null;
  state: "pending" | "running" | "done" | "failed";
  run_at: string;
  attempts: number;
  ordering_key: string | null;
  locked_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A recurring schedule: the next slot it has not yet enqueued. */
export interface JobSchedulesTable {
  name: string;
  cron: string;
  next_run_at: string;
}

/**
 * Tables that hold the workspace: what a backup carries. `read_versions` and `read_changes`
 * (the answer cache's bookkeeping) and the job queue start afresh in every database.
 */
export type TableName = Exclude<
  keyof Database,
  "read_versions" | "read_changes" | "jobs" | "job_schedules" | "write_counters"
>;

/** A write counter per period (scope = its id) and for the whole workspace (scope `*`). */
export interface ReadVersionsTable {
  scope: string;
  /** bigint: PostgreSQL's driver gives text, SQLite a number. */
  version: number | string;
}

/** A period's read version step made only by check-ins: one row per check-in (0029). */
export interface ReadChangesTable {
  /** The period's id. */
  scope: string;
  /** The period's read version the check-in's transaction bumped it to. */
  version: number | string;
  key_result_id: string;
  check_in_id: string;
}

/** Every table, parents before children: the order a restore inserts in. */
export const TABLES: readonly TableName[] = [
  "settings",
  "teams",
  "people",
  "users",
  "sessions",
  "api_tokens",
  "periods",
  "objectives",
  "key_results",
  "check_ins",
  "links",
  "retrospectives",
  "page_sources",
  "audit_events",
  "webhooks",
  "comments",
  "notifications",
  "follows",
  "reminder_preferences",
  "mail_unsubscribes",
  "chat_webhooks",
  "account_links",
  "mail_sends",
  "connections",
  "source_readings",
  "kpis",
  "kpi_readings",
  "key_result_kpis",
  "notification_channels",
  "personal_chat_webhooks",
  "notification_deliveries",
  "sources",
];

/** A comment on an objective or key result (migrations/0006-conversation.ts). */
export interface CommentsTable {
  id: string;
  item_id: string;
  /** "objective" or "key_result". */
  item_kind: string;
  author_id: string | null;
  author_name: string;
  /** Markdown as written. */
  body: string;
  /** JSON array of the ids of the people the body mentions. */
  mentions: string;
  created_at: string;
  updated_at: string;
}

/** An in-app notification for one user. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string;
  item_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** Who follows which item; `following` 0 records an owner's unfollow. */
export interface FollowsTable {
  id: string;
  user_id: string;
  item_id: string;
  item_kind: string;
  following: IntBool;
  updated_at: string;
}

/** A person's check-in reminder cadence; person `*` is the company default. */
export interface ReminderPreferencesTable {
  person_id: string;
  cadence: string;
  /** 0 = Sunday … 6 = Saturday, in `time_zone`. */
  weekday: number;
  hour: number;
  time_zone: string;
  updated_at: string;
}

/** An address that asked for no more messages of one kind. */
export interface MailUnsubscribesTable {
  /** `kind|address`, the address in lower case. */
  id: string;
  email: string;
  kind: string;
  created_at: string;
}

/** An incoming webhook a team's chat channel gives (Slack, Mattermost, Teams). */
export interface ChatWebhooksTable {
  id: string;
  team_id: string;
  provider: string;
  url: string;
  created_at: string;
}

/** A one-time link mailed to set a password: an invite or a reset. */
export interface AccountLinksTable {
  /** sha256 of the secret in the link. */
  id: string;
  purpose: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** The sent-marker of a job's mail, written before the SMTP conversation starts. */
export interface MailSendsTable {
  message_id: string;
  kind: string;
  recipient: string;
  state: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
}

/** A connection to GitLab, GitHub, Prometheus or a JSON endpoint; see migrations/0008-sources.ts. */
export interface ConnectionsTable {
  id: string;
  name: string;
  kind: string;
  base_url: string;
  /** Encrypted by the app (AES-256-GCM); never sent out. */
  token_cipher: string | null;
  webhook_secret_cipher: string | null;
  auth_header: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The one source of a key result or of a KPI (exactly one of the two); migrations/0012. */
export interface SourcesTable {
  id: string;
  key_result_id: string | null;
  kpi_id: string | null;
  connection_id: string;
  kind: string;
  /** JSON text. */
  config: string;
  /** JSON text or null: the last good reading. */
  last_reading: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The raw reading behind a check-in a source made. */
export interface SourceReadingsTable {
  check_in_id: string;
  key_result_id: string;
  kind: string;
  /** JSON text. */
  reading: string;
  at: string;
}

/** One event sent (or to be sent) to one webhook; see migrations/0009-webhooks-kpis.ts. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event: string;
  entity_id: string;
  body: string;
  status: string;
  attempts: number;
  response_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  redelivery_of: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

export interface KpisTable {
  id: string;
  name: string;
  description: string;
  unit: string;
  target_low: number | null;
  target_high: number | null;
  owner_kind: string | null;
  owner_id: string | null;
  owner_name: string | null;
  source_kind: string;
  source_id: string | null;
  current: number | null;
  current_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface KpiReadingsTable {
  id: string;
  kpi_id: string;
  value: number;
  at: string;
  note: string;
  source: string;
  author_name: string | null;
  created_at: string;
  /** JSON text: the raw reading, when a source recorded it. */
  reading: string | null;
}

/** A key result that follows a KPI: each new reading becomes a check-in on it. */
export interface KeyResultKpisTable {
  key_result_id: string;
  kpi_id: string;
  created_at: string;
}

/** Where each kind of notification reaches an account (`*`: the company default); migration 0011. */
export interface NotificationChannelsTable {
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  updated_at: string;
}

/** An account's own incoming chat webhook (Slack, Mattermost, Teams). */
export interface PersonalChatWebhooksTable {
  user_id: string;
  provider: string;
  url: string;
  updated_at: string;
}

/** A notification waiting to go out by mail or chat; `batch` is the job key of its message. */
export interface NotificationDeliveriesTable {
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  title: string;
  body: string | null;
  link: string;
  created_at: string;
  batch: string | null;
}

/** A counter stepped by triggers on every write to the tables it names (migration 0014). */
export interface WriteCountersTable {
  name: string;
  /** bigint: PostgreSQL's driver gives text, SQLite a number. */
  n: number | string;
}
