/**
 * A list item whose text goes on over the lines after it (a key result written over two
 * lines): a change to it is written where its pieces are, and its other lines stay its own.
 */
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../../core/document.js";
import type { LineFields } from "../../core/page-source.js";
import { parseHandbook } from "../parse-handbook.js";
import { type SplicedItem, spliceSource } from "./splice.js";

function spliced(text: string): SplicedItem[] {
  const out: SplicedItem[] = [];
  const walk = (items: DocumentItem[], parentKey: string | null) => {
    for (const [i, item] of items.entries()) {
      const key = `${parentKey ?? ""}/${i}`;
      const before: LineFields = {
        owner: item.owner,
        title: item.title,
        outcome: item.outcome,
        progress: item.progress,
        status: item.status,
      };
      out.push({ key, kind: item.kind, line: item.line, parentKey, before, after: before });
      walk(item.children, key);
    }
  };
  walk(parseHandbook(text).items, null);
  return out;
}

/** The page after `change` is made to the item on `line`. */
function changed(text: string, line: number, change: Partial<LineFields>): string {
  const items = spliced(text).map((item) =>
    item.line === line ? { ...item, after: { ...item.before, ...change } } : item,
  );
  return spliceSource(text, items).text;
}

const PAGE = [
  "# FY21-Q3 OKRs",
  "",
  "1. CEO: Popular next generation product.",
  "    1. VP Eng: Reduce time to merge",
  "       from 70 mins to 56 mins => 61 mins",
  "    1. VP Product: Ship 8 of 10 planned",
  "       features",
  "    1. CTO: Cut the bill",
  "       by 10% => 40%",
  "       (see the cost report)",
  "",
].join("\n");

describe("a key result written over several lines", () => {
  it("reads as one item on its first line", () => {
    const [objective] = parseHandbook(PAGE).items;
    expect(objective?.children.map((c) => [c.line, c.title, c.outcome])).toEqual([
      [4, "Reduce time to merge from 70 mins to 56 mins", "61 mins"],
      [6, "Ship 8 of 10 planned features", null],
      [8, "Cut the bill by 10%", "40% (see the cost report)"],
    ]);
  });

  it("takes a new outcome on the line that says it, and keeps its other lines", () => {
    const out = changed(PAGE, 4, { progress: 12 / 14, value: 58 });
    expect(out).toBe(PAGE.replace("=> 61 mins", "=> 58 mins"));
  });

  it("takes a first outcome after the end of its title, on its last line", () => {
    const out = changed(PAGE, 6, { progress: 0.42, status: "in_progress" });
    expect(out).toBe(PAGE.replace("       features\n", "       features => 42%\n"));
  });

  it("keeps the words around an outcome that goes on to the next line", () => {
    const out = changed(PAGE, 8, { progress: 0.6 });
    expect(out).toBe(PAGE.replace("=> 40%", "=> 60%"));
  });

  it("writes a new title and owner where they changed, keeping the break", () => {
    const out = changed(PAGE, 4, {
      owner: "Director of Engineering",
      title: "Reduce time to merge from 70 mins to 50 mins",
    });
    expect(out).toBe(
      PAGE.replace("VP Eng:", "Director of Engineering:").replace("to 56 mins", "to 50 mins"),
    );
    expect(parseHandbook(out).items[0]?.children[0]).toMatchObject({
      line: 4,
      owner: "Director of Engineering",
      title: "Reduce time to merge from 70 mins to 50 mins",
      outcome: "61 mins",
    });
  });

  it("goes with all its lines when it is removed", () => {
    const items = spliced(PAGE).map((item) => (item.line === 6 ? { ...item, after: null } : item));
    expect(spliceSource(PAGE, items).text).toBe(
      PAGE.replace("    1. VP Product: Ship 8 of 10 planned\n       features\n", ""),
    );
  });

  it("reads back what it wrote after each change", () => {
    const out = changed(changed(PAGE, 6, { progress: 0.42, status: "in_progress" }), 8, {
      progress: 0.6,
    });
    expect(parseHandbook(out).items[0]?.children.map((c) => [c.title, c.outcome])).toEqual([
      ["Reduce time to merge from 70 mins to 56 mins", "61 mins"],
      ["Ship 8 of 10 planned features", "42%"],
      ["Cut the bill by 10%", "60% (see the cost report)"],
    ]);
  });

  it("keeps a page's CRLF line ends, also on a line written afresh", () => {
    const crlf = PAGE.replaceAll("\n", "\r\n");
    expect(changed(crlf, 8, { progress: 0.6 })).toBe(crlf.replace("=> 40%", "=> 60%"));
    const items = spliced(crlf).map((item) =>
      item.line === 6
        ? {
            ...item,
            before: { ...item.before, outcome: "gone" },
            after: { ...item.before, progress: 0.5 },
          }
        : item,
    );
    const out = spliceSource(crlf, items).text;
    expect(out).toBe(
      crlf.replace(
        "    1. VP Product: Ship 8 of 10 planned\r\n       features\r\n",
        "    1. VP Product KR: Ship 8 of 10 planned features => 50%\r\n",
      ),
    );
  });
});
