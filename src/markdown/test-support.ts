/** Helpers for the markdown tests: compare documents, walk items, load fixtures and seed pages. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "vitest";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { parseHandbook } from "./parse-handbook.js";

/** Every item of a tree, depth first. */
export function flatten(items: DocumentItem[]): DocumentItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}

function withoutLines(items: DocumentItem[]): unknown[] {
  // Scores are an export's extra, computed by the app; Markdown does not carry them.
  return items.map(({ line: _line, score: _score, children, ...rest }) => ({
    ...rest,
    children: withoutLines(children),
  }));
}

/** What must survive render -> parse: everything but line numbers, problems and scores. */
export function comparable(doc: OkrDocument): unknown {
  return {
    title: doc.title,
    period: doc.period,
    items: withoutLines(doc.items),
    retrospectives: doc.retrospectives,
    references: doc.references,
  };
}

/** A fixture of our own (`fixtures/NAME`), parsed. */
export function fixture(name: string): OkrDocument {
  return parseHandbook(readFileSync(resolve(import.meta.dirname, "fixtures", name), "utf8"));
}

const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");
/** Whether the real handbook pages are beside the project, in `../shared/seeds`. */
export const HAVE_SEEDS = existsSync(SEEDS);

export interface SeedPage {
  name: string;
  text: string;
  doc: OkrDocument;
}

function loadSeeds(): SeedPage[] {
  if (!HAVE_SEEDS) return [];
  return readdirSync(SEEDS)
    .sort()
    .map((name) => {
      const text = readFileSync(resolve(SEEDS, name), "utf8");
      return { name, text, doc: parseHandbook(text) };
    });
}

let loaded: SeedPage[] | undefined;
/** Every seed page, parsed once (on first use); none when the pages are absent. */
export function seedPages(): SeedPage[] {
  loaded ??= loadSeeds();
  return loaded;
}

/** A seed page by its title and a phrase only it contains. */
export function page(title: string, phrase = ""): SeedPage {
  const found = seedPages().find((p) => p.doc.title === title && p.text.includes(phrase));
  if (found === undefined) throw new Error(`seed page "${title}" not found`);
  return found;
}

/** The item on a line (of a kind), or a thrown error naming the line. */
export function at(doc: OkrDocument, line: number, kind?: DocumentItem["kind"]): DocumentItem {
  const found = flatten(doc.items).filter(
    (i) => i.line === line && (kind === undefined || i.kind === kind),
  );
  const item = found[0];
  if (item === undefined) throw new Error(`no item on line ${line}`);
  return item;
}

/** How many items of a kind the document holds. */
export function count(doc: OkrDocument, kind: DocumentItem["kind"]): number {
  return flatten(doc.items).filter((i) => i.kind === kind).length;
}

/** The lines of the problems with a code. */
export function codesAt(doc: OkrDocument, code: string): number[] {
  return doc.problems.filter((p) => p.code === code).map((p) => p.line);
}

/** Lines that are list items (or `KR:` lines after a backslash break) in `[from, to]`. */
function listLines(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  text.split("\n").forEach((line, index) => {
    const n = index + 1;
    if (n < from || n > to) return;
    if (/^\s*(?:[-*+]|\d+[.)])\s+\S/.test(line) || /^\s*KR:/.test(line)) out.push(n);
  });
  return out;
}

/** Every list line in `[from, to]` became an item. */
export function expectAllAccounted(text: string, doc: OkrDocument, from: number, to: number): void {
  const itemLines = new Set(flatten(doc.items).map((i) => i.line));
  const missing = listLines(text, from, to).filter((n) => !itemLines.has(n));
  expect(missing).toEqual([]);
}
