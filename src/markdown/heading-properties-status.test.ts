/**
 * Headings labelled with a dash (`### KR 1.1 — …`) over property lines that give both a
 * Status and a Progress, or end in `<br>`, as exported from a notes tool.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import type { LineFields } from "../core/page-source.js";
import { parseHandbook } from "./parse-handbook.js";
import { type SplicedItem, spliceSource } from "./source-export/splice.js";

const page = readFileSync(
  resolve(import.meta.dirname, "format-fixtures", "heading-krs-dashed.md"),
  "utf8",
);

function rows(items: DocumentItem[]): unknown[] {
  return items.flatMap((i) => [
    [i.line, i.kind, i.owner, i.title, i.outcome, i.progress, i.status],
    ...rows(i.children),
  ]);
}

describe("dashed headings with property lines", () => {
  const doc = parseHandbook(page);

  it("reads key result headings, Progress before Status, and owners without a `<br>`", () => {
    expect(rows(doc.items)).toEqual([
      [3, "objective", null, "Activate more new users", "🟢", null, "in_progress"],
      [
        5,
        "key_result",
        "Growth squad",
        "Raise day-7 activation from 22% to 30%",
        "35%",
        0.35,
        "in_progress",
      ],
      [11, "key_result", "Onboarding", "Ship the guided setup", "✅ Done", 1, "done"],
      [16, "objective", null, "Lower support load", null, null, null],
      [
        18,
        "key_result",
        "Support",
        "Cut tickets per 100 users from 8 to 5",
        "6",
        2 / 3,
        "in_progress",
      ],
    ]);
  });

  it("writes a check-in into the Progress line and leaves the Status line", () => {
    const items: SplicedItem[] = [];
    const walk = (list: DocumentItem[], parentKey: string | null) => {
      for (const item of list) {
        const before: LineFields = {
          owner: item.owner,
          title: item.title,
          outcome: item.outcome,
          progress: item.progress,
          status: item.status,
        };
        const after = item.line === 5 ? { ...before, progress: 0.5 } : before;
        items.push({
          key: String(item.line),
          kind: item.kind,
          line: item.line,
          parentKey,
          before,
          after,
        });
        walk(item.children, String(item.line));
      }
    };
    walk(doc.items, null);
    expect(spliceSource(page, items).text).toBe(
      page.replace("**Progress:** 35%", "**Progress:** 50%"),
    );
  });
});
