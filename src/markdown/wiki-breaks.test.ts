/** List lines broken with `<br>`, as wikis export them: each piece is a line of its own. */
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import type { LineFields } from "../core/page-source.js";
import { parseHandbook } from "./parse-handbook.js";
import { type SplicedItem, spliceSource } from "./source-export/splice.js";

const PAGE = [
  "# FY22-Q1 OKRs",
  "",
  "- CEO: Grow ARR<br>KR: Reach $2M in new ARR => $1.5M<br>KR: Sign 10 resellers => 4",
  "- CTO: Ship faster<br/>",
  "  CTO KR: Cut lead time from 10 days to 3 days => 5 days",
  "",
  "## Retrospective",
  "",
  "- GOOD<br />- Shipped on time<br>- Hired well",
  "- BAD",
  "  - Slow reviews",
  "",
].join("\n");

const rows = (items: DocumentItem[]): unknown[] =>
  items.flatMap((i) => [[i.line, i.kind, i.owner, i.title, i.outcome], ...rows(i.children)]);

describe("lines broken with <br>", () => {
  const doc = parseHandbook(PAGE);

  it("reads each piece as a line: an objective, then its key results", () => {
    expect(rows(doc.items)).toEqual([
      [3, "objective", "CEO", "Grow ARR", null],
      [3, "key_result", "CEO", "Reach $2M in new ARR", "$1.5M"],
      [3, "key_result", "CEO", "Sign 10 resellers", "4"],
      [4, "objective", "CTO", "Ship faster", null],
      [5, "key_result", "CTO", "Cut lead time from 10 days to 3 days", "5 days"],
    ]);
  });

  it("writes a check-in into its piece of the line", () => {
    const items: SplicedItem[] = [];
    const walk = (list: DocumentItem[], parentKey: string | null) => {
      for (const [n, item] of list.entries()) {
        const key = `${parentKey ?? ""}/${n}`;
        const before: LineFields = {
          owner: item.owner,
          title: item.title,
          outcome: item.outcome,
          progress: item.progress,
          status: item.status,
          ...(item.value === undefined ? {} : { value: item.value }),
        };
        const after =
          item.title === "Sign 10 resellers" ? { ...before, progress: 0.5, value: 5 } : before;
        items.push({ key, kind: item.kind, line: item.line, parentKey, before, after });
        walk(item.children, key);
      }
    };
    walk(doc.items, null);
    expect(spliceSource(PAGE, items).text).toBe(PAGE.replace("resellers => 4", "resellers => 5"));
  });

  it("reads a retrospective's entries broken with <br>", () => {
    expect(doc.retrospectives).toEqual([
      {
        team: "Retrospective",
        good: ["Shipped on time", "Hired well"],
        bad: ["Slow reviews"],
        try: [],
      },
    ]);
  });
});
