/**
 * A page line's key result as a metric or threshold, where the line states its measure and its
 * outcome gives a value of it (`Reduce time to merge from 70 mins to 56 mins => 61 mins`), or
 * says nothing yet: the kind, its numbers and the current value the key result is stored with,
 * so a check-in by value moves its progress by the same rule. Other lines stay key results of
 * progress as written.
 */
import type { DocumentItem, DocumentMeasure } from "../core/document.js";
import type { KeyResult, MetricUnit } from "../core/types.js";
import { measureOfPlainTitle } from "../markdown/outcome.js";

export type MeasuredFields = Pick<
  KeyResult,
  "kind" | "unit" | "start" | "target" | "direction" | "current"
>;

/**
 * The product's unit for a measure: durations are minutes and money is dollars, so a title in
 * other units keeps its numbers as written with no unit (`from 3.2 s to 1.5 s` shows 3.2 and
 * 1.5, `€40M` 40,000,000, as the title says them).
 */
function unitOf(measure: DocumentMeasure): MetricUnit | null {
  if (measure.unit === "duration") return measure.durationUnit === "min" ? "duration" : null;
  if (measure.unit === "currency") return measure.currency === "$" ? "currency" : null;
  return measure.unit;
}

/**
 * The measured fields of `item`, or null: none for a line without a measure, none for a line
 * whose outcome says a progress that is no value of it (`=> 40%` stays the progress), and none
 * for a confidential target, whose numbers stand behind a reference the title does not give.
 * A line that says nothing yet (a plan before its first check-in) is measured with no value.
 */
export function measuredFieldsOf(item: DocumentItem): MeasuredFields | null {
  if (item.confidential === true) return null;
  const { value } = item;
  const saysNothing = value === undefined && item.outcome === null && item.progress === null;
  // A plan's line is read here, not by the parser: only an import has a use for it.
  const measure = item.measure ?? (saysNothing ? measureOfPlainTitle(item.title) : undefined);
  if (measure === undefined || (value === undefined && !saysNothing)) return null;
  return {
    kind: measure.kind,
    unit: unitOf(measure),
    start: measure.kind === "metric" ? measure.start : null,
    target: measure.target,
    direction: measure.kind === "threshold" ? measure.direction : null,
    current: value ?? null,
  };
}
