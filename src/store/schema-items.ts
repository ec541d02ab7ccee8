/**
 * Kysely table types of periods, objectives, key results and what hangs on them.
 * Conventions every table follows: see schema.ts.
 */
import type { IntBool } from "./schema-columns.js";

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
