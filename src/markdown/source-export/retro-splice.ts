/**
 * Retrospectives written back into a page in its own style: a part (GOOD, BAD or TRY) whose
 * entries changed has its lines rewritten with the marker and indent its entries had; a part the
 * page lacks gets a head like the block's others; a new team's retrospective follows the last one
 * on the page, shaped like it. Unchanged retrospectives keep every byte.
 */
import { linePrefix } from "./locate.js";
import {
  blockEnd,
  findRetroBlocks,
  type PartLines,
  partEnd,
  type RetroBlock,
  type RetroPart,
} from "./retro-blocks.js";

export interface RetroEntries {
  team: string;
  good: readonly string[];
  bad: readonly string[];
  try: readonly string[];
}

export interface RetroSpliceResult {
  text: string;
  /** The new 1-based line of each old line that is still there. */
  moved: (oldLine: number) => number | undefined;
}

const PARTS: readonly RetroPart[] = ["good", "bad", "try"];

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `1. ` stays `1. ` on every line when the page repeats it; `1.`, `2.` count on otherwise. */
function markerAt(prefix: string, index: number, counting: boolean): string {
  const m = /^(\s*)(\d+)([.)]\s+.*)$/.exec(prefix);
  if (m === null || !counting) return prefix;
  return `${m[1]}${Number(m[2]) + index}${m[3]}`;
}

/** The lines of a part's entries, written with the prefix of the page's entries. */
function entryLines(
  lines: readonly string[],
  part: PartLines | undefined,
  fallback: string,
  entries: readonly string[],
): string[] {
  const first = part?.entries[0];
  const second = part?.entries[1];
  const prefix = first === undefined ? fallback : linePrefix(lines[first.start] ?? "");
  const counting =
    second !== undefined &&
    linePrefix(lines[second.start] ?? "").trim() !== prefix.trim() &&
    /\d/.test(prefix);
  return entries.map(
    (text, i) => `${markerAt(prefix, i, counting)}${text.replace(/\s*\n\s*/g, " ")}`,
  );
}

/** The word of a head line swapped for another part's, in the same letter case. */
function headLike(line: string, part: RetroPart): string {
  return line.replace(/good|bad|try/i, (word) => {
    if (word === word.toUpperCase()) return part.toUpperCase();
    if (word[0] === word[0]?.toUpperCase()) return part[0]?.toUpperCase() + part.slice(1);
    return part;
  });
}

/** The prefix an entry of `block` takes when its part has none to copy. */
function fallbackPrefix(
  lines: readonly string[],
  block: RetroBlock | undefined,
  head: string,
): string {
  for (const p of block?.order ?? []) {
    const first = block?.parts[p]?.entries[0];
    if (first !== undefined) return linePrefix(lines[first.start] ?? "");
  }
  const m = /^(\s*)[-*+]\s/.exec(head);
  return m === null ? "- " : `${m[1]}  - `;
}

/** Replacement lines for a block, keyed by the 0-based line they replace or follow. */
class Edits {
  readonly replace = new Map<number, string[]>();
  readonly after = new Map<number, string[]>();
  readonly drop = new Set<number>();
  add(line: number, text: string[]): void {
    this.after.set(line, [...(this.after.get(line) ?? []), ...text]);
  }
}

function editBlock(
  lines: readonly string[],
  block: RetroBlock,
  retro: RetroEntries,
  was: RetroEntries,
  edits: Edits,
): void {
  // A head to copy for a part the block lacks: the nearest one the block has.
  const template = block.parts[block.order[0] as RetroPart] as PartLines;
  const templateHead = lines[template.head] ?? "";
  const gapBefore = template.head > 0 && (lines[template.head - 1] ?? "").trim() === "";
  const gapAfter = (lines[template.head + 1] ?? "").trim() === "";
  for (const [index, kind] of PARTS.entries()) {
    if (same(retro[kind], was[kind])) continue;
    const part = block.parts[kind];
    const fallback = fallbackPrefix(lines, block, lines[part?.head ?? template.head] ?? "");
    const written = entryLines(lines, part, fallback, retro[kind]);
    if (part === undefined) {
      if (written.length === 0) continue;
      // After the part before it in GOOD, BAD, TRY order, else before the block's first part.
      const previous = PARTS.slice(0, index)
        .reverse()
        .map((p) => block.parts[p])
        .find((p) => p !== undefined);
      const head = [headLike(templateHead, kind), ...(gapAfter ? [""] : []), ...written];
      if (previous !== undefined)
        edits.add(partEnd(previous), [...(gapBefore ? [""] : []), ...head]);
      else edits.add(template.head - 1, [...head, ...(gapBefore ? [""] : [])]);
      continue;
    }
    const first = part.entries[0];
    if (first === undefined) {
      edits.add(part.head, written);
      continue;
    }
    for (const e of part.entries) for (let n = e.start; n <= e.end; n++) edits.drop.add(n);
    edits.drop.delete(first.start);
    edits.replace.set(first.start, written);
  }
}

/** A new team's retrospective, shaped like `like` (the page's last), or in the house style. */
function newBlock(
  lines: readonly string[],
  like: RetroBlock | undefined,
  retro: RetroEntries,
): string[] {
  if (like === undefined) {
    const out = ["", "## Retrospective", "", `### ${retro.team}`, ""];
    for (const kind of PARTS) {
      out.push(`- ${kind.toUpperCase()}`, ...retro[kind].map((t) => `  - ${t}`));
    }
    return out;
  }
  const heading =
    like.headingLine >= 0 ? ["", `${"#".repeat(like.headingLevel)} ${retro.team}`, ""] : [""];
  const out = [...heading];
  for (const [i, kind] of PARTS.entries()) {
    const part = like.parts[kind] ?? like.parts[like.order[0] as RetroPart];
    const headText = like.parts[kind]
      ? (lines[part?.head ?? 0] ?? "")
      : headLike(lines[part?.head ?? 0] ?? "", kind);
    const gap =
      i > 0 && part !== undefined && part.head > 0 && (lines[part.head - 1] ?? "").trim() === "";
    if (gap) out.push("");
    const fallback = fallbackPrefix(lines, like, headText);
    const entries = entryLines(lines, like.parts[kind], fallback, retro[kind]);
    const gapAfter = entries.length > 0 && (lines[(part?.head ?? 0) + 1] ?? "").trim() === "";
    out.push(headText, ...(gapAfter ? [""] : []), ...entries);
  }
  return out;
}

/**
 * `text` with the retrospectives the page holds (`was`, as read from it) made to say `now`,
 * within `range` when given.
 * A team the page holds and `now` lacks keeps its lines: a page's prose is not deleted.
 */
export function spliceRetrospectives(
  text: string,
  was: readonly RetroEntries[],
  now: readonly RetroEntries[],
  range?: { start: number; end: number },
): RetroSpliceResult {
  const lines = text.split("\n");
  // `range` (1-based, end exclusive): the section of a page of several quarters to work in.
  const first = (range?.start ?? 1) - 1;
  const after = (range?.end ?? lines.length + 1) - 1;
  const blocks = findRetroBlocks(lines).filter((b) => {
    const at = b.order.map((p) => b.parts[p]?.head ?? 0)[0] ?? 0;
    return at >= first && at < after;
  });
  const edits = new Edits();
  const key = (team: string) => team.trim().toLowerCase();
  const newTeams: RetroEntries[] = [];
  for (const retro of now) {
    const before = was.find((w) => key(w.team) === key(retro.team));
    const block = blocks.find((b) => key(b.team) === key(retro.team));
    if (before !== undefined && block !== undefined) editBlock(lines, block, retro, before, edits);
    else if (before === undefined && PARTS.some((p) => retro[p].length > 0)) newTeams.push(retro);
  }
  const lastBlock = blocks[blocks.length - 1];
  if (newTeams.length > 0) {
    let at = lastBlock === undefined ? after - 1 : blockEnd(lastBlock);
    if (lastBlock === undefined) while (at > 0 && (lines[at] ?? "").trim() === "") at--;
    edits.add(
      at,
      newTeams.flatMap((retro) => newBlock(lines, lastBlock, retro)),
    );
  }
  const out: string[] = [];
  const map = new Map<number, number>();
  for (const [i, line] of lines.entries()) {
    const replaced = edits.replace.get(i);
    if (replaced !== undefined) out.push(...replaced);
    else if (!edits.drop.has(i)) {
      out.push(line);
      map.set(i + 1, out.length);
    }
    out.push(...(edits.after.get(i) ?? []));
  }
  return { text: out.join("\n"), moved: (line) => map.get(line) };
}
