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

/** Every `[text](url)` and `[text][ref]` link of a line, in order. */
export function findLinks(text: string, references: Record<string, string>): InlineLink[] {
  const links: InlineLink[] = [];
  let i = text.indexOf("[");
  while (i !== -1) {
    if (i > 0 && text[i - 1] === "\\") {
      i = text.indexOf("[", i + 1);
      continue;
    }
    const close = closingBracket(text, i);
    if (close === -1) break;
    const inner = text.slice(i + 1, close - 1);
    const next = text[close];
    if (next === "(") {
      const end = closingParen(text, close);
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
      const refEnd = closingBracket(text, close);
      if (refEnd !== -1) {
        const label = text.slice(close + 1, refEnd - 1) || inner;
        links.push({
          start: i,
          end: refEnd,
          text: inner,
          url: references[normalizeLabel(label)] ?? null,
          ref: label,
        });
        i = text.indexOf("[", refEnd);
        continue;
      }
    } else if (references[normalizeLabel(inner)] !== undefined && !/^[xX ]$/.test(inner)) {
      links.push({
        start: i,
        end: close,
        text: inner,
        url: references[normalizeLabel(inner)] ?? null,
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
  for (let m = BARE_URL.exec(text); m !== null; m = BARE_URL.exec(text)) {
    const at = m.index;
    if (links.some((l) => at >= l.start && at < l.end)) continue;
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
  const plain = out
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/(\*\*|__|\*|`)/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (PLAIN_CACHE.size >= PLAIN_CACHE_SIZE) PLAIN_CACHE.clear();
  PLAIN_CACHE.set(text, plain);
  return plain;
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
