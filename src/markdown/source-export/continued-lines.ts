/**
 * A list item's text that goes on over the lines after it ("VP Eng: Reduce time to merge" then
 * "   from 70 mins to 56 mins => 61 mins"): the parser reads those lines as one, joined by a
 * space. The export finds the item's pieces in that joined text and writes each change back
 * where it sits, so the other lines keep their breaks and indents.
 */
import type { LineFields } from "../../core/page-source.js";
import { applyEdits, type Edit, type LineChange, lineEdits } from "./rewrite-line.js";

/** A line that starts a block of its own rather than going on with the paragraph above. */
const BLOCK_START = /^\s*(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|```|~~~)/;

/**
 * The last of the 1-based `line` and the lines that go on with its text: every line after it
 * up to a blank line, a line that starts a block, or a line `holdsItem` says is an item's.
 */
export function continuationEnd(
  lines: readonly string[],
  line: number,
  holdsItem: (line: number) => boolean,
): number {
  let end = line;
  for (let n = line + 1; n <= lines.length; n++) {
    const text = lines[n - 1] ?? "";
    if (text.trim() === "" || holdsItem(n) || BLOCK_START.test(text)) break;
    end = n;
  }
  return end;
}

/** An edit cut down to the characters it changes, so a break it spans unchanged stays. */
function narrowed(text: string, edit: Edit): Edit {
  const was = text.slice(edit.start, edit.end);
  const room = Math.min(was.length, edit.text.length);
  let head = 0;
  while (head < room && was[head] === edit.text[head]) head++;
  let tail = 0;
  while (
    tail < room - head &&
    was[was.length - 1 - tail] === edit.text[edit.text.length - 1 - tail]
  )
    tail++;
  return {
    start: edit.start + head,
    end: edit.end - tail,
    text: edit.text.slice(head, edit.text.length - tail),
  };
}

/** Whether a line holds an item's title and outcome as they were read. */
export function holdsWords(line: string, fields: LineFields): boolean {
  return line.includes(fields.title) && (fields.outcome === null || line.includes(fields.outcome));
}

interface Piece {
  /** Where the piece starts in the joined text and in the lines joined by `\n`. */
  joined: number;
  original: number;
  length: number;
}

/**
 * The lines with each item's changed pieces rewritten, joined by `\n` (one line fewer where a
 * rewritten piece spanned a break); null when a piece to change cannot be found.
 */
export function rewriteLines(
  lines: readonly string[],
  changes: readonly LineChange[],
): string | null {
  const pieces: Piece[] = [];
  let joined = "";
  let original = 0;
  for (const [i, line] of lines.entries()) {
    const lead = i === 0 ? 0 : (/^\s*/.exec(line)?.[0].length ?? 0);
    const text = line.slice(lead).trimEnd();
    if (i > 0) joined += " ";
    pieces.push({ joined: joined.length, original: original + lead, length: text.length });
    joined += text;
    original += line.length + 1;
  }
  const edits = lineEdits(joined, changes);
  if (edits === null) return null;
  const at = (position: number): number => {
    let piece = pieces[0] as Piece;
    for (const p of pieces) if (p.joined <= position) piece = p;
    return piece.original + Math.min(position - piece.joined, piece.length);
  };
  const mapped = edits.map((e) => {
    const { start, end, text } = narrowed(joined, e);
    return { start: at(start), end: at(end), text };
  });
  return applyEdits(lines.join("\n"), mapped);
}
