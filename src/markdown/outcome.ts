/**
 * Outcomes as handbook pages write them (`=> 94%`, `DONE`, `=> 7 of 8 …`, `pushed to FY21Q1`)
 * read into a progress (1 = 100%) and a status. The text itself is always kept as written.
 */
import type { DocumentMeasure } from "../core/document.js";
import { progressOf } from "../core/progress.js";
import type { Status } from "../core/types.js";
import { findTopLevel, plainText, splitTopLevel } from "./inline-text.js";
import { measureOfTitle, valueOfOutcome } from "./title-measure.js";

export interface OutcomeReading {
  progress: number | null;
  status: Status | null;
  /** Where the outcome is a value of the measure the title states: both. */
  measured?: { measure: DocumentMeasure; value: number };
}

const PERCENT_LEAD = /^[([~≈]?\s*([-+]?\d+(?:\.\d+)?)\s*%/;
/** A traffic light before the figures (`🟢 (70%)`): it says how it goes, not how far. */
const LIGHT_LEAD = /^(?:\u{1F7E2}|\u{1F7E1}|\u{1F7E0}|\u{1F534})\uFE0F?\s*/u;
const RATIO_LEAD = /^(\d+(?:\.\d+)?)\s*(?:\/|of|out of)\s*(\d+(?:\.\d+)?)\b/i;
/**
 * A value, then the writer's own score in parentheses: "3 incidents (75%)", "12% (60%)",
 * "$31M (78%)". The score is the progress; the value is what was measured.
 */
const SCORE_AFTER_VALUE =
  /^[~≈]?[-+]?[$€£]?\d[\d,.]*\s*[%$€£\p{L}/]*(?:\s+\p{L}[\p{L}-]*){0,3}\s*\(\s*[~≈]?(\d+(?:\.\d+)?)\s*%\s*\)/u;
/** The close of a score after a value: `%)` and the spaces about it. */
const SCORE_TAIL = /\s*%\s*\)$/;

/**
 * Where the writer's score stands in an outcome that gives a value, then that score in
 * parentheses (`98% (40%)`: the `40`), for writing another in its place; null for any other
 * outcome.
 */
export function scoreSpan(outcome: string): { start: number; end: number } | null {
  if (!outcome.includes("(")) return null;
  const m = SCORE_AFTER_VALUE.exec(outcome);
  const tail = m === null ? null : SCORE_TAIL.exec(m[0]);
  if (m?.[1] === undefined || tail === null) return null;
  const end = m[0].length - tail[0].length;
  return { start: end - m[1].length, end };
}

/** An outcome that may be a value: it opens with a number (`61 mins`, `$31M`, `~3.4`). */
const VALUE_LEAD = /^[~≈]?\s*[$€£]?\s?\d/;
const HIRED_SO_FAR = /^hired\s+(\d+)\b/i;
/** `Closed 7`, `Signed 3 partners`: what was reached, in the words of a verb of reaching. */
const REACHED =
  /^(?:recruited|reached|closed|signed|won|booked|generated|acquired|onboarded|published|added|got)\s+(?=[$€£\d])/i;
const HIRE_TARGET = /\bhire\s+(?:\+)?(\d+)\b/i;

const CARRIED_OVER =
  /\b(carr(?:y|ied|ies)[- ](?:over|forward)|push(?:ed|ing)? (?:back )?to (?:FY|Q\d|next)|mov(?:e|ed|ing) to (?:FY|Q\d|next)|spilled over|will carry)/i;
const CANCELLED = /\b(deprioriti[sz]ed|cancel(?:l)?ed|dropped|descoped)\b/i;

/** Leading words that say how it ended, most specific first. */
const LEADING_STATUS: Array<[RegExp, Status]> = [
  [/^(?:✅|✔|☑)/u, "done"],
  [/^(?:❌|✖|✗)/u, "missed"],
  [/^not\s+started\b/i, "not_started"],
  [/^(?:not\s+(?:hit|done|complete|completed|achieved|met|yet)|miss(?:ed)?\b|failed\b)/i, "missed"],
  [/^(?:in\s+progress|ongoing|on\s+track|tracking|partially|started|initiated)\b/i, "in_progress"],
  [
    /^(?:done|achieved|complete|completed|shipped|delivered|finished|launched|published|met|yes|all\s+shipped)\b/i,
    "done",
  ],
];

/** Status from a leading keyword anywhere after `=>`, e.g. "Achieved. 50 SQOs generated." */
function leadingStatus(plain: string): Status | null {
  for (const [pattern, status] of LEADING_STATUS) if (pattern.test(plain)) return status;
  return null;
}

/** `24/7`: a slash pair above one says no share done (`15 of 12 hired` may). */
function slashAboveOne(ratio: RegExpExecArray): boolean {
  return ratio[0].includes("/") && Number(ratio[1]) > Number(ratio[2]);
}

function statusOfProgress(progress: number): Status {
  if (progress >= 1) return "done";
  if (progress > 0) return "in_progress";
  if (progress === 0) return "not_started";
  return "missed";
}

/**
 * Reads an outcome. `title` helps with outcomes that only make sense against the KR:
 * "Hire 2 Designers. => Hired 1 so far" is half done.
 * @example readOutcome("7 of 8 opportunity consults") // { progress: 0.875, status: "in_progress" }
 */
export function readOutcome(outcome: string | null, title = ""): OutcomeReading {
  if (outcome === null) return { progress: null, status: null };
  const said = plainText(outcome);
  if (said === "") return { progress: null, status: null };
  // The lights are past U+D800 (surrogate pairs): most outcomes open otherwise.
  const plain = said.charCodeAt(0) >= 0xd800 ? said.replace(LIGHT_LEAD, "") : said;
  let progress: number | null = null;
  let measured: OutcomeReading["measured"];
  const percent = PERCENT_LEAD.exec(plain);
  const ratio = RATIO_LEAD.exec(plain);
  const hired = HIRED_SO_FAR.exec(plain);
  const scored = plain.includes("(") ? SCORE_AFTER_VALUE.exec(plain) : null;
  if (scored) {
    progress = Number(scored[1]) / 100;
    // The value before the score, where it is one of the title's measure: `98% (40%)`.
    if (title !== "") measured = measuredValue(plain, plainText(title), true);
  } else if (percent) {
    progress = Number(percent[1]) / 100;
  } else if (ratio && Number(ratio[2]) > 0 && !slashAboveOne(ratio)) {
    progress = Number(ratio[1]) / Number(ratio[2]);
    if (title !== "") measured = countOfReach(ratio, plainText(title));
  } else if (hired) {
    const target = HIRE_TARGET.exec(plainText(title));
    if (target && Number(target[1]) > 0) progress = Number(hired[1]) / Number(target[1]);
  } else if (title !== "" && VALUE_LEAD.test(plain)) {
    measured = measuredValue(plain, plainText(title));
    if (measured !== undefined) progress = progressOfMeasured(measured);
  } else if (title !== "" && REACHED.test(plain)) {
    const reached = measuredValue(plain.replace(REACHED, ""), plainText(title));
    if (reached?.measure.start === 0) {
      measured = reached;
      progress = progressOfMeasured(reached);
    }
  }
  if (progress !== null && !Number.isFinite(progress)) progress = null;
  const afterNumber = plain
    .replace(PERCENT_LEAD, "")
    .replace(RATIO_LEAD, "")
    .replace(/^[\s)(,.;:-]+/, "");
  let status = leadingStatus(plain) ?? leadingStatus(afterNumber);
  // "50% ACHIEVED", "95% Done": the number says how much.
  if (status === "done" && progress !== null && progress < 1) status = statusOfProgress(progress);
  if (status !== "done") {
    // "(8th decided to push to Q1)" is a remark, not the outcome.
    const outside = plain.replace(/\([^)]*\)/g, "");
    if (CARRIED_OVER.test(outside)) status = "carried_over";
    else if (status === null && CANCELLED.test(outside)) status = "cancelled";
  }
  if (status === null && progress !== null) status = statusOfProgress(progress);
  // A traffic light alone: under way, however it goes.
  if (status === null && plain !== said) status = "in_progress";
  if (status === "done" && progress === null) progress = 1;
  return measured === undefined ? { progress, status } : { progress, status, measured };
}

/**
 * `3 of 10` after `Sign 10 new logos`: the count reached so far, where the title counts to the
 * same number from nothing. Its progress is the share, as the outcome says.
 */
function countOfReach(ratio: RegExpExecArray, title: string): OutcomeReading["measured"] {
  const read = measureOfTitle(title);
  if (read === null || read.kind !== "metric" || read.unit !== "count" || read.start !== 0)
    return undefined;
  if (read.target !== Number(ratio[2])) return undefined;
  const { scale: _, ...measure } = read;
  return { measure, value: Number(ratio[1]) };
}

/**
 * The outcome's value of the measure the title states, where it is one; of a `scored` outcome
 * (the writer's score in parentheses after it) in percent too.
 */
function measuredValue(outcome: string, title: string, scored = false): OutcomeReading["measured"] {
  const read = measureOfTitle(title);
  if (read === null) return undefined;
  const value = valueOfOutcome(outcome, read, scored);
  if (value === null) return undefined;
  const { scale: _, ...measure } = read;
  return { measure, value };
}

/**
 * The measure a key result's title states, for a line that says nothing of it yet (no outcome):
 * a plan before its first check-in is measured as the later check-ins will be.
 */
export function measureOfPlainTitle(title: string): DocumentMeasure | undefined {
  if (!/\d/.test(title)) return undefined;
  const read = measureOfTitle(plainText(title));
  if (read === null) return undefined;
  const { scale: _, ...measure } = read;
  return measure;
}

/**
 * The reading of an outcome whose value of a measure is given apart from its words (a table's
 * Current cell): the progress is the measure's rule; the words still say carried over or
 * cancelled.
 */
export function readMeasured(
  outcome: string | null,
  measured: { measure: DocumentMeasure; value: number },
): OutcomeReading {
  const progress = progressOfMeasured(measured);
  const said = readOutcome(outcome).status;
  let status = said;
  if (
    said !== "carried_over" &&
    said !== "cancelled" &&
    progress !== null &&
    Number.isFinite(progress)
  )
    status = statusOfProgress(progress);
  return { progress, status, measured };
}

function progressOfMeasured({ measure, value }: { measure: DocumentMeasure; value: number }) {
  return progressOf({
    kind: measure.kind,
    start: measure.start,
    target: measure.target,
    direction: measure.direction,
    current: value,
    progress: null,
    status: null,
  });
}

const LIST_PIECE = /^[(~]?\s*[-+]?\d+(?:\.\d+)?\s*%\)?\.?$/;

/**
 * The per-KR outcomes of `=> 27%, 0%, 227%`: two or more comma-separated results, each a bare
 * percentage. Any other outcome ("50% done, see …") is one outcome: null.
 */
export function splitOutcomeList(outcome: string): string[] | null {
  if (findTopLevel(outcome, ",") === -1) return null;
  const pieces = splitTopLevel(outcome, ",");
  if (pieces.length < 2 || !pieces.every((p) => LIST_PIECE.test(p))) return null;
  return pieces.map((p) => p.replace(/\.$/, ""));
}

/** Words that may follow ` -> ` or ` = ` when they introduce an outcome, not a title. */
export const RESULT_START =
  /^\[?\(?(?:[~≈]?[-+]?\d|done|achieved|miss|missed|not\b|in progress|complete|completed|shipped|ongoing|n\/a|partially|tracking|yes\b|no\b)/i;

/** A short outcome that says `progress` and `status` again, for documents made without text. */
export function formatOutcome(progress: number | null, status: Status | null): string | null {
  const words: Record<Status, string> = {
    done: "Done",
    missed: "Missed",
    in_progress: "In progress",
    not_started: "Not started",
    carried_over: "Carried over to next quarter",
    cancelled: "Deprioritized",
  };
  if (progress === null) return status === null ? null : words[status];
  const percent = `${Number((progress * 100).toFixed(2))}%`;
  if (status === null) return percent;
  const implied = readOutcome(percent).status;
  if (implied === status) return percent;
  if (status === "done") return `${percent} achieved`;
  return `${percent}, ${words[status].toLowerCase()}`;
}
