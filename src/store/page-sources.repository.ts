/** Page sources: the handbook page a period was imported from (see core/page-source.ts). */
import type { PageSource, PageSourceItem } from "../core/page-source.js";
import type { Id } from "../core/types.js";
import type { Db } from "./db.js";

function itemsOf(text: string): PageSourceItem[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as PageSourceItem[]) : [];
}

/** The page a period was imported from, or undefined when it was made in the app. */
export async function findPageSource(db: Db, periodId: Id): Promise<PageSource | undefined> {
  const row = await db
    .selectFrom("page_sources")
    .selectAll()
    .where("period_id", "=", periodId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    periodId: row.period_id,
    text: row.text,
    items: itemsOf(row.items),
    sectionLine: Number(row.section_line),
    recordedAt: row.recorded_at,
  };
}

/** Records (or replaces) the page a period now corresponds to. */
export async function savePageSource(db: Db, source: PageSource): Promise<void> {
  const values = {
    text: source.text,
    items: JSON.stringify(source.items),
    section_line: source.sectionLine,
    recorded_at: source.recordedAt,
  };
  await db
    .insertInto("page_sources")
    .values({ period_id: source.periodId, ...values })
    .onConflict((oc) => oc.column("period_id").doUpdateSet(values))
    .execute();
}

/** Gives items the key and line of where a written page now holds them. */
export async function assignSourceKeys(
  db: Db,
  entries: readonly { id: Id; kind: "objective" | "key_result"; key: string; line: number }[],
): Promise<void> {
  for (const entry of entries) {
    const table = entry.kind === "objective" ? "objectives" : "key_results";
    await db
      .updateTable(table)
      .set({ source_key: entry.key, source_line: entry.line })
      .where("id", "=", entry.id)
      .execute();
  }
}
