/**
 * Where an item's owner, title and outcome sit in its line of a page, so an export can replace
 * one of them and leave every other character of the line as it was.
 */
import type { LineFields } from "../../core/page-source.js";

/** Start and end (exclusive) of a piece of a line; start -1 when it was not found. */
export interface Span {
  start: number;
  end: number;
}

export interface ItemSpans {
  owner: Span;
  title: Span;
  outcome: Span;
}

const MISSING: Span = { start: -1, end: -1 };

function find(line: string, text: string, from: number): Span {
  const start = line.indexOf(text, from);
  return start < 0 ? MISSING : { start, end: start + text.length };
}

/**
 * Spans of the items written on one line, in the order they appear: owners and titles left to
 * right, then outcomes (`=> 27%, 0%, 227%` lists one per key result after all the titles).
 */
export function locateItems(line: string, items: readonly LineFields[]): ItemSpans[] {
  let cursor = 0;
  const found: ItemSpans[] = items.map((item) => {
    const owner =
      item.owner === null || item.owner === "" ? MISSING : find(line, item.owner, cursor);
    if (owner.start >= 0) cursor = owner.end;
    let title: Span;
    if (item.title === "") {
      const colon = line.indexOf(":", cursor);
      title = colon < 0 ? MISSING : { start: colon + 1, end: colon + 1 };
    } else {
      title = find(line, item.title, cursor);
      // An owner written after the title (`… @alice`): look for the title before it.
      if (title.start < 0 && owner.start >= 0) title = find(line, item.title, 0);
    }
    if (title.start >= 0) cursor = Math.max(cursor, title.end);
    return { owner, title, outcome: MISSING };
  });
  for (const [i, item] of items.entries()) {
    const spans = found[i];
    if (spans === undefined || item.outcome === null || item.outcome === "") continue;
    spans.outcome = find(line, item.outcome, cursor);
    if (spans.outcome.start >= 0) cursor = spans.outcome.end;
  }
  return found;
}

/** The indent and list marker a line starts with: `    1. `, `  - [ ] `, `   ` (a `KR:` line). */
export function linePrefix(line: string): string {
  return /^\s*(?:(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?/.exec(line)?.[0] ?? "";
}

/** Where text added at the end of a line goes: before a trailing `\`, `</p>` or `\r`. */
export function lineContentEnd(line: string): number {
  const tail = /(?:\s*\\|\s*<\/p>|\s*\*\*)?\s*\r?$/.exec(line);
  return tail === null ? line.length : tail.index;
}
