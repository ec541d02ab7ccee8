/**
 * Backups made before a migration renamed a table, restored now: their rows and counts under
 * the table's present name. 0012 made `key_result_sources` into `sources` (a row's id is its
 * key result's, as the migration moved them).
 */

/** A row of an older backup, as it is restored now. */
export function upgradeBackupRow(
  table: string,
  row: Record<string, unknown>,
): { table: string; row: Record<string, unknown> } {
  if (table === "key_result_sources")
    return { table: "sources", row: { id: row.key_result_id, kpi_id: null, ...row } };
  return { table, row };
}

/** An older backup's counts (header or trailer), under the tables' present names. */
export function upgradeBackupCounts(counts: Record<string, number>): Record<string, number> {
  if (!("key_result_sources" in counts)) return counts;
  const { key_result_sources: moved = 0, ...rest } = counts;
  return { ...rest, sources: (rest.sources ?? 0) + moved };
}
