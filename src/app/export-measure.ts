/**
 * The measure and value a key result carries in an exported document (decisions/0058), so a
 * JSON export imported elsewhere makes the same metric or threshold key result
 * (`import-measure.ts` reads them back).
 */
import type { DocumentMeasure } from "../core/document.js";
import type { KeyResult } from "../core/types.js";
import { plainText } from "../markdown/inline-text.js";
import { measureOfPlainTitle } from "../markdown/outcome.js";
import { durationUnitOf, quantityAt } from "../markdown/title-measure.js";

type Base = Omit<DocumentMeasure, "unit" | "durationUnit" | "currency">;

/**
 * The unit of numbers kept as the page wrote them (no unit of the product's: hours, seconds,
 * euros): the one the title states them in, else the one its written outcome gives.
 */
function writtenUnit(kr: KeyResult, base: Base): Partial<DocumentMeasure> | null {
  const stated = measureOfPlainTitle(kr.title);
  if (
    stated !== undefined &&
    stated.kind === base.kind &&
    stated.start === base.start &&
    stated.target === base.target
  ) {
    const { unit, durationUnit, currency } = stated;
    return { unit, ...(durationUnit ? { durationUnit } : {}), ...(currency ? { currency } : {}) };
  }
  const written = kr.outcome === null ? null : quantityAt(plainText(kr.outcome).trim());
  if (written?.sign !== undefined) return { unit: "currency", currency: written.sign };
  const durationUnit = written?.written ? durationUnitOf(written.seconds) : undefined;
  if (written?.unit === "duration" && durationUnit !== undefined)
    return { unit: "duration", durationUnit };
  return null;
}

/** A metric or threshold key result's measure and current value; none for any other. */
export function documentMeasureOf(
  kr: KeyResult,
): { measure: DocumentMeasure; value: number } | null {
  if (kr.kind !== "metric" && kr.kind !== "threshold") return null;
  if (kr.target === null || kr.current === null || kr.targetConfidential) return null;
  if (kr.kind === "metric" ? kr.start === null : kr.direction === null) return null;
  const base: Base = {
    kind: kr.kind,
    start: kr.kind === "metric" ? kr.start : null,
    target: kr.target,
    direction: kr.kind === "threshold" ? kr.direction : null,
  };
  let unit: Partial<DocumentMeasure> | null;
  if (kr.unit === "duration") unit = { unit: "duration", durationUnit: "min" };
  else if (kr.unit === "currency") unit = { unit: "currency", currency: "$" };
  else if (kr.unit === "count" || kr.unit === "percent") unit = { unit: kr.unit };
  else if (kr.unit === null) unit = writtenUnit(kr, base);
  else unit = null;
  if (unit === null || unit.unit === undefined) return null;
  return { measure: { ...base, ...unit } as DocumentMeasure, value: kr.current };
}
