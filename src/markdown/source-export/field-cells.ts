/**
 * A key result's outcome written where a page keeps it apart from the item's line: the
 * Progress and Current cells of a table row, or the `Progress:` and `Current:` property lines
 * under a heading. One rule for both: a value goes where the figure is written, in its way;
 * the progress where the progress is.
 */
import type { LineFields } from "../../core/page-source.js";
import { measureOfRow } from "../table-measure.js";
import { updateOutcome, withNumber } from "./outcome-update.js";
import { outcomeFor } from "./rewrite-line.js";

/** The places of one item's fields: a table's cells or a heading's property lines. */
export interface FieldCells {
  has(role: "outcome" | "current"): boolean;
  /** The text written there now; null when there is no such place. */
  text(role: "outcome" | "current" | "start" | "target"): string | null;
  set(role: "outcome" | "current", text: string): void;
}

/**
 * A number written in the way of `like` (the text it replaces, or the target's); of a `time`,
 * an `m` after it is minutes (`45m` -> `40m`).
 */
export function valueText(like: string | null, value: number, time = false): string {
  const written = like === null ? null : withNumber(like.replace(/^[<>≤≥]=?\s*/, ""), value, time);
  return written ?? String(Number(value.toFixed(2)));
}

function moved(before: LineFields, after: LineFields): boolean {
  return after.progress !== before.progress || after.status !== before.status;
}

/**
 * Writes a key result's new outcome into `cells`: its value where a Current place holds the
 * figure (and its progress beside it, where there is a place for that too), else its outcome
 * where the outcome is kept.
 */
export function writeOutcome(cells: FieldCells, before: LineFields, after: LineFields): void {
  if (after.value !== undefined && cells.has("current")) {
    if (after.value !== before.value) {
      const like = cells.text("current") || cells.text("target");
      // The figures' measure (Start and Target, else the title's) says whether `45m` is a time.
      const from = cells.text("start") || null;
      const measure = measureOfRow(from, cells.text("target") || null, after.title);
      cells.set("current", valueText(like || null, after.value, measure?.unit === "duration"));
    }
    if (cells.has("outcome") && moved(before, after)) {
      const written = cells.text("outcome") || null;
      cells.set("outcome", updateOutcome(written, after.progress, after.status, "") ?? "");
    }
    return;
  }
  const role = cells.has("outcome") ? "outcome" : cells.has("current") ? "current" : null;
  if (role === null) return;
  const outcome = outcomeFor(before, after);
  if (outcome !== before.outcome) cells.set(role, outcome ?? "");
}
