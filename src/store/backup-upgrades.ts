/**
 * Backups made before a migration changed a table, restored now. 0012 made
 * `key_result_sources` into `sources` (a row's id is its key result's, as the migration moved
 * them): their rows and counts come under the table's present name. 0019 gave people and teams
 * the keys they are found by (decisions/0059): a row of either gets them computed from its name
 * and title, as every write does, whatever the backup held.
 */
import { nameKey } from "../core/name-key.js";

/** A row of an older backup, as it is restored now. */
export function upgradeBackupRow(
  table: string,
  row: Record<string, unknown>,
): { table: string; row: Record<string, unknown> } {
  if (table === "key_result_sources")
    return { table: "sources", row: { id: row.key_result_id, kpi_id: null, ...row } };
  if (table === "people")
    return {
      table,
      row: { ...row, name_key: keyOf(row.name), title_key: keyOf(row.title) },
    };
  if (table === "teams") return { table, row: { ...row, name_key: keyOf(row.name) } };
  return { table, row };
}

/** The key of a name as a backup holds it; anything but text (a missing title) has none. */
function keyOf(value: unknown): string | null {
  return typeof value === "string" ? nameKey(value) : null;
}

/** An older backup's counts (header or trailer), under the tables' present names. */
export function upgradeBackupCounts(counts: Record<string, number>): Record<string, number> {
  if (!("key_result_sources" in counts)) return counts;
  const { key_result_sources: moved = 0, ...rest } = counts;
  return { ...rest, sources: (rest.sources ?? 0) + moved };
}
