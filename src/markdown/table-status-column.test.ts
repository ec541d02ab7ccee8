/**
 * A key result table with both a Status and a Progress column: the progress is the Progress
 * cell's; the Status cell speaks where the Progress cell is empty.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import type { LineFields } from "../core/page-source.js";
import { parseHandbook } from "./parse-handbook.js";
import { type SplicedItem, spliceSource } from "./source-export/splice.js";

const page = readFileSync(
  resolve(import.meta.dirname, "format-fixtures", "kr-table-status.md"),
  "utf8",
);
const keyResults = (items: DocumentItem[]) => items.flatMap((o) => o.children);

describe("a table with Status and Progress columns", () => {
  const doc = parseHandbook(page);

  it("reads the progress from the Progress column, the Status cell where it is empty", () => {
    expect(keyResults(doc.items).map((k) => [k.line, k.outcome, k.progress, k.status])).toEqual([
      [5, "50%", 0.5, "in_progress"],
      [6, "25%", 0.25, "in_progress"],
      [7, "100%", 1, "done"],
      [8, "10%", 0.1, "in_progress"],
      [9, "❌ Missed", null, "missed"],
    ]);
  });

  it("writes a check-in into the Progress cell and leaves the Status cell", () => {
    const items: SplicedItem[] = [];
    for (const objective of doc.items) {
      const fields = (i: DocumentItem): LineFields => ({
        owner: i.owner,
        title: i.title,
        outcome: i.outcome,
        progress: i.progress,
        status: i.status,
      });
      const key = `o${objective.line}`;
      items.push({
        key,
        kind: "objective",
        line: objective.line,
        parentKey: null,
        before: fields(objective),
        after: fields(objective),
      });
      for (const kr of objective.children) {
        const before = fields(kr);
        const after = kr.line === 6 ? { ...before, progress: 0.4 } : before;
        items.push({
          key: `k${kr.line}`,
          kind: "key_result",
          line: kr.line,
          parentKey: key,
          before,
          after,
        });
      }
    }
    expect(spliceSource(page, items).text).toBe(
      page.replace("🟡 At risk | 25% |", "🟡 At risk | 40% |"),
    );
  });
});
