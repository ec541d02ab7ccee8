/**
 * Kysely table types of outgoing webhooks, connections, sources and KPIs.
 * Conventions every table follows: see schema.ts.
 */
import type { ColumnType } from "kysely";
import type { IntBool } from "./schema-columns.js";

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
