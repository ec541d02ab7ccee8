/**
 * A page imported again: only what the page changed since it was last read is news. A field of
 * a line that says what it said when the period last recorded the page (its import, or its
 * writing by `okr export --in-place` or `okr sync`) leaves the item as the app has it — a
 * check-in since, an owner given, a move, an archive — so importing the same page again
 * changes nothing, as it promises, and never takes the app's changes back. A field the page
 * did change is the page's to say. The fields kept are recorded as the page says them, so the
 * page-preserving export still sees the app's changes and writes them into the page.
 *
 * Nothing the app checked in is taken back by a page that does not know it (decisions/0065):
 * a line that removes a key result's figure, or says one the key result's check-ins have
 * since moved past, is a conflict, named with both figures; the import stops unless forced.
 */
import type { LineFields, LineFigure, PageSourceItem } from "../core/page-source.js";
import { formatProgress } from "../core/progress.js";
import type { CheckIn, Id, KeyResult } from "../core/types.js";

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

/** A page line taking back a key result's check-ins it does not know (decisions/0065). */
export interface OutcomeConflict {
  /** 1-based line of the page the import read. */
  line: number;
  /** The key result, as a person reads it: "Sales: Book 40 demos." */
  item: string;
  /** Where the key result stands in the app, and what the page says (null: nothing). */
  app: string;
  page: string | null;
  /** When the latest check-in the page does not know was made. */
  checkedInAt: string;
}

/** The most figures a line's record keeps of what it said before (`LineFigure`). */
const EARLIER_KEPT = 8;

function sameNumber(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
}

/** Whether two figures say the same: their values where both give one, else their progress. */
export function sameFigure(a: LineFigure, b: LineFigure): boolean {
  if (a.value !== undefined && b.value !== undefined) return a.value === b.value;
  return sameNumber(a.progress, b.progress);
}

function figureOf(item: LineFigure): LineFigure {
  return {
    outcome: item.outcome,
    progress: item.progress,
    ...(item.value === undefined ? {} : { value: item.value }),
  };
}

/**
 * The figures a line said before, once it is recorded saying `now`: `was` (its last record)
 * added where the line's figure moved. Undefined when there are none.
 */
export function earlierFigures(
  was: PageSourceItem | undefined,
  now: LineFigure,
): LineFigure[] | undefined {
  if (was === undefined || was.kind !== "key_result") return undefined;
  const earlier = was.earlier ?? [];
  if (sameFigure(was, now)) return earlier.length > 0 ? earlier : undefined;
  const figure = figureOf(was);
  return [...earlier.filter((e) => !sameFigure(e, figure)), figure].slice(-EARLIER_KEPT);
}

/** A line that says no figure: no outcome, no value, at most an unticked box. */
function saysNoFigure(page: LineFigure): boolean {
  return page.outcome === null && page.value === undefined && !(page.progress ?? 0);
}

/**
 * The latest check-in of a key result that a page line's figure takes back without knowing
 * it, or undefined. `checkIns` oldest first; `earlier`: what the line said before the app wrote
 * over it. The line takes check-ins back when it says no figure while the key result has one,
 * when it says the figure of a check-in that later ones moved past, or when it says a figure
 * the app wrote over. A figure none of those is the page's own news: it is applied.
 */
export function checkInTakenBack(
  page: LineFigure,
  app: Pick<KeyResult, "progress" | "current">,
  checkIns: readonly CheckIn[],
  earlier: readonly LineFigure[],
): CheckIn | undefined {
  const latest = checkIns.at(-1);
  if (latest === undefined) return undefined;
  const now: LineFigure = {
    outcome: null,
    progress: app.progress,
    ...(app.current === null ? {} : { value: app.current }),
  };
  if (now.progress === null && now.value === undefined) return undefined;
  if (sameFigure(page, now)) return undefined;
  if (saysNoFigure(page)) return latest;
  const figures = checkIns.map(
    (c): LineFigure => ({
      outcome: null,
      progress: c.progress,
      ...(c.value === null ? {} : { value: c.value }),
    }),
  );
  let known = -1;
  for (const [i, figure] of figures.entries()) if (sameFigure(figure, page)) known = i;
  if (known >= 0) {
    return figures.slice(known + 1).some((f) => !sameFigure(f, page)) ? latest : undefined;
  }
  return earlier.some((e) => sameFigure(e, page)) ? latest : undefined;
}

/** A key result's figure as people read it: "60%", "45 (25%)", "none". */
export function figureText(kr: Pick<KeyResult, "progress" | "current">): string {
  if (kr.current !== null) {
    return kr.progress === null
      ? String(kr.current)
      : `${kr.current} (${formatProgress(kr.progress)})`;
  }
  return kr.progress === null ? "none" : formatProgress(kr.progress);
}
