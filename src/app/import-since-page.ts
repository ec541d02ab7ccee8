/**
 * A page imported again: only what the page changed since it was last read is news. A field of
 * a line that says what it said when the period last recorded the page (its import, or its
 * writing by `okr export --in-place` or `okr sync`) leaves the item as the app has it — a
 * check-in since, an owner given, a move, an archive — so importing the same page again
 * changes nothing, as it promises, and never takes the app's changes back. A field the page
 * did change is the page's to say. The fields kept are recorded as the page says them, so the
 * page-preserving export still sees the app's changes and writes them into the page.
 */
import type { LineFields, PageSourceItem } from "../core/page-source.js";
import type { Id } from "../core/types.js";

/** What a line says of its item now, read the way the page source records it. */
export interface LineReading extends LineFields {
  parentId: Id | null;
}

/** The item fields each line field stands for in an import's change. */
const FIELDS_OF: Record<keyof LineReading, readonly string[]> = {
  title: ["title"],
  owner: ["owner"],
  outcome: ["outcome"],
  status: ["status"],
  progress: ["progress"],
  // The value, with the measure the title states: the title is the item's identity already.
  value: ["kind", "unit", "start", "target", "direction", "current"],
  parentId: ["objectiveId", "parentObjectiveId", "parentKeyResultId"],
};

const READINGS = Object.keys(FIELDS_OF) as (keyof LineReading)[];

export interface SincePage<W> {
  /** The change with the fields the page did not change taken out. */
  wanted: W;
  /**
   * The page's reading of the fields taken out, to record as the page says them; undefined
   * where the page was not recorded with this item.
   */
  kept: Partial<LineReading> | undefined;
}

/**
 * `wanted` (an import's change of an item) without what the page has not changed since
 * `before` (the item as the page was last recorded); all of it where the page was not
 * recorded with this item. An item still on the page is not archived by it either, and one
 * the app moved under another parent keeps its place there (`storedParentId`: where it is).
 * An owner the import was told how to read is news: the line's name now means another owner.
 */
export function sincePage<W extends object>(
  wanted: W,
  now: LineReading,
  before: PageSourceItem | undefined,
  storedParentId: Id | null,
  /** The import was told whom the line's owner is (`--map-owner`, `--attach-owners`). */
  ownerMapped = false,
): SincePage<W> {
  if (before === undefined) return { wanted, kept: undefined };
  const change = { ...wanted } as Record<string, unknown>;
  const kept: Partial<LineReading> = {};
  for (const reading of READINGS) {
    if (now[reading] !== before[reading] || (reading === "owner" && ownerMapped)) continue;
    for (const field of FIELDS_OF[reading]) delete change[field];
    (kept as Record<string, unknown>)[reading] = before[reading];
  }
  delete change.archived;
  if (kept.parentId !== undefined && storedParentId !== now.parentId) delete change.position;
  return { wanted: change as W, kept };
}
