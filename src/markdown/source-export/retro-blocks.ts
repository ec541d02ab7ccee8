/**
 * Where a page writes its retrospectives: under each team's heading, the GOOD / BAD / TRY heads
 * (list items, bold paragraphs or headings) and the lines of each part, so an export can rewrite
 * one part in the page's own style and leave every other line as it was.
 */
import { plainText } from "../inline-text.js";
import { retrospectiveHead } from "../line-grammar.js";

export type RetroPart = "good" | "bad" | "try";

/** One entry of a part: its first and last line (0-based, inclusive). */
export interface EntryLines {
  start: number;
  end: number;
}

export interface PartLines {
  /** The head line (0-based). */
  head: number;
  /** A list item head (`- GOOD`): entries sit deeper than it. */
  listHead: boolean;
  indent: number;
  entries: EntryLines[];
}

export interface RetroBlock {
  team: string;
  headingLine: number;
  headingLevel: number;
  parts: Partial<Record<RetroPart, PartLines>>;
  /** Parts in page order. */
  order: RetroPart[];
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** The last line of a part: its last entry's, else its head's. */
export function partEnd(part: PartLines): number {
  return part.entries[part.entries.length - 1]?.end ?? part.head;
}

/** The last line of a block's parts. */
export function blockEnd(block: RetroBlock): number {
  return Math.max(...block.order.map((p) => partEnd(block.parts[p] as PartLines)));
}

/** Every team's retrospective block of a page, in page order. */
export function findRetroBlocks(lines: readonly string[]): RetroBlock[] {
  const blocks: RetroBlock[] = [];
  let heading: { text: string; line: number; level: number } | null = null;
  let block: RetroBlock | null = null;
  let part: PartLines | null = null;
  let fence = false;
  const startPart = (kind: RetroPart, line: number, listHead: boolean, indent: number) => {
    if (block === null || block.headingLine !== (heading?.line ?? -1) || block.parts[kind]) {
      block = {
        team: heading?.text ?? "Team",
        headingLine: heading?.line ?? -1,
        headingLevel: heading?.level ?? 2,
        parts: {},
        order: [],
      };
      blocks.push(block);
    }
    part = { head: line, listHead, indent, entries: [] };
    block.parts[kind] = part;
    block.order.push(kind);
  };
  for (const [i, line] of lines.entries()) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = HEADING.exec(line);
    if (h?.[1] !== undefined && h[2] !== undefined) {
      const kind = retrospectiveHead(plainText(h[2]));
      if (kind !== null) {
        startPart(kind, i, false, 0);
        continue;
      }
      heading = { text: plainText(h[2]), line: i, level: h[1].length };
      part = null;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    const indent = indentOf(line);
    const kind = retrospectiveHead(item?.[2] ?? line);
    if (kind !== null) {
      startPart(kind, i, item !== null, indent);
      continue;
    }
    const current = part as PartLines | null;
    if (current === null || line.trim() === "") continue;
    const last = current.entries[current.entries.length - 1];
    const inside = current.listHead ? indent > current.indent : item !== null || indent > 0;
    if (!inside) {
      part = null;
      continue;
    }
    if (item !== null && (last === undefined || indent <= indentOf(lines[last.start] ?? ""))) {
      current.entries.push({ start: i, end: i });
    } else if (last !== undefined) {
      last.end = i;
    } else if (item !== null) {
      current.entries.push({ start: i, end: i });
    }
  }
  return blocks;
}
