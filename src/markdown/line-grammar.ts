/**
 * The grammar of one OKR line, as the handbook pages write it:
 *
 * - `Owner: Objective. KR, KR => outcome` — one-line OKRs, outcomes after `=>`, `->`, ` = `;
 * - `Owner: Objective KR: a, b, c`;
 * - `**Owner: Objective.** => outcome` — an objective in bold, `**[Owner: Title](url)**` too;
 * - `Owner KR: key result` and `KR: key result`;
 * - `VPE`, `CPO:` — an owner alone, grouping the lines below;
 * - trailing results: `DONE`, `50% ACHIEVED`, `: 45% done`, `- 0% done -`, `(50% complete, …)`.
 *
 * Which kind a line is (objective or key result) also depends on where it sits; the tree
 * builder in `parse-handbook.ts` decides that. Here: one line in, its parts out.
 */

import { markRun } from "./end-marks.js";
import {
  closingBracket,
  closingParen,
  findTopLevel,
  isTopLevelAt,
  plainText,
  splitTopLevel,
  trimTrailingBackslashes,
} from "./inline-text.js";
import { RESULT_START, readOutcome } from "./outcome.js";

export interface LineParts {
  owner: string | null;
  /** The owner was written as a link: `[Name](url): …`. */
  ownerUrl: string | null;
  /** The objective is written in bold. */
  bold: boolean;
  /** Written as a key result: `KR: …`, `KR 2.1: …`, `Key result: …` or `Owner KR: …`. */
  krMarker: boolean;
  /** Written as an objective: `Objective: …`, `Objective 2: …`, `Goal: …`, `O1: …`. */
  objectiveMarker: boolean;
  /** An owner alone (`CPO:`): groups the lines below it. */
  grouping: boolean;
  /** A short line without a colon (`VPE`, `Sr Director of Development`): an owner if it has children. */
  ownerOnly: string | null;
  /** The title: the objective of a one-line OKR, or the whole line. */
  title: string;
  /** The key result part of a one-line OKR (`Objective. KR, KR` or `Objective KR: a, b`). */
  krPart: string | null;
  /** The key result part is a comma list (`KR: a, b, c`). */
  krList: boolean;
  /** The whole text after the owner, before the outcome (a key result's title). */
  body: string;
  outcome: string | null;
}

const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "etc",
  "vs",
  "dir",
  "sr",
  "jr",
  "mr",
  "ms",
  "mrs",
  "dr",
  "st",
  "no",
  "approx",
  "incl",
  "inc",
  "co",
  "corp",
  "ltd",
  "fig",
  "cf",
  "al",
]);

/**
 * Labels that say what a line is, written where an owner would stand (`KR 1.2: …`): they
 * name no owner. Numbered or not, `#` or not.
 */
const KEY_RESULT_LABEL = /^(?:key\s+results?|krs?)\s*#?\d*(?:\.\d+)*$/i;
const OBJECTIVE_LABEL = /^(?:(?:(?:sub-?)?objective|goal)\s*#?\d*(?:\.\d+)*|O\d+(?:\.\d+)*)$/i;

const SENTENCE_START = /^[\p{Lu}\d[*$%~≥≤><(`"“'_]/u;

/** The run of non-space characters that ends at `at` (a linear `/(\S+)$/`). */
function lastWordBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !/\s/.test(text[start - 1] as string)) start--;
  return text.slice(start, at);
}

/** Splits off the first sentence at a top-level ". " followed by a sentence start. */
export function splitSentence(text: string): [string, string | null] {
  let from = 0;
  for (;;) {
    const at = findTopLevel(text, ". ", from);
    if (at === -1) return [text, null];
    from = at + 2;
    const word = lastWordBefore(text, at)
      .toLowerCase()
      .replace(/^[(*_"“]+/, "");
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word))
      continue;
    const after = text.slice(at + 2).trimStart();
    if (after === "" || !(SENTENCE_START.test(after) || /^\p{Ll}+\p{Lu}/u.test(after))) continue;
    return [text.slice(0, at + 1).trim(), after];
  }
}

/** Every sentence of a text, as split by `splitSentence`. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let rest: string | null = text.trim();
  while (rest !== null && rest !== "") {
    const [first, more]: [string, string | null] = splitSentence(rest);
    out.push(first);
    rest = more;
  }
  return out;
}

const OWNER_MAX_WORDS = 10;

/** Whether text before a colon can be an owner: a role, team or name, not a sentence. */
export function isOwnerShape(candidate: string): boolean {
  const text = candidate.trim();
  if (text === "" || text.length > 80) return false;
  if (/\]\(|`|https?:|=>|->|[!?]/.test(text)) return false;
  if (text.includes(". ") && /\p{Ll}{4,}\.\s/u.test(text)) return false;
  if (!/^[\p{L}\d*_]/u.test(text)) return false;
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) words++;
  return words <= OWNER_MAX_WORDS;
}

interface OwnerSplit {
  owner: string | null;
  ownerUrl: string | null;
  rest: string;
}

/** `Owner: rest`, `[Name](url): rest`, `*Fellow*: rest`; owner null when there is none. */
export function splitOwner(text: string): OwnerSplit {
  const none = { owner: null, ownerUrl: null, rest: text };
  if (text.startsWith("[")) {
    const close = closingBracket(text, 0);
    if (close !== -1 && text[close] === "(") {
      const end = closingParen(text, close);
      const kr = /^\s+KR:/.exec(text.slice(end));
      if (end !== -1 && (text[end] === ":" || kr !== null)) {
        const name = text.slice(1, close - 1);
        if (isOwnerShape(plainText(name))) {
          const url = text.slice(close + 1, end - 1).trim();
          const rest = text.slice(end + (kr === null ? 1 : kr[0].length)).trim();
          const owner = kr === null ? plainText(name) : `${plainText(name)} KR`;
          return { owner, ownerUrl: url, rest };
        }
      }
    }
  }
  const colon = findTopLevel(text, ":");
  if (colon <= 0) return none;
  const next = text[colon + 1];
  if (next !== undefined && !/[\s[*_\p{L}]/u.test(next)) return none;
  const candidate = text.slice(0, colon);
  if (!isOwnerShape(candidate)) return none;
  const owner = plainText(candidate);
  if (owner === "") return none;
  let rest = text.slice(colon + 1).trim();
  // "APAC: APAC: [Improve …]": the owner written twice.
  if (rest.startsWith(`${candidate.trim()}:`))
    rest = rest.slice(candidate.trim().length + 1).trim();
  return { owner, ownerUrl: null, rest };
}

const TRAILING_UPPER =
  /\s((?:\d+(?:\.\d+)?%\s+)?(?:ACHIEVED|DONE|MISSED|NOT STARTED)(?:\s+-\s+.*)?)$/;
const TRAILING_DONE = /(?:[:.)\]]|\s-)\s+(\d+(?:\.\d+)?% (?:done|complete)\b.*)$/;
const TRAILING_PAREN = /\s\((\d+(?:\.\d+)?% complete[^()]*)\)$/;
const TRAILING_WORD = /(?:^|\.\s+)(Done|Achieved|Missed)\.?$/;
const MAYBE_TRAILING = /ACHIEVED|DONE|MISSED|NOT STARTED|% done|% complete/;
const TRAILING_WORD_END = /(?:Done|Achieved|Missed)\.?$/;

/** Splits `body => outcome` (or `->`, ` = `, or a trailing result); outcome null when none. */
/** `body -> result` or `body = result`, where what follows the separator reads as a result. */
function resultAfter(text: string, separator: string): [string, string] | null {
  const at = text.includes(separator) ? findTopLevel(text, separator) : -1;
  if (at === -1) return null;
  const outcome = text.slice(at + separator.length).trim();
  return RESULT_START.test(outcome) ? [text.slice(0, at).trim(), outcome] : null;
}

export function splitOutcome(text: string): [string, string | null] {
  const arrow = text.includes("=>") ? findTopLevel(text, "=>") : -1;
  if (arrow !== -1) {
    const outcome = text.slice(arrow + 2).trim();
    return [text.slice(0, arrow).trim(), outcome === "" ? null : outcome];
  }
  const other = resultAfter(text, " -> ") ?? resultAfter(text, " = ");
  if (other !== null) return other;
  // "Cut load time from 3.2 s to 1.5 s — 60%": a dash before a result, not before more title.
  const dash = lastDashOutcome(text);
  if (dash !== null) return dash;
  const marks = trailingMarks(text);
  if (marks !== null) return marks;
  // Most lines end in none of the trailing results: one cheap test skips the four patterns.
  if (!MAYBE_TRAILING.test(text) && !TRAILING_WORD_END.test(text.slice(-9))) return [text, null];
  for (const pattern of [TRAILING_UPPER, TRAILING_DONE, TRAILING_PAREN, TRAILING_WORD]) {
    const m = pattern.exec(text);
    if (!m || m[1] === undefined) continue;
    const start = text.lastIndexOf(m[1]);
    if (!isTopLevelAt(text, m.index)) continue;
    // "Decrease age of deals by 10% ACHIEVED": the percentage is the target, not the result.
    if (
      pattern === TRAILING_UPPER &&
      /^\d/.test(m[1]) &&
      /\b(?:by|to|of|at|from|than|over|under)$/i.test(text.slice(0, start).trim())
    ) {
      const word = /^(?:\d+(?:\.\d+)?%\s+)(.*)$/.exec(m[1])?.[1] ?? m[1];
      return [text.slice(0, text.lastIndexOf(word)).trim(), word.trim()];
    }
    const body = text
      .slice(0, pattern === TRAILING_PAREN ? m.index : start)
      .trim()
      .replace(/\s*[-:]$/, "")
      .trim();
    if (body === "") continue;
    return [body, m[1].trim()];
  }
  return [text, null];
}

/**
 * `title 🟢 (70%)`, `title [40%]`, `title ✅`: marks after the words that say how far and how
 * it goes. A lone `(5%)` after words with no number may be the target, and a last score of
 * several (`Sourced 50 (100%), Hired 1 (50%)`) is one figure's: both stay in the title.
 */
function trailingMarks(text: string): [string, string] | null {
  const { start, emoji, marks } = markRun(text);
  const body = text.slice(0, start).trimEnd();
  if (marks === 0 || body === "" || !isTopLevelAt(text, start)) return null;
  const outcome = text.slice(start).trim();
  if (!emoji && marks === 1 && outcome.startsWith("(") && !/\d/.test(body)) return null;
  // "Sourced 50 (100%), Hired 1 (50%)": a score for each of several figures, none the line's.
  if (!emoji && (body.includes("%)") || body.includes("%]"))) return null;
  return [body, outcome];
}

const DASHES = [" — ", " – ", " -- "];
const ANY_DASH = / [—–] | -- /;
const DASH_OUTCOME_MAX = 60;

/**
 * `title — outcome` at the last top-level spaced dash, where what follows is short and reads as
 * a result (a percentage, `12/40`, `done`, ✅): "Ship v2 — 3 features" keeps its title whole.
 */
function lastDashOutcome(text: string): [string, string] | null {
  // Most lines hold no such dash: one scan says so.
  if (!ANY_DASH.test(text)) return null;
  let at = -1;
  let width = 0;
  for (const dash of DASHES) {
    const found = text.lastIndexOf(dash);
    if (found > at && isTopLevelAt(text, found)) {
      at = found;
      width = dash.length;
    }
  }
  if (at <= 0) return null;
  const outcome = text.slice(at + width).trim();
  if (outcome === "" || outcome.length > DASH_OUTCOME_MAX) return null;
  const reading = readOutcome(outcome);
  if (reading.progress === null && reading.status === null) return null;
  return [text.slice(0, at).trim(), outcome];
}

/** Key result titles of a KR part: sentences, or a comma list. */
export function keyResultTitles(krPart: string, commaList: boolean): string[] {
  if (commaList) return splitTopLevel(krPart, ", ");
  return sentencesOf(krPart);
}

/** Same, split at commas as well: for matching `=> 27%, 0%, 227%`. */
export function keyResultPieces(krPart: string): string[] {
  return sentencesOf(krPart).flatMap((s) => splitTopLevel(s, ", "));
}

function stripHardBreak(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith("\\") ? trimTrailingBackslashes(trimmed).trim() : trimmed;
}

function emptyParts(text: string): LineParts {
  return {
    owner: null,
    ownerUrl: null,
    bold: false,
    krMarker: false,
    objectiveMarker: false,
    grouping: false,
    ownerOnly: null,
    title: text,
    krPart: null,
    krList: false,
    body: text,
    outcome: null,
  };
}

/** Reads the bold lead of `**Owner: Objective.** rest`; null when the line does not start so. */
function parseBoldLine(text: string): LineParts | null {
  const mark = text.startsWith("**") ? "**" : text.startsWith("__") ? "__" : null;
  if (mark === null) {
    // "*Fellow*: …": an owner in italics.
    const m = /^\*([^*]+)\*:\s*(.*)$/.exec(text);
    if (m?.[1] && isOwnerShape(m[1])) return parseWithOwner(m[1].trim(), null, m[2] ?? "");
    return null;
  }
  const close = text.indexOf(mark, mark.length);
  if (close === -1) return null;
  const inner = text.slice(mark.length, close).trim();
  const rest = text.slice(close + mark.length);
  if (inner === "") return null;
  // "**CEO KR:** Reach $1M ARR", "**VP Eng:** Cut churn": a role label in bold.
  if (inner.endsWith(":") && isOwnerShape(inner.slice(0, -1))) {
    return parseWithOwner(plainText(inner.slice(0, -1)).trim(), null, rest.trim());
  }
  if (/^\s*:/.test(rest) && isOwnerShape(inner)) {
    // "**Fellow**: Finish documenting …": only the owner is bold.
    return parseWithOwner(plainText(inner), null, rest.replace(/^\s*:/, "").trim());
  }
  const parts = emptyParts(inner);
  parts.bold = true;
  let split = splitOwner(inner);
  if (split.owner === null && inner.startsWith("[")) {
    // "**[Growth stage: Perform weekly iterations](url)**": the owner inside the link text.
    const closeText = closingBracket(inner, 0);
    if (
      closeText !== -1 &&
      inner[closeText] === "(" &&
      closingParen(inner, closeText) === inner.length
    ) {
      const inside = splitOwner(inner.slice(1, closeText - 1));
      if (inside.owner !== null && inside.rest !== "") {
        split = {
          owner: inside.owner,
          ownerUrl: null,
          rest: `[${inside.rest}]${inner.slice(closeText)}`,
        };
      }
    }
  }
  parts.owner = split.owner;
  parts.ownerUrl = split.ownerUrl;
  parts.title = split.rest;
  parts.body = split.rest;
  const [leftover, outcome] = splitOutcome(rest.trim());
  parts.outcome = outcome;
  const more = leftover.replace(/^[.:;,\s]+/, "").trim();
  if (more !== "") parts.krPart = more;
  if (parts.owner !== null && parts.title === "") parts.grouping = true;
  return parts;
}

function parseWithOwner(owner: string | null, ownerUrl: string | null, rest: string): LineParts {
  const parts = emptyParts(rest);
  parts.owner = owner;
  parts.ownerUrl = ownerUrl;
  if (owner !== null && KEY_RESULT_LABEL.test(owner)) {
    parts.krMarker = true;
    parts.owner = null;
  } else if (owner !== null && / KR$/.test(owner)) {
    parts.krMarker = true;
    parts.owner = owner.slice(0, -3).trim();
  } else if (owner !== null && OBJECTIVE_LABEL.test(owner)) {
    parts.objectiveMarker = true;
    parts.owner = null;
  }
  const [body, outcome] = splitOutcome(rest);
  parts.outcome = outcome;
  parts.body = body;
  parts.title = body;
  if (body === "" && outcome === null) {
    if (parts.owner !== null && !parts.krMarker && !parts.objectiveMarker) parts.grouping = true;
    return parts;
  }
  if (parts.krMarker) return parts;
  const kr = findTopLevel(body, " KR:");
  if (kr > 0) {
    parts.title = body.slice(0, kr).trim();
    parts.krPart = body.slice(kr + 4).trim() || null;
    parts.krList = true;
    return parts;
  }
  const [first, more] = splitSentence(body);
  if (more !== null) {
    parts.title = first;
    parts.krPart = more;
  }
  return parts;
}

/** Whether a line is written as OKR text: an owner, a bold objective, a label or an outcome. */
export function readsAsOkr(parts: LineParts): boolean {
  return (
    parts.owner !== null ||
    parts.bold ||
    parts.krMarker ||
    parts.objectiveMarker ||
    parts.outcome !== null
  );
}

/** A label before a spaced dash instead of a colon: `KR 1.3 - …`, `O2 — …`, `Goal – …`. */
export const DASHED_LABEL =
  /^((?:key\s+results?|krs?|(?:sub-?)?objective|goal)\s*#?\d*(?:\.\d+)*|O\d+(?:\.\d+)*)\s+(?:-|—|–|--)\s+/i;

/** Whether `text` opens as a label may (`KR`, `Key`, `O2`, `Objective`, `Goal`, `Sub-`). */
export function startsLikeLabel(text: string): boolean {
  const a = text.charCodeAt(0) | 0x20;
  const second = text.charCodeAt(1);
  const b = second | 0x20;
  if (a === 0x6b) return b === 0x72 || b === 0x65;
  if (a === 0x6f) return b === 0x62 || (second >= 0x30 && second <= 0x39);
  if (a === 0x67) return b === 0x6f;
  return a === 0x73 && b === 0x75;
}

/** Reads one logical line of a list item (inline Markdown, hard breaks already split). */
export function parseLine(raw: string): LineParts {
  const text = stripHardBreak(raw);
  const bold = parseBoldLine(text);
  if (bold !== null) return bold;
  const dashed = startsLikeLabel(text) ? DASHED_LABEL.exec(text) : null;
  if (dashed?.[1] !== undefined)
    return parseWithOwner(dashed[1], null, text.slice(dashed[0].length));
  const split = splitOwner(text);
  const parts = parseWithOwner(split.owner, split.ownerUrl, split.rest);
  if (
    split.owner === null &&
    parts.outcome === null &&
    parts.krPart === null &&
    !/[.!?;,]$|\[|`|\*/.test(text) &&
    /^\p{Lu}/u.test(text) &&
    text.split(/\s+/).length <= 6
  ) {
    parts.ownerOnly = text;
  }
  return parts;
}

/** `GOOD`, `**Bad**`, `Try:` — the heads of a retrospective list; null otherwise. */
export function retrospectiveHead(raw: string): "good" | "bad" | "try" | null {
  const m = /^(?:\*\*|__)?\s*(good|bad|try)\s*:?\s*(?:\*\*|__)?\s*:?$/i.exec(raw.trim());
  return m?.[1] ? (m[1].toLowerCase() as "good" | "bad" | "try") : null;
}
