/**
 * Kysely table types: the tables as the migrations in `migrations/` leave them.
 * Column names are snake_case; repositories map rows to the camelCase domain types.
 * Booleans are integers 0/1 and times are ISO 8601 text on every dialect, so SQLite and
 * PostgreSQL run the same SQL and a backup moves between them unchanged.
 * `Database` names every table; each row type lives beside this file, in the schema file of its area.
 */
import type {
  AccountLinksTable,
  ApiTokensTable,
  AuditEventsTable,
  OidcSignInsTable,
  PeopleTable,
  SessionsTable,
  SettingsTable,
  SignInAttemptsTable,
  TeamsTable,
  UsersTable,
} from "./schema-accounts.js";
import type {
  ConnectionsTable,
  KeyResultKpisTable,
  KpiReadingsTable,
  KpisTable,
  SourceReadingsTable,
  SourcesTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from "./schema-connected.js";
import type {
  JobSchedulesTable,
  JobsTable,
  ReadChangesTable,
  ReadVersionsTable,
  WriteCountersTable,
} from "./schema-internal.js";
import type {
  CheckInsTable,
  CommentsTable,
  KeyResultsTable,
  LinksTable,
  ObjectivesTable,
  PageSourcesTable,
  PeriodsTable,
  RetrospectivesTable,
} from "./schema-items.js";
import type {
  ChatWebhooksTable,
  FollowsTable,
  MailSendsTable,
  MailUnsubscribesTable,
  NotificationChannelsTable,
  NotificationDeliveriesTable,
  NotificationsTable,
  PersonalChatWebhooksTable,
  ReminderPreferencesTable,
} from "./schema-rhythm.js";

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
  /** Audit events not yet moved into `audit_events` (decisions/0053). */
  audit_journal: AuditEventsTable;
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

/**
 * Tables that hold the workspace: what a backup carries. `read_versions` and `read_changes`
 * (the answer cache's bookkeeping) and the job queue start afresh in every database.
 */
export type TableName = Exclude<
  keyof Database,
  "read_versions" | "read_changes" | "jobs" | "job_schedules" | "write_counters"
>;

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
  "audit_journal",
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
