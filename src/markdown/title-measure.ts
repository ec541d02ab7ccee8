/**
 * The measure a key result's words state, and a value an outcome gives of it:
 *
 * - a metric moved `from 70 mins to 56 mins`, `from $1.2M to $1.5M`;
 * - a line to hold: `above 99.9%`, `under 1 min`, `within 4 hours`, `> 3.4`, `at least 2 modules` (only where the
 *   title names one such line, so "over 10 hits/day to < 1 s" is read as none);
 * - a count to reach from nothing: `Hire 25 engineers`, `Generate $40M in pipeline` (a verb of
 *   reaching and one number).
 *
 * An outcome is a value of that measure when it opens with a number in the same unit
 * (`=> 61 mins`, `=> $31M`, `=> 3.43`); a percentage after `=>` stays the progress, as the
 * handbook pages write it. The progress itself is core's rule for the kind (`progressOf`).
 */
import type { CurrencySign, DocumentMeasure, DurationUnit } from "../core/document.js";

type Unit = DocumentMeasure["unit"];

/** A measure as read, with the seconds in one of its units (durations; 1 otherwise). */
export interface TitleMeasure extends DocumentMeasure {
  scale: number;
}

export interface Quantity {
  value: number;
  unit: Unit;
  /** Seconds in one of its units, for durations; 1 otherwise. */
  seconds: number;
  /** The unit was written (a sign, a `%`, a duration word), not taken from the other side. */
  written: boolean;
  /** The sign of money written before it. */
  sign?: CurrencySign;
  /** How many characters of the text it took, unit included. */
  length: number;
  /** Written with a lower-case `m` and no sign (`30m`): beside a time, that is minutes. */
  mWritten?: true;
}

/** A quantity written `30m` read as minutes (beside a time: `from 2h to 30m`, `=> 45m`). */
function asMinutes(q: Quantity): Quantity {
  return { value: q.value / 1e6, unit: "duration", seconds: 60, written: true, length: q.length };
}

const NUMBER =
  /^([$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(k|m|mm|bn|b)(?![\p{L}]))?(?:\s*(%|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)(?![\p{L}]))?/iu;

const SCALES: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

function secondsOf(word: string): number {
  const w = word.toLowerCase();
  if (w === "ms" || w.startsWith("milli")) return 0.001;
  if (w === "s" || w.startsWith("sec")) return 1;
  if (w.startsWith("m")) return 60;
  if (w.startsWith("h")) return 3600;
  if (w.startsWith("d")) return 86_400;
  return 604_800;
}

/** The number opening `text` with its unit, or null. */
export function quantityAt(text: string): Quantity | null {
  const m = NUMBER.exec(text);
  if (!m?.[2]) return null;
  let value = Number(`${m[2].replaceAll(",", "")}${m[3] ? `.${m[3]}` : ""}`);
  if (m[4]) value *= SCALES[m[4].toLowerCase()] ?? 1;
  if (!Number.isFinite(value)) return null;
  const word = m[5];
  const length = m[0].length;
  if (m[1]) {
    const sign = m[1] as CurrencySign;
    return { value, unit: "currency", seconds: 1, written: true, sign, length };
  }
  if (word === "%") return { value, unit: "percent", seconds: 1, written: true, length };
  if (word) return { value, unit: "duration", seconds: secondsOf(word), written: true, length };
  if (m[4] === "m")
    return { value, unit: "count", seconds: 1, written: false, length, mWritten: true };
  return { value, unit: "count", seconds: 1, written: false, length };
}

/** Where the number opening `text` is written (after `~`, a sign of money), and its scale. */
export interface NumberSpan {
  start: number;
  end: number;
  /** What a `k`, `M` or `bn` after it multiplies by; 1 without one. */
  scale: number;
  /** Written with thousands separated by commas. */
  commas: boolean;
  /** How many decimals were written after the point. */
  decimals: number;
  /** The decimals end in a zero: the writer pads to a number of them (`1.20`, `4.0`). */
  padded: boolean;
}

/**
 * The span of the number opening `text`, for writing another in its place (of a `time`, an `m`
 * after it is minutes); null when none.
 */
export function leadingNumberSpan(text: string, time = false): NumberSpan | null {
  const lead = /^[~≈]?\s*[$€£]?\s?/.exec(text)?.[0] ?? "";
  const m = NUMBER.exec(text.slice(lead.length));
  if (!m?.[2]) return null;
  // The digits and decimals only: a scale or unit after them stays as written.
  const start = lead.length;
  const end = start + m[2].length + (m[3] ? m[3].length + 1 : 0);
  // Of a time, `45m` is minutes: the number is the value as it stands.
  const scale = m[4] && !(time && m[4] === "m") ? (SCALES[m[4].toLowerCase()] ?? 1) : 1;
  const decimals = m[3]?.length ?? 0;
  const padded = m[3]?.endsWith("0") ?? false;
  return { start, end, scale, commas: m[2].includes(","), decimals, padded };
}

/** The two ends of `from A to B`, one taking the other's unit where only one wrote it. */
function metricOf(text: string): TitleMeasure | null {
  let found: RegExpExecArray | null = null;
  const pattern = /\bfrom\s+(?=[$€£\d])/gi;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) found = m;
  if (found === null) return null;
  const afterFrom = text.slice(found.index + found[0].length);
  let start = quantityAt(afterFrom);
  if (start === null) return null;
  const rest = afterFrom.slice(start.length);
  const to = /^\s+to\s+/i.exec(rest);
  if (to === null) return null;
  let target = quantityAt(rest.slice(to[0].length));
  if (target === null) return null;
  if (start.unit === "duration" && target.mWritten) target = asMinutes(target);
  else if (target.unit === "duration" && start.mWritten) start = asMinutes(start);
  const unit = sameUnit(start, target);
  if (unit === null || (start.sign && target.sign && start.sign !== target.sign)) return null;
  const scale = target.written ? target.seconds : start.seconds;
  const startValue = (start.value * (start.written ? start.seconds : scale)) / scale;
  const targetValue = (target.value * (target.written ? target.seconds : scale)) / scale;
  if (startValue === targetValue) return null;
  const measure: TitleMeasure = {
    kind: "metric",
    unit,
    start: startValue,
    target: targetValue,
    direction: null,
    scale,
  };
  return withSign(measure, target.sign ?? start.sign);
}

/** A measure of money with the sign its title writes. */
export function withSign(measure: TitleMeasure, sign: CurrencySign | undefined): TitleMeasure {
  return sign === undefined ? measure : { ...measure, currency: sign };
}

/** The unit two quantities share, one taking the other's where only one wrote it. */
function sameUnit(a: Quantity, b: Quantity): Unit | null {
  if (!a.written) return b.unit;
  if (!b.written) return a.unit;
  return a.unit === b.unit ? a.unit : null;
}

const ABOVE =
  /(?:\b(?:above|over|more than|greater than|at least|exceeding)\s+|(?:>=?|≥)\s*)(?=[$€£\d])/gi;
const BELOW =
  /(?:\b(?:below|under|within|less than|fewer than|at most|no more than)\s+|(?:<=?|≤)\s*)(?=[$€£\d])/gi;

/** A date a title sets its time by: `2024-03-31`, or a year after `in`, `by`, `Q3`, `FY`…. */
const DATE_IN_TITLE =
  /\b\d{4}-\d{2}-\d{2}\b|\b(?:in|by|for|during|before|until|through|of|end|Q[1-4]|H[12]|FY)\s+(?:19|20)\d{2}(?:-\d{2}-\d{2})?\b/gi;

/** How many numbers a title holds, not counting those inside words (`p95`, `Q3`) or dates. */
function numbersIn(text: string): number {
  const undated = /\d{4}/.test(text) ? text.replace(DATE_IN_TITLE, "") : text;
  return (undated.match(/(?<![\p{L}\d.,])\d+(?:[.,]\d+)*/gu) ?? []).length;
}

/** The one line a title says to hold, or null when it names none or several. */
function thresholdOf(text: string): TitleMeasure | null {
  const found: Array<{ at: number; direction: "above" | "below" }> = [];
  for (const [pattern, direction] of [
    [ABOVE, "above"],
    [BELOW, "below"],
  ] as const) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      found.push({ at: m.index + m[0].length, direction });
    }
  }
  // "Close 15 deals above $100k": a line qualifying what is counted, not the measure.
  if (found.length !== 1 || numbersIn(text) !== 1) return null;
  const [line] = found as [{ at: number; direction: "above" | "below" }];
  const target = quantityAt(text.slice(line.at));
  if (target === null) return null;
  const measure: TitleMeasure = {
    kind: "threshold",
    unit: target.unit,
    start: null,
    target: target.value,
    direction: line.direction,
    scale: target.seconds,
  };
  return withSign(measure, target.sign);
}

const REACH =
  /^(?:hire|recruit|reach|close|sign|win|book|generate|acquire|onboard|publish|add|get)\s+(?:\S+\s+){0,2}?(?=[$€£\d])/i;

/** `Hire 25 engineers`: a count reached from nothing, where the title holds one number. */
function reachOf(text: string): TitleMeasure | null {
  const m = REACH.exec(text);
  if (m === null) return null;
  if (numbersIn(text) !== 1) return null;
  const target = quantityAt(text.slice(m[0].length));
  if (target === null || target.value <= 0 || target.unit === "percent") return null;
  const measure: TitleMeasure = {
    kind: "metric",
    unit: target.unit,
    start: 0,
    target: target.value,
    direction: null,
    scale: target.seconds,
  };
  return withSign(measure, target.sign);
}

const DURATION_UNITS: ReadonlyArray<[number, DurationUnit]> = [
  [0.001, "ms"],
  [1, "s"],
  [60, "min"],
  [3600, "h"],
  [86_400, "day"],
  [604_800, "week"],
];

/** The duration unit of so many seconds (`3600` is `h`), or none. */
export function durationUnitOf(seconds: number): DurationUnit | undefined {
  return DURATION_UNITS.find(([s]) => s === seconds)?.[1];
}

/** Seconds in one unit of a measure as documents carry it: its duration unit's; 1 otherwise. */
export function secondsOfMeasure(measure: DocumentMeasure): number {
  return DURATION_UNITS.find(([, unit]) => unit === measure.durationUnit)?.[0] ?? 1;
}

/** The measure a key result's title (plain text) states, or null. */
export function measureOfTitle(title: string): TitleMeasure | null {
  if (!/\d/.test(title)) return null;
  const measure = metricOf(title) ?? thresholdOf(title) ?? reachOf(title.trim());
  return measure === null ? null : withDurationUnit(measure);
}

/** A duration's measure with the unit its scale is, as the page writes it. */
export function withDurationUnit(measure: TitleMeasure): TitleMeasure {
  if (measure.unit !== "duration") return measure;
  const unit = durationUnitOf(measure.scale);
  return unit === undefined ? measure : { ...measure, durationUnit: unit };
}

/**
 * The value an outcome (plain text) gives of `measure`: its opening number, in the measure's
 * unit. Null for a percentage of a measure that is not one, for a unit that differs, and for a
 * measure in percent, unless the outcome is `scored` (a value, then the writer's score in
 * parentheses: `=> 98% (40%)`): `=> 94%` is the progress.
 */
export function valueOfOutcome(
  outcome: string,
  measure: TitleMeasure,
  scored = false,
): number | null {
  if (measure.unit === "percent" && !scored) return null;
  const text = outcome.replace(/^[~≈]\s*/, "");
  const q = quantityAt(text);
  if (q === null || (q.unit === "percent" && measure.unit !== "percent")) return null;
  // "12 deals" counts something: no value of an amount of money or of time.
  const counted = /^\s+\p{L}/u.test(text.slice(q.length));
  if (!q.written && counted && measure.unit !== "count") return null;
  return valueOfQuantity(q, measure);
}

/**
 * A written quantity as a value of `measure`, in its unit: null where it writes another unit
 * or another sign of money; a number with no unit takes the measure's.
 */
export function valueOfQuantity(written: Quantity, measure: TitleMeasure): number | null {
  const q = measure.unit === "duration" && written.mWritten ? asMinutes(written) : written;
  if (q.written && q.unit !== measure.unit) return null;
  if (q.sign !== undefined && measure.currency !== undefined && q.sign !== measure.currency)
    return null;
  const seconds = q.written ? q.seconds : measure.scale;
  return (q.value * seconds) / measure.scale;
}
