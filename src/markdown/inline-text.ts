/**
 * Small scanners over one line of inline Markdown. Handbook lines put their structure
 * (`Owner: title => outcome`) at the top level, outside links, parentheses and code spans,
 * so every search here skips what is nested: `[Clean up SFDC -> Zendesk](…)` holds no arrow.
 */
import type { DocumentLink } from "../core/document.js";

/**
 * Index of the first `needle` at nesting depth 0 (outside `[…]`, `(…)`, `` `…` `` and
 * `<…>` tags), from `from`; -1 when there is none.
 */
export function findTopLevel(text: string, needle: string, from = 0): number {
  const first = text.indexOf(needle, from);
  if (first === -1) return -1;
  let nested = false;
  for (let i = from; i < first; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 40 || c === 96 || c === 92) {
      nested = true;
      break;
    }
  }
  // Nothing before the first match opens a link, a parenthesis or code: it is at the top.
  if (!nested) return first;
  let square = 0;
  let round = 0;
  let inCode = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (inCode) {
      if (c === 96) inCode = false;
      continue;
    }
    if (square === 0 && round === 0 && text.startsWith(needle, i)) return i;
    switch (c) {
      case 96 /* ` */:
        inCode = text.indexOf("`", i + 1) !== -1;
        break;
      case 91 /* [ */:
        square++;
        break;
      case 93 /* ] */:
        if (square > 0) square--;
        break;
      case 40 /* ( */:
        round++;
        break;
      case 41 /* ) */:
        if (round > 0) round--;
        break;
      default:
        break;
    }
  }
  return -1;
}

/** Splits on `separator` found at the top level; pieces are trimmed, empty ones dropped. */
export function splitTopLevel(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (;;) {
    const at = findTopLevel(text, separator, start);
    if (at === -1) break;
    pieces.push(text.slice(start, at));
    start = at + separator.length;
  }
  pieces.push(text.slice(start));
  return pieces.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Index just past the `]` that closes the `[` at `open`, or -1. */
export function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index just past the `)` that closes the `(` at `open`, or -1. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export interface InlineLink {
  /** Where the whole link starts and ends in the text. */
  start: number;
  end: number;
  /** The link text as written (inline Markdown). */
  text: string;
  /** Resolved URL, or null for a reference with no definition. */
  url: string | null;
  /** Reference label for `[text][label]` links. */
  ref: string | null;
}

const BARE_URL = /https?:\/\/[^\s<>)\]]+[^\s<>)\].,;:!?'"]/g;

/** Normalises a reference label the way CommonMark compares them. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toUpperCase();
}

/**
 * For every position of `open` in `text`, the index just past the `close` that balances it
 * (what {@link closingBracket} / {@link closingParen} answer), or -1: one pass for the whole
 * line, so a line of many unclosed `[a](` costs no more than an ordinary one.
 */
function closersOf(text: string, open: string, close: string): Int32Array {
  const n = text.length;
  // depth[i]: opens minus closes among the unescaped characters before i.
  const depth = new Int32Array(n + 1);
  const isOpen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < n) {
      depth[i + 1] = depth[i] as number;
      depth[i + 2] = depth[i] as number;
      if (text[i + 1] === open) isOpen[i + 1] = 1;
      i++;
      continue;
    }
    if (c === open) isOpen[i] = 1;
    depth[i + 1] = (depth[i] as number) + (c === open ? 1 : c === close ? -1 : 0);
  }
  // Scanning from an open at p, the balance returns to zero at the first j > p + 1 with
  // depth[j] = depth[p + 1] - 1. Right to left, `next` holds the nearest index of each depth.
  const answer = new Int32Array(n).fill(-1);
  const next = new Int32Array(2 * n + 3).fill(-1);
  const offset = n + 1;
  for (let j = n; j >= 1; j--) {
    const d = depth[j] as number;
    if (isOpen[j - 1] === 1) answer[j - 1] = next[d - 1 + offset] as number;
    next[d + offset] = j;
  }
  return answer;
}

/**
 * The closers of one line's brackets and parentheses. Scans run directly (no allocation, the
 * common case of a few short links) until they have stepped over the line a few times; then
 * the tables of {@link closersOf} answer the rest, so no line costs more than linear time.
 */
class Closers {
  private brackets: Int32Array | null = null;
  private parens: Int32Array | null = null;
  /** Characters the direct scans may still step over before the tables take over. */
  private budget: number;
  constructor(private readonly text: string) {
    this.budget = 4 * text.length + 64;
  }
  bracket(open: number): number {
    if (this.brackets === null && this.budget > 0) return this.scan(open, 91, 93);
    this.brackets ??= closersOf(this.text, "[", "]");
    return this.brackets[open] ?? -1;
  }
  paren(open: number): number {
    if (this.parens === null && this.budget > 0) return this.scan(open, 40, 41);
    this.parens ??= closersOf(this.text, "(", ")");
    return this.parens[open] ?? -1;
  }
  /** {@link closingBracket} / {@link closingParen}, charging the steps to the budget. */
  private scan(open: number, opener: number, closer: number): number {
    const text = this.text;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === opener) depth++;
      else if (c === closer && --depth === 0) {
        this.budget -= i + 1 - open;
        return i + 1;
      }
    }
    this.budget -= text.length - open;
    return -1;
  }
}

/** CommonMark's longest link label; longer bracket text is never a reference. */
const MAX_LABEL = 999;

/** Every `[text](url)` and `[text][ref]` link of a line, in order. */
export function findLinks(text: string, references: Record<string, string>): InlineLink[] {
  const links: InlineLink[] = [];
  const closers = new Closers(text);
  let hasReferences = false;
  for (const _ in references) {
    hasReferences = true;
    break;
  }
  const referenceOf = (label: string): string | undefined =>
    hasReferences && label.length <= MAX_LABEL ? references[normalizeLabel(label)] : undefined;
  let i = text.indexOf("[");
  while (i !== -1) {
    if (i > 0 && text[i - 1] === "\\") {
      i = text.indexOf("[", i + 1);
      continue;
    }
    const close = closers.bracket(i);
    if (close === -1) break;
    const inner = text.slice(i + 1, close - 1);
    const next = text[close];
    if (next === "(") {
      const end = closers.paren(close);
      if (end !== -1) {
        const target = text.slice(close + 1, end - 1).trim();
        const url = (target.startsWith("<") ? target.slice(1, target.indexOf(">")) : target).split(
          /\s+/,
        )[0];
        links.push({ start: i, end, text: inner, url: url ?? "", ref: null });
        i = text.indexOf("[", end);
        continue;
      }
    } else if (next === "[") {
      const refEnd = closers.bracket(close);
      if (refEnd !== -1) {
        const label = text.slice(close + 1, refEnd - 1) || inner;
        links.push({
          start: i,
          end: refEnd,
          text: inner,
          url: referenceOf(label) ?? null,
          ref: label,
        });
        i = text.indexOf("[", refEnd);
        continue;
      }
    } else if (referenceOf(inner) !== undefined && !/^[xX ]$/.test(inner)) {
      links.push({
        start: i,
        end: close,
        text: inner,
        url: referenceOf(inner) ?? null,
        ref: inner,
      });
      i = text.indexOf("[", close);
      continue;
    }
    // Not a link: look inside the brackets too ("**[Owner: [title](url)]**" is rare but legal).
    i = text.indexOf("[", i + 1);
  }
  return links;
}

/** The links of a line as the document lists them: Markdown links, then bare URLs. */
export function documentLinksOf(text: string, references: Record<string, string>): DocumentLink[] {
  if (!text.includes("[") && !text.includes("http")) return [];
  const links = findLinks(text, references);
  const out: DocumentLink[] = [];
  for (const link of links) {
    if (link.url !== null && link.url !== "")
      out.push({ text: plainText(link.text), url: link.url });
  }
  BARE_URL.lastIndex = 0;
  let k = 0; // links and matches both come in order: one pointer, not a search per URL
  for (let m = BARE_URL.exec(text); m !== null; m = BARE_URL.exec(text)) {
    const at = m.index;
    while (k < links.length && (links[k] as InlineLink).end <= at) k++;
    const link = links[k];
    if (link !== undefined && at >= link.start && at < link.end) continue;
    out.push({ text: m[0], url: m[0] });
  }
  return out;
}

const PLAIN_CACHE = new Map<string, string>();
const PLAIN_CACHE_SIZE = 4096;
const MARKUP = /[[\]<*_`\\]/;

/** The text a reader sees: links become their text, emphasis, code marks and tags vanish. */
export function plainText(text: string): string {
  if (!MARKUP.test(text)) {
    return text.includes("  ") || text.includes("\n") || text.includes("\t")
      ? text.replace(/\s+/g, " ").trim()
      : text.trim();
  }
  const cached = PLAIN_CACHE.get(text);
  if (cached !== undefined) return cached;
  let out = "";
  let i = 0;
  for (const link of findLinks(text, {})) {
    out += text.slice(i, link.start) + link.text;
    i = link.end;
  }
  out += text.slice(i);
  const plain = stripTags(out)
    .replace(/(\*\*|__|\*|`)/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (PLAIN_CACHE.size >= PLAIN_CACHE_SIZE) PLAIN_CACHE.clear();
  PLAIN_CACHE.set(text, plain);
  return plain;
}

/** Drops `<tag …>` and `</tag>` marks in one pass (a regex retries every `<` to the end). */
export function stripTags(text: string): string {
  let out = "";
  let from = 0;
  let gt = -1;
  for (let lt = text.indexOf("<"); lt !== -1; lt = text.indexOf("<", lt + 1)) {
    const first = text.charCodeAt(lt + 1) === 47 /* / */ ? lt + 2 : lt + 1;
    const c = text.charCodeAt(first) | 32;
    if (c < 97 || c > 122) continue; // not a letter: no tag
    if (gt < first) gt = text.indexOf(">", first);
    if (gt === -1) break; // no `>` anywhere after: no more tags
    out += text.slice(from, lt);
    from = gt + 1;
    lt = gt;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `text` without the backslashes it ends with (a linear `replace(/\\+$/, "")`). */
export function trimTrailingBackslashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 92) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Whether position `at` lies outside every `[…]`, `(…)` and code span of the line. */
export function isTopLevelAt(text: string, at: number): boolean {
  let square = 0;
  let round = 0;
  let inCode = false;
  for (let i = 0; i < at && i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inCode) {
      if (c === "`") inCode = false;
      continue;
    }
    if (c === "`") inCode = text.indexOf("`", i + 1) !== -1;
    else if (c === "[") square++;
    else if (c === "]" && square > 0) square--;
    else if (c === "(") round++;
    else if (c === ")" && round > 0) round--;
  }
  return square === 0 && round === 0 && !inCode;
}
