/**
 * The outcome text a line gets when its key result's progress moved: the page's own way of
 * writing it, with the number updated (`=> 94%` -> `=> 42%`, `7 of 8` -> `6 of 8`), or a plain
 * outcome (`42%`) when the written one holds no number that says the progress.
 */
import type { DocumentMeasure } from "../../core/document.js";
import type { Status } from "../../core/types.js";
import { plainText } from "../inline-text.js";
import { formatOutcome, readOutcome, scoreSpan } from "../outcome.js";
import {
  leadingNumberSpan,
  measureOfTitle,
  quantityAt,
  secondsOfMeasure,
  type TitleMeasure,
  valueOfQuantity,
} from "../title-measure.js";

function percentText(progress: number): string {
  return String(Number((progress * 100).toFixed(2)));
}

function sameProgress(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) < 1e-9;
}

/** An outcome that is a percentage alone (`40%`): the progress, never a value. */
const BARE_PERCENT = /^[~≈]?\s*[-+]?\d+(?:\.\d+)?\s*%$/;

/**
 * Whether `candidate`, a value then its score in parentheses, reads back as a value of the
 * title's measure at `progress` as the score writes it (to two decimals of a percent).
 */
function saysValueAndScore(candidate: string, title: string, progress: number): boolean {
  const read = readOutcome(candidate, title);
  return (
    read.measured !== undefined && sameProgress(read.progress, Number(percentText(progress)) / 100)
  );
}

/**
 * `written` with its number changed to say `progress`, or a fresh outcome when it cannot. A
 * line with no outcome yet whose title states a measure says its `value` the way the title
 * writes the target (`from 10 days to 4 days` -> `8 days`).
 */
export function updateOutcome(
  written: string | null,
  progress: number | null,
  status: Status | null,
  title: string,
  value: number | null = null,
): string | null {
  if (written === null && progress !== null && value !== null && title !== "") {
    const stated = valueOfPlanLine(title, progress, value);
    if (stated !== null) return stated;
  }
  if (written === null || progress === null) return formatOutcome(progress, status);
  if (value !== null && title !== "") {
    const both = valueAndScore(written, progress, title, value);
    if (both !== null) return both;
  }
  const percent = /[-+]?\d+(?:\.\d+)?(?=\s*%)/.exec(written);
  if (percent !== null) {
    const candidate =
      written.slice(0, percent.index) +
      percentText(progress) +
      written.slice(percent.index + percent[0].length);
    if (sameProgress(readOutcome(candidate, title).progress, progress)) return candidate;
  }
  const ratio = /^(\d+(?:\.\d+)?)(\s*(?:\/|of|out of)\s*)(\d+(?:\.\d+)?)/i.exec(written);
  if (ratio !== null) {
    const done = progress * Number(ratio[3]);
    if (Number.isInteger(Number(done.toFixed(9)))) {
      const candidate = `${Number(done.toFixed(9))}${ratio[2]}${ratio[3]}${written.slice(ratio[0].length)}`;
      if (sameProgress(readOutcome(candidate, title).progress, progress)) return candidate;
    }
  }
  const measured = measuredValueText(written, progress, title, value);
  if (measured !== null) return measured;
  return formatOutcome(progress, status);
}

/**
 * The outcome a key result's line says now: the one written while it still gives the key
 * result's progress, else that one with its number updated (`updateOutcome`). A check-in moves
 * the progress and leaves the written words, so every export goes through here.
 */
export function outcomeNow(
  written: string | null,
  progress: number | null,
  status: Status | null,
  title: string,
  value: number | null = null,
): string | null {
  const says = readOutcome(written, title);
  // A written value that is not the key result's now says another figure at the same progress.
  const said = says.measured?.value;
  const sameValue =
    value === null || said === undefined || Math.abs(said - value) <= 1e-9 * Math.max(1, value);
  if (
    written !== null &&
    says.progress === progress &&
    (progress !== null || says.status === status) &&
    sameValue
  )
    return written;
  return updateOutcome(written, progress, status, title, value);
}

/**
 * The key result's `value` and `progress` written in an outcome that said a value, then the
 * writer's score in parentheses (`98% (40%)` -> `99% (80%)`), both in their own way; and in
 * place of a bare percentage after a title in percent, which cannot say a value
 * (`40%` -> `99% (80%)`, as a line without an outcome is written). Null otherwise.
 */
function valueAndScore(
  written: string,
  progress: number,
  title: string,
  value: number,
): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  if (BARE_PERCENT.test(written.trim())) return valueOfPlanLine(title, progress, value, true);
  const score = scoreSpan(written);
  if (score === null) return null;
  const measure = readOutcome(written, title).measured?.measure;
  if (measure === undefined) return null;
  const rescored = written.slice(0, score.start) + percentText(progress) + written.slice(score.end);
  const figure = inWrittenUnit(written, value, measure);
  const candidate = withNumber(rescored, figure, measure.unit === "duration");
  if (candidate === null) return null;
  return saysValueAndScore(candidate, title, progress) ? candidate : null;
}

/**
 * `written` holding its key result's value, where the outcome gave one of the title's measure
 * (`=> 61 mins` -> `=> 58 mins`, `=> 1.38M` -> `=> 1.44M`): the current `value` where the key
 * result has one, else a metric's value at `progress`; only where reading it back gives that
 * progress. Null otherwise: a line held says no one value, nor does a metric at 0, nor a
 * figure that cannot be written to two decimals.
 */
function measuredValueText(
  written: string,
  progress: number,
  title: string,
  value: number | null,
): string | null {
  const measure = readOutcome(written, title).measured?.measure;
  if (measure === undefined) return null;
  let figure = value;
  if (figure === null && measure.kind === "metric" && measure.start !== null && progress > 0) {
    figure = measure.start + progress * (measure.target - measure.start);
  }
  if (figure === null || !Number.isFinite(figure) || figure < 0) return null;
  const time = measure.unit === "duration";
  const candidate = withNumber(written, inWrittenUnit(written, figure, measure), time);
  if (candidate === null) return null;
  return sameProgress(readOutcome(candidate, title).progress, progress) ? candidate : null;
}

/**
 * A duration `figure` of `measure` in the unit `written` gives its own (90 minutes of a measure
 * in minutes is 1.5 for `=> 2h`); the figure as it is for any other measure.
 */
function inWrittenUnit(written: string, figure: number, measure: DocumentMeasure): number {
  if (measure.unit !== "duration") return figure;
  const q = quantityAt(written.replace(/^[~≈]\s*/, ""));
  const seconds = q?.mWritten ? 60 : q?.written && q.unit === "duration" ? q.seconds : null;
  return seconds === null ? figure : (figure * secondsOfMeasure(measure)) / seconds;
}

/** Where a number may open a quantity in a title: not inside a word (`p95`) or a number. */
const NUMBER_START = /(?<![\p{L}\d.,])[$€£]?\d/gu;

/** The longest a quantity's text runs (digits, scale and unit word). */
const QUANTITY_SPAN = 40;

/** The title's own text of its measure's target (`4 days` of `from 10 days to 4 days`), or null. */
function targetText(title: string, measure: TitleMeasure): string | null {
  NUMBER_START.lastIndex = 0;
  for (let m = NUMBER_START.exec(title); m !== null; m = NUMBER_START.exec(title)) {
    const text = title.slice(m.index, m.index + QUANTITY_SPAN);
    const q = quantityAt(text);
    if (q !== null && valueOfQuantity(q, measure) === measure.target)
      return text.slice(0, q.length);
  }
  return null;
}

/**
 * A line that had no outcome yet (a plan's: `Reduce lead time from 10 days to 4 days`) given the
 * key result's `value`, written as the title writes its target (`8 days`); null where the title
 * states no measure, or reading it back does not give `progress`. A value in percent that does
 * not say the progress alone is followed by it in parentheses (`98% (40%)`): alone, `=> 98%`
 * would read as 98% progress. `inPercent`: only a measure in percent.
 */
function valueOfPlanLine(
  title: string,
  progress: number,
  value: number,
  inPercent = false,
): string | null {
  if (!/\d/.test(title) || !Number.isFinite(value) || value < 0) return null;
  const plain = plainText(title);
  const measure = measureOfTitle(plain);
  if (measure === null || (inPercent && measure.unit !== "percent")) return null;
  const target = targetText(plain, measure);
  const candidate = target === null ? null : withNumber(target, value, measure.unit === "duration");
  if (candidate === null) return null;
  if (sameProgress(readOutcome(candidate, title).progress, progress)) return candidate;
  if (measure.unit !== "percent") return null;
  const both = `${candidate} (${percentText(progress)}%)`;
  return saysValueAndScore(both, title, progress) ? both : null;
}

/**
 * `written` with the number it opens with replaced by `value`, in its own way (`1.38M` says
 * 1,440,000 as `1.44M`, `1,200` as `1,250`; a `time`'s `45m` as `40m`), to two decimals; null
 * when it opens with none.
 */
export function withNumber(written: string, value: number, time = false): string | null {
  const span = leadingNumberSpan(written, time);
  if (span === null || !Number.isFinite(value)) return null;
  const rounded = Number((value / span.scale).toFixed(2));
  // A number padded with zeros keeps its decimals (`$1.20M` -> `$1.00M`), more where needed.
  const decimals = span.padded ? Math.min(2, span.decimals) : 0;
  const text = span.commas
    ? rounded.toLocaleString("en-US", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: 2,
      })
    : decimals > 0 && Number(rounded.toFixed(decimals)) === rounded
      ? rounded.toFixed(decimals)
      : String(rounded);
  return written.slice(0, span.start) + text + written.slice(span.end);
}
