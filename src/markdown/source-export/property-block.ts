/**
 * The property lines under a heading's item (`Owner: …`, `Progress: …`, `Current: …`) written
 * back in place: a changed owner or outcome goes onto its own property line, and an owner or a
 * progress the block has no line for gets one, written like the block's first line.
 */
import type { LineFields } from "../../core/page-source.js";
import {
  MAX_PROPERTIES,
  type PropertyLine,
  type PropertyRole,
  readPropertyLines,
} from "../property-lines.js";
import type { FieldCells } from "./field-cells.js";

/** A line that ends a paragraph: a list item, heading, table row, quote or fence. */
const BLOCK_START = /^\s{0,3}(?:[-*+]\s|\d+[.)]\s|#{1,6}(?:\s|$)|>|\||```|~~~)/;

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

export class PropertyBlock implements FieldCells {
  private readonly edits = new Map<number, string>();
  /** Lines added after the block's last, in order. */
  private readonly added: string[] = [];

  private constructor(
    /** 1-based line of each property. */
    private readonly lines: readonly number[],
    private readonly texts: readonly string[],
    private readonly properties: readonly PropertyLine[],
  ) {}

  /** The property lines in the paragraph right after the 1-based `line` of `page`, or null. */
  static after(page: readonly string[], line: number): PropertyBlock | null {
    let n = line;
    // A heading underlined with `===` or `---` ends at its underline.
    if (SETEXT_UNDERLINE.test(page[n] ?? "")) n++;
    while (n < page.length && (page[n] ?? "").trim() === "") n++;
    const lines: number[] = [];
    const texts: string[] = [];
    // More lines than a block holds make no block: stop reading one past them.
    for (; n < page.length && lines.length <= MAX_PROPERTIES; n++) {
      const text = page[n] ?? "";
      if (text.trim() === "" || BLOCK_START.test(text)) break;
      lines.push(n + 1);
      texts.push(text);
    }
    const properties = readPropertyLines(texts);
    return properties === null ? null : new PropertyBlock(lines, texts, properties);
  }

  /** 1-based lines of the block. */
  get lineNumbers(): readonly number[] {
    return this.lines;
  }

  private indexOf(role: PropertyRole): number {
    return this.properties.findIndex((p) => p.role === role && p.value !== "");
  }

  /** Whether the item's owner as the page gave it came from the block (or none was given). */
  holdsOwner(before: LineFields): boolean {
    return before.owner === null || this.text("owner") === before.owner;
  }

  /** Whether the item's outcome as the page gave it came from the block (or none was given). */
  holdsOutcome(before: LineFields): boolean {
    if (before.outcome === null) return true;
    return (this.text("outcome") ?? this.text("status") ?? this.text("current")) === before.outcome;
  }

  has(role: "outcome" | "current"): boolean {
    if (this.indexOf(role) >= 0) return true;
    // Without a line for either, a progress gets a line of its own.
    return role === "outcome" && this.indexOf("current") < 0;
  }

  text(role: PropertyRole): string | null {
    const at = this.indexOf(role);
    return at < 0 ? null : (this.properties[at]?.value ?? null);
  }

  set(role: PropertyRole, text: string): void {
    const at = this.indexOf(role);
    if (at >= 0) {
      this.edits.set(at, text);
      return;
    }
    if ((role !== "outcome" && role !== "owner") || text === "") return;
    // The block's first line shows how a property is written (`**Owner:** …`).
    const first = this.properties[0] as PropertyLine;
    const name = role === "owner" ? "Owner" : "Progress";
    const prefix = (this.texts[0] ?? "").slice(0, first.start).replace(first.name, name);
    this.added.push(`${prefix}${text}`);
  }

  /** The lines rewritten, by 1-based line; a line added goes after the block's last. */
  rewrites(): Map<number, string> {
    const out = new Map<number, string>();
    for (const [at, value] of this.edits) {
      const property = this.properties[at] as PropertyLine;
      const text = this.texts[at] ?? "";
      out.set(
        this.lines[at] as number,
        text.slice(0, property.start) + value + text.slice(property.end),
      );
    }
    if (this.added.length > 0) {
      const last = this.lines[this.lines.length - 1] as number;
      const lines = [out.get(last) ?? this.texts[this.texts.length - 1] ?? "", ...this.added];
      out.set(last, lines.join("\n"));
    }
    return out;
  }
}
