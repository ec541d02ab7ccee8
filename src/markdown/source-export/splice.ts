/**
 * The source-preserving export: a page's text with only the lines whose items changed
 * rewritten, removed items' lines dropped and new items inserted after their siblings in the
 * siblings' own style. Unchanged input gives the text back byte for byte.
 */
import { pushTo } from "../../core/collections.js";
import type { LineFields } from "../../core/page-source.js";
import { renderItemLine } from "../render-document.js";
import { continuationEnd, holdsWords, rewriteLines } from "./continued-lines.js";
import { writeOutcome } from "./field-cells.js";
import { linePrefix } from "./locate.js";
import { PropertyBlock } from "./property-block.js";
import { outcomeFor, rewriteLine } from "./rewrite-line.js";
import {
  rewriteTableRow,
  type TableColumns,
  tableColumnsByLine,
  tableRowFor,
} from "./table-row.js";

/** An item the page holds: where it is, what it said, and what it should say now. */
export interface SplicedItem {
  key: string;
  kind: "objective" | "key_result";
  /** 1-based line in the page. */
  line: number;
  parentKey: string | null;
  before: LineFields;
  /** Null: the item is gone (archived or deleted), its line goes too. */
  after: LineFields | null;
}

/** An item the page does not hold yet, in tree order (parents before children). */
export interface AddedItem {
  key: string;
  kind: "objective" | "key_result";
  parentKey: string | null;
  /** The sibling it follows (on the page or added), null when it comes first. */
  afterKey: string | null;
  fields: LineFields;
  /**
   * An item the page holds, moved to another parent: its whole block of lines (its line and
   * every line nested under it) moves, re-indented for its new depth. `fields` are unused.
   */
  block?: true;
}

export interface SpliceResult {
  text: string;
  /** The 1-based line of every item in the new text, added ones included. */
  lines: Map<string, number>;
}

function sameFields(a: LineFields, b: LineFields): boolean {
  return (
    a.owner === b.owner &&
    a.title === b.title &&
    a.outcome === b.outcome &&
    a.progress === b.progress &&
    a.status === b.status &&
    a.value === b.value
  );
}

function isListLine(line: string): boolean {
  return /^\s*(?:[-*+]|\d+[.)])\s/.test(line);
}

/** Whether lines of `text` are nested under its 1-based `line` (indented deeper, right after). */
export function hasNestedLines(text: string, line: number): boolean {
  const lines = text.split("\n");
  const indent = indentOf(lines[line - 1] ?? "");
  for (let n = line; n < lines.length; n++) {
    const next = lines[n] ?? "";
    if (next.trim() === "") continue;
    return indentOf(next) > indent;
  }
  return false;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** A line written in the house style, for an item with nothing on the page to copy. */
function houseLine(indent: number, kind: SplicedItem["kind"], fields: LineFields): string {
  const item = {
    kind,
    ...fields,
    outcome: outcomeFor(null, fields),
    links: [],
    line: 0,
    children: [],
  };
  return `${" ".repeat(indent)}- ${renderItemLine(item)}`;
}

/** `text`'s indent and list marker, then `fields` written in the house style, then its `\r`. */
function lineAfresh(text: string, kind: SplicedItem["kind"], fields: LineFields): string {
  const end = text.endsWith("\r") ? "\r" : "";
  return `${linePrefix(text)}${renderItemLine({ kind, ...fields, links: [], line: 0, children: [] })}${end}`;
}

class Splicer {
  private readonly lines: string[];
  private readonly byLine = new Map<number, SplicedItem[]>();
  /** The table columns of each line, found in one pass the first time a line is asked about. */
  private tables: Array<TableColumns | null> | undefined;
  private readonly byKey = new Map<string, SplicedItem>();
  private readonly children = new Map<string | null, SplicedItem[]>();
  /** Indent of each added item's generated line. */
  private readonly addedIndent = new Map<string, number>();
  private readonly addedKind = new Map<string, SplicedItem["kind"]>();
  /** Moved blocks: first and last line, and how far their lines shift right (or left). */
  private readonly blocks = new Map<string, { start: number; end: number; shift: number }>();

  constructor(
    text: string,
    private readonly items: readonly SplicedItem[],
  ) {
    this.lines = text.split("\n");
    for (const item of items) {
      this.byKey.set(item.key, item);
      pushTo(this.byLine, item.line, item);
      pushTo(this.children, item.parentKey, item);
    }
  }

  private lineText(line: number): string {
    return this.lines[line - 1] ?? "";
  }

  /** The columns of the key result table the 1-based `line` is a row of; null for other lines. */
  private tableAt(line: number): TableColumns | null {
    this.tables ??= tableColumnsByLine(this.lines);
    return this.tables[line - 1] ?? null;
  }

  private alone(item: SplicedItem): boolean {
    return (this.byLine.get(item.line)?.length ?? 0) === 1;
  }

  /** The last line of an item and everything the page holds under it. */
  subtreeEnd(key: string): number {
    const item = this.byKey.get(key);
    let end = item?.line ?? 0;
    const block = this.blocks.get(key);
    if (block !== undefined) end = Math.max(end, block.end);
    for (const child of this.children.get(key) ?? []) {
      if (this.blocks.has(child.key)) continue;
      end = Math.max(end, this.subtreeEnd(child.key));
    }
    return end;
  }

  /**
   * The last line that goes with an item where it is written: its subtree's, or the last line
   * nested under it (continuation lines), leaving out blocks that move elsewhere.
   */
  private endOf(key: string): number {
    const item = this.byKey.get(key);
    let end = this.subtreeEnd(key);
    if (item === undefined || !this.alone(item)) return end;
    const own = this.blockAt(item.line);
    const last = this.nestedEnd(item.line);
    for (let n = item.line + 1; n <= last; n++) {
      if (this.blockAt(n) === own) end = Math.max(end, n);
    }
    return end;
  }

  /**
   * The last line of a list line's items' text: the line itself, or the lines after it that go
   * on with it where the items' words, as read, are not all on the line.
   */
  private textEnd(line: number, items: readonly SplicedItem[]): number {
    const text = this.lineText(line);
    if (!isListLine(text) || items.every((item) => holdsWords(text, item.before))) return line;
    return continuationEnd(this.lines, line, (n) => this.byLine.has(n));
  }

  /** Lines rewritten (string) or removed (null), by 1-based line. */
  rewrites(): Map<number, string | null> {
    const out = new Map<number, string | null>();
    for (const [line, items] of this.byLine) {
      if (items.every((item) => item.after === null)) {
        out.set(line, null);
        // A heading's property lines go with it, and so do the lines a list item's text goes on over.
        const text = this.lineText(line);
        for (let n = line + 1; n <= this.textEnd(line, items); n++) out.set(n, null);
        const block = isListLine(text) ? null : PropertyBlock.after(this.lines, line);
        for (const n of block?.lineNumbers ?? []) out.set(n, null);
        continue;
      }
      const changes = items
        .filter((item) => item.after !== null)
        .map((item) => ({ before: item.before, after: item.after as LineFields }));
      const removed = items.some((item) => item.after === null);
      if (!removed && changes.every((c) => sameFields(c.before, c.after))) continue;
      const text = this.lineText(line);
      const columns = this.tableAt(line);
      if (columns !== null) {
        out.set(line, rewriteTableRow(text, columns, items));
        continue;
      }
      const block =
        items.length === 1 && !isListLine(text) ? PropertyBlock.after(this.lines, line) : null;
      if (block !== null) {
        this.rewriteWithProperties(out, items[0] as SplicedItem, block);
        continue;
      }
      if (changes.every((c) => sameFields(c.before, c.after))) continue;
      const end = this.textEnd(line, items);
      const rewritten =
        end === line
          ? rewriteLine(text, changes)
          : rewriteLines(this.lines.slice(line - 1, end), changes);
      // The lines going on with the item's text are in the rewrite, or gone with a line afresh.
      const joined = () => {
        for (let n = line + 1; n <= end; n++) out.set(n, null);
      };
      if (rewritten !== null) {
        out.set(line, rewritten);
        joined();
      } else if (items.length === 1 && items[0] !== undefined && items[0].after !== null) {
        joined();
        out.set(
          line,
          lineAfresh(text, items[0].kind, {
            ...items[0].after,
            outcome: outcomeFor(items[0].before, items[0].after),
          }),
        );
      }
    }
    return out;
  }

  /**
   * A heading's item whose owner or outcome the property lines under it hold: those go onto
   * their lines, the rest (its title) onto the heading.
   */
  private rewriteWithProperties(
    out: Map<number, string | null>,
    item: SplicedItem,
    block: PropertyBlock,
  ): void {
    const { before } = item;
    const after = item.after as LineFields;
    const ownerHere = block.holdsOwner(before);
    const outcomeHere = block.holdsOutcome(before);
    const onHeading = (f: LineFields): LineFields => {
      const { value: _, ...rest } = f;
      const owner = ownerHere ? null : f.owner;
      return outcomeHere
        ? { ...rest, owner, outcome: null, progress: null, status: null }
        : { ...f, owner };
    };
    const headingBefore = onHeading(before);
    const headingAfter = onHeading(after);
    if (!sameFields(headingBefore, headingAfter)) {
      const text = this.lineText(item.line);
      const change = { before: headingBefore, after: headingAfter };
      out.set(item.line, rewriteLine(text, [change]) ?? lineAfresh(text, item.kind, headingAfter));
    }
    if (ownerHere && after.owner !== before.owner) block.set("owner", after.owner ?? "");
    if (outcomeHere) writeOutcome(block, before, after);
    for (const [n, text] of block.rewrites()) out.set(n, text);
  }

  private kindOf(key: string | null): string {
    if (key === null) return "top";
    return this.byKey.get(key)?.kind ?? this.addedKind.get(key) ?? "top";
  }

  /** How far a line shifts when the block holding it moves. */
  private shiftOf(line: number): number {
    let shift = 0;
    let start = 0;
    // The innermost moved block holding the line decides.
    for (const block of this.blocks.values()) {
      if (line >= block.start && line <= block.end && block.start >= start) {
        start = block.start;
        shift = block.shift;
      }
    }
    return shift;
  }

  /** The indent a page line has where it is written now. */
  private indentAt(line: number): number {
    return indentOf(this.lineText(line)) + this.shiftOf(line);
  }

  private parentIndent(key: string | null): number {
    if (key === null) return 0;
    const item = this.byKey.get(key);
    if (item !== undefined) return this.indentAt(item.line);
    return this.addedIndent.get(key) ?? 0;
  }

  /** The last line nested under a list line: every line after it indented deeper. */
  private nestedEnd(line: number): number {
    const indent = indentOf(this.lineText(line));
    let end = line;
    for (let n = line + 1; n <= this.lines.length; n++) {
      const text = this.lineText(n);
      if (text.trim() === "") continue;
      if (indentOf(text) <= indent) break;
      end = n;
    }
    return end;
  }

  /** How many columns a child sits right of its parent on this page. */
  private childStep(): number {
    for (const item of this.items) {
      const parent = item.parentKey === null ? undefined : this.byKey.get(item.parentKey);
      if (parent === undefined || parent.line === item.line) continue;
      const step = indentOf(this.lineText(item.line)) - indentOf(this.lineText(parent.line));
      if (step > 0) return step;
    }
    return 2;
  }

  /** The indent a moved item's line takes under its new parent. */
  private movedIndent(item: SplicedItem, move: AddedItem): number {
    const sibling = (this.children.get(move.parentKey) ?? []).find(
      (s) => s.kind === item.kind && s.key !== item.key && !this.blocks.has(s.key) && this.alone(s),
    );
    if (sibling !== undefined) return this.indentAt(sibling.line);
    if (move.parentKey === null) {
      const top = this.children.get(null)?.find((s) => !this.blocks.has(s.key));
      return top === undefined ? 0 : this.indentAt(top.line);
    }
    return this.parentIndent(move.parentKey) + this.childStep();
  }

  /** Records where each moved block is and how far it shifts; parents before children. */
  planMoves(moves: readonly AddedItem[]): void {
    for (const move of moves) {
      if (move.block !== true) continue;
      const item = this.byKey.get(move.key);
      // Only a list item alone on its line moves with its block; others stay where they are.
      if (item === undefined || !this.alone(item) || !isListLine(this.lineText(item.line))) {
        continue;
      }
      const start = item.line;
      const end = Math.max(this.nestedEnd(start), this.subtreeEnd(move.key));
      const shift = this.movedIndent(item, move) - indentOf(this.lineText(start));
      this.blocks.set(move.key, { start, end, shift });
    }
  }

  /** A line of a moved block, re-indented by `shift` columns. */
  private shifted(text: string, shift: number): string {
    if (shift === 0 || text.trim() === "") return text;
    if (shift > 0) return `${" ".repeat(shift)}${text}`;
    const indent = indentOf(text);
    return text.slice(Math.min(indent, -shift));
  }

  /** A moved block's line, by the line (none for a line that is in no moved block). */
  private blockAt(line: number): string | undefined {
    let found: string | undefined;
    let start = 0;
    for (const [key, block] of this.blocks) {
      if (line >= block.start && line <= block.end && block.start >= start) {
        start = block.start;
        found = key;
      }
    }
    return found;
  }

  /** An item on the page to copy the style of: a sibling, else one in a like place. */
  private templateFor(added: AddedItem): SplicedItem | undefined {
    // A table row holds its objective and first key result: either is a row to copy.
    const usable = (item: SplicedItem) =>
      item.kind === added.kind &&
      item.after !== null &&
      (this.alone(item) || this.tableAt(item.line) !== null);
    const siblings = (this.children.get(added.parentKey) ?? []).filter(usable);
    const previous = siblings.find((s) => s.key === added.afterKey);
    if (previous !== undefined) return previous;
    if (siblings.length > 0) return siblings[siblings.length - 1];
    const parentKind = this.kindOf(added.parentKey);
    return (
      this.items.find((item) => usable(item) && this.kindOf(item.parentKey) === parentKind) ??
      this.items.find(usable)
    );
  }

  /** The new line of an added item, in its template's style. */
  lineFor(added: AddedItem): string {
    const template = this.templateFor(added);
    const parentIndent = this.parentIndent(added.parentKey);
    if (template === undefined) {
      const indent = added.parentKey === null ? 0 : parentIndent + 2;
      this.addedIndent.set(added.key, indent);
      return houseLine(indent, added.kind, added.fields);
    }
    const text = this.lineText(template.line);
    const columns = this.tableAt(template.line);
    if (columns !== null) return tableRowFor(text, columns, added.kind, added.fields);
    let indent = this.indentAt(template.line);
    if (template.parentKey !== added.parentKey) {
      const depth = indent - this.parentIndent(template.parentKey);
      indent = added.parentKey === null ? indent : Math.max(0, parentIndent + Math.max(depth, 0));
    }
    this.addedIndent.set(added.key, indent);
    const fields = { ...added.fields, outcome: outcomeFor(null, added.fields) };
    const rewritten = rewriteLine(text, [{ before: template.before, after: fields }]);
    const body = rewritten ?? lineAfresh(text, added.kind, fields);
    return `${" ".repeat(indent)}${body.slice(indentOf(body)).replace(/\s*\\\s*$/, "")}`;
  }

  /** Where each added item goes: after the line of its previous sibling's subtree. */
  insertions(added: readonly AddedItem[]): Map<number, AddedItem[]> {
    const anchors = new Map<string, number>();
    const nested = new Map<string, AddedItem[]>();
    const out = new Map<number, AddedItem[]>();
    const isAdded = new Set(added.filter((a) => a.block !== true).map((a) => a.key));
    for (const item of added) this.addedKind.set(item.key, item.kind);
    for (const item of added) {
      if (item.block === true && !this.blocks.has(item.key)) continue;
      if (item.parentKey !== null && isAdded.has(item.parentKey)) {
        pushTo(nested, item.parentKey, item);
        continue;
      }
      let anchor: number;
      if (item.afterKey !== null && anchors.has(item.afterKey)) {
        anchor = anchors.get(item.afterKey) ?? 0;
      } else if (item.afterKey !== null && this.byKey.has(item.afterKey)) {
        anchor = this.endOf(item.afterKey);
      } else if (item.parentKey !== null && this.byKey.has(item.parentKey)) {
        anchor = this.byKey.get(item.parentKey)?.line ?? 0;
      } else {
        const first = this.children.get(null)?.[0];
        anchor = first === undefined ? this.lines.length : first.line - 1;
      }
      anchors.set(item.key, anchor);
      pushTo(out, anchor, item);
    }
    // Children of added items follow their parent, depth first.
    const expand = (list: AddedItem[]): AddedItem[] =>
      list.flatMap((item) => [item, ...expand(nested.get(item.key) ?? [])]);
    for (const [anchor, list] of out) out.set(anchor, expand(list));
    return out;
  }

  splice(added: readonly AddedItem[]): SpliceResult {
    this.planMoves(added);
    const rewrites = this.rewrites();
    const inserts = this.insertions(added);
    const out: string[] = [];
    const lines = new Map<string, number>();
    const placed = new Set<string>();
    const emitLine = (n: number) => {
      const rewrite = rewrites.get(n);
      if (rewrite !== null) {
        const first = out.length + 1;
        // A rewrite may add a line after its own (a property line).
        for (const part of (rewrite ?? this.lineText(n)).split("\n")) {
          out.push(this.shifted(part, this.shiftOf(n)));
        }
        for (const item of this.byLine.get(n) ?? []) {
          if (item.after !== null) lines.set(item.key, first);
        }
      }
      emit(n);
    };
    const emit = (anchor: number) => {
      for (const item of inserts.get(anchor) ?? []) {
        const block = this.blocks.get(item.key);
        if (item.block === true) {
          if (block === undefined || placed.has(item.key)) continue;
          placed.add(item.key);
          for (let n = block.start; n <= block.end; n++) {
            if (this.blockAt(n) === item.key) emitLine(n);
          }
          continue;
        }
        out.push(this.lineFor(item));
        lines.set(item.key, out.length);
      }
    };
    emit(0);
    for (let n = 1; n <= this.lines.length; n++) {
      if (this.blockAt(n) === undefined) emitLine(n);
    }
    return { text: out.join("\n"), lines };
  }
}

/** The page with its changed items rewritten, removed ones dropped and added ones inserted. */
export function spliceSource(
  text: string,
  items: readonly SplicedItem[],
  added: readonly AddedItem[] = [],
): SpliceResult {
  return new Splicer(text, items).splice(added);
}
