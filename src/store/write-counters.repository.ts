/**
 * The write counters of migration 0014: stepped by triggers on every write to follows, users
 * and people (`accounts`), and webhooks, so a process may keep what it read of those tables
 * while their counter stands still (docs/decisions/0035).
 */

import { type RawBuilder, sql } from "kysely";
import { byCodeUnits } from "../core/collections.js";
import { type Db, isPostgres } from "./db.js";

export const WRITE_COUNTERS = ["accounts", "follows", "webhooks"] as const;
export type WriteCounterName = (typeof WRITE_COUNTERS)[number];

/** Each counter's value as text (`""` where a database has none yet). */
export type WriteCounters = Record<WriteCounterName, string>;

/**
 * The counters as one text value, `accounts=3,follows=5,webhooks=0`, for folding into another
 * statement (the read that locks a key result to check in) instead of a round trip of its own.
 */
export function writeCountersText(db: Db): RawBuilder<string | null> {
  return isPostgres(db)
    ? sql<
        string | null
      >`(select string_agg(name || '=' || n, ',' order by name collate "C") from write_counters)`
    : sql<string | null>`(select group_concat(name || '=' || n, ',') from write_counters)`;
}

/**
 * The counters as `writeCountersText()` gives them on PostgreSQL (by name, in plain code-unit
 * order): for comparing with the database's in a statement.
 */
export function writeCountersTextOf(counters: Readonly<Record<string, string>>): string {
  return Object.keys(counters)
    .sort(byCodeUnits)
    .map((name) => `${name}=${counters[name]}`)
    .join(",");
}

/** Reads `writeCountersText()`'s value back into the counters. */
export function parseWriteCounters(text: string | null | undefined): WriteCounters {
  const counters: WriteCounters = { accounts: "", follows: "", webhooks: "" };
  for (const part of (text ?? "").split(",")) {
    const [name, value] = part.split("=");
    if (name && value !== undefined && (WRITE_COUNTERS as readonly string[]).includes(name)) {
      counters[name as WriteCounterName] = value;
    }
  }
  return counters;
}

/** The ids of the items anyone chose to follow or to unfollow. */
export async function listItemsWithFollowChoices(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("follows").select("item_id").distinct().execute();
  return new Set(rows.map((row) => row.item_id));
}
