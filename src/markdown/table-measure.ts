/**
 * The figure a key result table row measures, from its Start, Target and Current cells:
 *
 * - Start and Target: a metric moved from one to the other (`120` → `200`, `14 days` → `5 days`);
 * - a Target that says a side (`< 2%`, `at least 99.9%`): a line to hold;
 * - a Target alone: a metric from nothing (`40 demos`, `$2M`).
 *
 * The Current cell is the value, whatever its unit: in a table a percentage there is the
 * figure, never the progress. Units are the title's rules (`title-measure.ts`): a cell that
 * writes none takes the other's.
 */
import type { DocumentMeasure } from "../core/document.js";
import { plainText } from "./inline-text.js";
import {
  measureOfTitle,
  quantityAt,
  type TitleMeasure,
  valueOfQuantity,
  withDurationUnit,
  withSign,
} from "./title-measure.js";

const SIDE =
  /^(?:[<>≤≥]=?|at least|at most|above|below|under|over|more than|less than|fewer than|no more than|greater than)\s*/i;

/** The measure a row's Start and Target cells state, or null. */
export function measureOfCells(start: string | null, target: string | null): TitleMeasure | null {
  if (target === null) return null;
  const to = plainText(target).trim();
  if (SIDE.test(to)) {
    const held = measureOfTitle(to);
    return held?.kind === "threshold" ? held : null;
  }
  if (start !== null) {
    const from = plainText(start).trim();
    const moved = measureOfTitle(`from ${from} to ${to}`);
    return moved?.kind === "metric" ? moved : null;
  }
  const q = quantityAt(to);
  if (q === null || q.value <= 0) return null;
  const measure: TitleMeasure = {
    kind: "metric",
    unit: q.unit,
    start: 0,
    target: q.value,
    direction: null,
    scale: q.seconds,
  };
  return withDurationUnit(withSign(measure, q.sign));
}

/** The value a Current cell gives of `measure`, in its unit; null when it gives none. */
export function valueOfCell(current: string | null, measure: TitleMeasure): number | null {
  if (current === null) return null;
  const text = plainText(current)
    .trim()
    .replace(/^[~≈]\s*/, "");
  const q = quantityAt(text);
  return q === null ? null : valueOfQuantity(q, measure);
}

/** The measure of a row's Start and Target cells; without a Target, the one its `title` states. */
export function measureOfRow(
  start: string | null,
  target: string | null,
  title: string,
): TitleMeasure | null {
  return target === null ? measureOfTitle(plainText(title)) : measureOfCells(start, target);
}

/**
 * A row's measure and value where its cells give both, the measure as documents carry it.
 * Without a Target, the measure is the one the key result's `title` states.
 */
export function measuredRow(
  start: string | null,
  target: string | null,
  current: string | null,
  title: string,
): { measure: DocumentMeasure; value: number } | null {
  if (current === null) return null;
  const read = measureOfRow(start, target, title);
  if (read === null) return null;
  const value = valueOfCell(current, read);
  if (value === null) return null;
  const { scale: _, ...measure } = read;
  return { measure, value };
}
