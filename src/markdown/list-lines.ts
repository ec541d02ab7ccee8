/**
 * List items -> logical lines. Each list item's text is cut into lines at backslash line
 * breaks (Sourcegraph's `KR: …` lines), at `<br>` and at lazily continued list markers, and the
 * lines nested under it follow as its children.
 */
import type { Token } from "markdown-it";
import type { Problem } from "../core/document.js";
import { trimTrailingBackslashes } from "./inline-text.js";
import { parseLine, readsAsOkr, retrospectiveHead } from "./line-grammar.js";

/** One logical line of a list item and the lines nested under it. */
export interface LineNode {
  text: string;
  /** 1-based source line. */
  line: number;
  children: LineNode[];
  /** Which list the line came from (0: a continuation line of its parent's paragraph). */
  list: number;
}

/** What reading a list needs from the page: a number for each list, a place for problems. */
export interface ListContext {
  nextList(): number;
  problem(line: number, severity: Problem["severity"], code: string, message: string): void;
}

const LIST_MARKER = /^(?:\d{1,9}[.)]|[-*+])\s+/;
const KR_LABEL_START = /^KR\s*:/;
/** The longest a retrospective's head is written: `**Good:**`. */
const HEAD_MAX = 12;

/** Reads the list opening at `tokens[start]`; returns its lines and the index after it. */
export function readList(tokens: Token[], start: number, page: ListContext): [LineNode[], number] {
  const open = tokens[start] as Token;
  const closeType = open.type.replace("_open", "_close");
  const list = page.nextList();
  const nodes: LineNode[] = [];
  let i = start + 1;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.type === closeType && token.level === open.level) return [nodes, i + 1];
    if (token.type === "list_item_open") {
      const [found, next] = readItem(tokens, i, list, page);
      nodes.push(...found);
      i = next;
      continue;
    }
    i++;
  }
  return [nodes, i];
}

function readItem(
  tokens: Token[],
  start: number,
  list: number,
  page: ListContext,
): [LineNode[], number] {
  const open = tokens[start] as Token;
  let segments: LineNode[] | null = null;
  const children: LineNode[] = [];
  let i = start + 1;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.type === "list_item_close" && token.level === open.level) {
      i++;
      break;
    }
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      const [nodes, next] = readList(tokens, i, page);
      children.push(...nodes);
      i = next;
      continue;
    }
    if (token.type === "inline" && token.map) {
      const found = segmentsOf(token.content, token.map[0] + 1, list);
      if (segments === null) segments = found;
      else children.push(...found.map((n) => ({ ...n, list: 0 })));
    }
    i++;
  }
  adoptOrphans(children);
  if (segments === null || segments.length === 0) {
    if (children.length === 0) {
      page.problem(
        (open.map?.[0] ?? 0) + 1,
        "info",
        "empty_line",
        "An empty list item is ignored.",
      );
    }
    // A list item that only holds a list (`1. 1. KR: …`): its lines belong to the parent.
    return [children.map((n) => ({ ...n, list })), i];
  }
  const [head, ...more] = segments as [LineNode, ...LineNode[]];
  head.children = [...more, ...children];
  return [[head], i];
}

const BR = /<br\s*\/?>/i;

/**
 * A paragraph's lines cut again at `<br>`, as pages exported from wikis break lines: each
 * piece, the index of the line it is on, and whether a `<br>` ends it (a break, as `\` is).
 */
function cutAtBreaks(lines: readonly string[]): { pieces: string[]; at: number[]; br: boolean[] } {
  const pieces: string[] = [];
  const at: number[] = [];
  const br: boolean[] = [];
  for (let j = 0; j < lines.length; j++) {
    const parts = (lines[j] ?? "").split(BR);
    const ends = parts.length > 1 && (parts[parts.length - 1] ?? "").trim() === "";
    if (ends) parts.pop();
    for (let k = 0; k < parts.length; k++) {
      pieces.push(parts[k] ?? "");
      at.push(j);
      br.push(k < parts.length - 1 || ends);
    }
  }
  return { pieces, at, br };
}

/** Cuts a paragraph into logical lines: at hard breaks and at lazily continued list markers. */
function segmentsOf(content: string, firstLine: number, list: number): LineNode[] {
  const out: LineNode[] = [];
  // A node's text is kept in pieces and joined once: appending to a growing string and
  // trimming it again for every continuation line is quadratic in the paragraph.
  const pieces: string[][] = [];
  let current: LineNode | null = null;
  let hardBefore = false;
  let lines = content.includes("\n") ? content.split("\n") : [content];
  let at: number[] | null = null;
  let br: boolean[] | null = null;
  if (content.includes("<") && BR.test(content)) ({ pieces: lines, at, br } = cutAtBreaks(lines));
  for (let j = 0; j < lines.length; j++) {
    const raw = lines[j] ?? "";
    let text = raw.trim();
    const hard = br?.[j] === true || text.endsWith("\\") || raw.endsWith("  ");
    const marker = j > 0 && LIST_MARKER.test(text);
    if (marker) text = text.replace(LIST_MARKER, "");
    // "KR:" opening a line starts a key result even without a hard break before it; a lone
    // "BAD" after a list item is the next part of a retrospective, not more of the item.
    const label =
      j > 0 &&
      (KR_LABEL_START.test(text) || (text.length <= HEAD_MAX && retrospectiveHead(text) !== null));
    if (current === null || hardBefore || marker || label) {
      current = { text, line: firstLine + (at?.[j] ?? j), children: [], list };
      out.push(current);
      pieces.push([text]);
    } else {
      const own = pieces[pieces.length - 1] as string[];
      const last = trimTrailingBackslashes(own[own.length - 1] ?? "").trimEnd();
      if (last === "" && own.length > 1) own.pop();
      else own[own.length - 1] = last;
      own.push(text);
    }
    hardBefore = hard;
  }
  for (let k = 0; k < out.length; k++)
    (out[k] as LineNode).text = (pieces[k] as string[]).join(" ");
  return out.filter((n) => trimTrailingBackslashes(n.text).trim() !== "");
}

/**
 * `1. Delivery:` followed by a list indented a little less than its text: Markdown closes the
 * item first, but the writer meant the list to hang under the owner line. Lines without an
 * owner right after an empty owner line are given to it.
 */
function adoptOrphans(nodes: LineNode[]): void {
  for (let k = 0; k < nodes.length - 1; k++) {
    const node = nodes[k] as LineNode;
    const next = nodes[k + 1] as LineNode;
    if (node.children.length > 0 || next.list === node.list || next.list === 0) continue;
    const parts = parseLine(node.text);
    if (!parts.grouping) continue;
    let end = k + 1;
    while (end < nodes.length && (nodes[end] as LineNode).list === next.list) end++;
    const orphans = nodes.slice(k + 1, end);
    if (orphans.some((n) => parseLine(n.text).owner !== null)) continue;
    node.children = orphans;
    nodes.splice(k + 1, orphans.length);
  }
}

/** Whether a list outside an OKR section still reads as OKRs: most lines name an owner. */
export function looksLikeOkrs(nodes: LineNode[]): boolean {
  let okr = 0;
  for (const node of nodes) {
    if (readsAsOkr(parseLine(node.text))) okr++;
  }
  return okr * 2 >= nodes.length;
}
