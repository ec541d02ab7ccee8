/**
 * Rewrites the pieces of one line that changed (owner, title, outcome) and keeps every other
 * character: list marker, indent, bold, `KR:` labels, trailing `\`, HTML around it.
 */
import type { LineFields } from "../../core/page-source.js";
import { isMarkRun } from "../end-marks.js";
import { readOutcome } from "../outcome.js";
import { lineContentEnd, locateItems } from "./locate.js";
import { updateOutcome } from "./outcome-update.js";

/** A label before a title that names what the line is, not who owns it (`KR 1.3 -`, `O2:`). */
const NUMBERED_LABEL =
  /(?:^|[\s*_])(?:(?:key\s+results?|krs?|(?:sub-?)?objective|goal)\s*#?\d+(?:\.\d+)*|O\d+(?:\.\d+)*|key\s+results?|objective|goal)\s*(?::|-|—|–|--)[*_]*\s*$/i;

const TASK_BOX = /^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s/;

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One item on a line: its fields as the line says them, and as they should now be. */
export interface LineChange {
  before: LineFields;
  after: LineFields;
}

/**
 * The outcome text `after` should have on a line that said `before`: the outcome as stored,
 * with its number updated when the progress moved since and the text no longer says it.
 */
export function outcomeFor(before: LineFields | null, after: LineFields): string | null {
  if (before === null)
    return after.outcome ?? updateOutcome(null, after.progress, after.status, "");
  // A value checked in may leave the progress as it was (a line still held): it moved too.
  const valueMoved = after.value !== undefined && after.value !== before.value;
  const moved = after.progress !== before.progress || after.status !== before.status || valueMoved;
  if (!moved) return after.outcome;
  const says = readOutcome(after.outcome, after.title);
  if (after.outcome !== before.outcome && says.progress === after.progress) return after.outcome;
  return updateOutcome(
    after.outcome,
    after.progress,
    after.status,
    after.title,
    after.value ?? null,
  );
}

/**
 * An outcome written as marks at the line's end (`… ✅`, `… 🔴 (20%)`) with nothing before it:
 * new words that are no marks go after `=>`, else the line would read them as its title.
 */
function markedOutcome(lead: string, was: string | null, outcome: string): string {
  if (was === null || !isMarkRun(was) || isMarkRun(outcome)) return outcome;
  return /(?:=>|->|→|=|[—–-])\s*$/.test(lead) ? outcome : `=> ${outcome}`;
}

/** Past closing emphasis right after a title: `**CRO: Title.**` gets its outcome after `**`. */
function afterEmphasis(line: string, at: number): number {
  let end = at;
  while (end < line.length && (line[end] === "*" || line[end] === "_")) end++;
  return end;
}

function editsFor(line: string, change: LineChange, spans: ReturnType<typeof locateItems>[number]) {
  const { before, after } = change;
  const edits: Edit[] = [];
  let outcome = outcomeFor(before, after);
  const box = TASK_BOX.exec(line);
  if (box?.[1] !== undefined && (before.outcome === null || before.outcome === "")) {
    // A task-list line says done or not with its box: tick or clear it; a progress between
    // stays an outcome after the title.
    const done = after.status === "done";
    const at = box[1].length + 1;
    if ((line[at] !== " ") !== done) edits.push({ start: at, end: at + 1, text: done ? "x" : " " });
    const plain = done || after.progress === null || after.progress === 0;
    if (plain && (after.outcome === null || after.outcome === "")) outcome = null;
  }
  if (outcome !== before.outcome) {
    if (spans.outcome.start >= 0) {
      if (outcome === null || outcome === "") {
        const arrow = /\s*(?:=>|->|→)\s*$/.exec(line.slice(0, spans.outcome.start));
        edits.push({
          start: arrow?.index ?? spans.outcome.start,
          end: spans.outcome.end,
          text: "",
        });
      } else {
        edits.push({
          start: spans.outcome.start,
          end: spans.outcome.end,
          text: markedOutcome(line.slice(0, spans.outcome.start), before.outcome, outcome),
        });
      }
    } else if (before.outcome !== null && before.outcome !== "") {
      return null;
    } else if (outcome !== null && outcome !== "") {
      // After the title, or at the end when an owner mark follows it (`… @alice => 50%`).
      const ownerAfter = spans.owner.start > spans.title.start && spans.title.start >= 0;
      const at =
        spans.title.start >= 0 && !ownerAfter
          ? afterEmphasis(line, spans.title.end)
          : lineContentEnd(line);
      edits.push({ start: at, end: at, text: ` => ${outcome}` });
    }
  }
  if (after.title !== before.title) {
    if (spans.title.start < 0) return null;
    edits.push({ start: spans.title.start, end: spans.title.end, text: after.title });
  }
  if (after.owner !== before.owner) {
    const { owner, title } = spans;
    if (owner.start >= 0) {
      if (after.owner !== null && after.owner !== "") {
        edits.push({ start: owner.start, end: owner.end, text: after.owner });
      } else {
        // "CRO KR: …" keeps "KR: …"; "CRO: …" loses the colon too.
        const rest = /^\s*:\s*/.exec(line.slice(owner.end));
        const space = /^\s+(?=KR\b)/.exec(line.slice(owner.end));
        edits.push({
          start: owner.start,
          end: owner.end + ((rest ?? space)?.[0].length ?? 0),
          text: "",
        });
      }
    } else if (before.owner !== null && before.owner !== "") {
      return null;
    } else if (after.owner !== null && title.start >= 0) {
      const lead = line.slice(0, title.start);
      const label = /KR:\s*$/.exec(lead);
      if (label !== null)
        edits.push({ start: label.index, end: label.index, text: `${after.owner} ` });
      else if (NUMBERED_LABEL.test(lead))
        // "KR 1.3 - Owner: …" would read as a title: the owner goes after it.
        edits.push({ start: title.end, end: title.end, text: ` (owner: ${after.owner})` });
      else edits.push({ start: title.start, end: title.start, text: `${after.owner}: ` });
    } else {
      return null;
    }
  }
  return edits;
}

/**
 * The edits that write each item's changed pieces into the line, last first; null when a piece
 * to change cannot be found in the line.
 */
export function lineEdits(line: string, changes: readonly LineChange[]): Edit[] | null {
  const spans = locateItems(
    line,
    changes.map((c) => c.before),
  );
  const edits: Edit[] = [];
  for (const [i, change] of changes.entries()) {
    const found = spans[i];
    if (found === undefined) return null;
    const more = editsFor(line, change, found);
    if (more === null) return null;
    edits.push(...more);
  }
  return edits.sort((a, b) => b.start - a.start || b.end - a.end);
}

/**
 * The line with each item's changed pieces rewritten, or null when a piece to change cannot be
 * found in the line (the caller then writes the line afresh).
 */
export function rewriteLine(line: string, changes: readonly LineChange[]): string | null {
  const edits = lineEdits(line, changes);
  return edits === null ? null : applyEdits(line, edits);
}

/** `text` with `edits` (last first, none overlapping) made; null when two overlap. */
export function applyEdits(text: string, edits: readonly Edit[]): string | null {
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of edits) {
    if (edit.end > limit) return null;
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
