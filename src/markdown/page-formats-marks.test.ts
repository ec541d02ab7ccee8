/**
 * Pages that say a line's progress and status with marks at its end (`[40%]`, `(70%)`,
 * 🟢 🟡 🔴 ✅ ❌) and number their lines with a dashed label (`KR 1.3 - …`, `O2 - …`).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import type { LineFields } from "../core/page-source.js";
import { isMarkRun } from "./end-marks.js";
import { parseHandbook } from "./parse-handbook.js";
import { type SplicedItem, spliceSource } from "./source-export/splice.js";
import { flatten, HAVE_SEEDS, seedPages } from "./test-support.js";

const page = readFileSync(
  resolve(import.meta.dirname, "format-fixtures", "status-marks.md"),
  "utf8",
);

function rows(items: DocumentItem[]): unknown[] {
  return items.flatMap((i) => [
    [i.line, i.kind, i.owner, i.title, i.outcome, i.progress, i.status],
    ...rows(i.children),
  ]);
}

describe("status and progress marks at a line's end", () => {
  const doc = parseHandbook(page);

  it("reads labels before a spaced dash as labels, and marks at the end as the outcome", () => {
    expect(rows(doc.items)).toEqual([
      [3, "objective", null, "Make deploys boring", null, null, null],
      [5, "key_result", null, "Deploy to production 20 times a week", null, 1, "done"],
      [6, "key_result", null, "Cut rollback time from 30 min to 5 min", "70%", 0.7, "in_progress"],
      [
        7,
        "key_result",
        null,
        "Move 12 of 15 services to the new cluster",
        "[40%]",
        0.4,
        "in_progress",
      ],
      [
        8,
        "key_result",
        null,
        "Keep the error budget burn under 1%",
        "🔴 (20%)",
        0.2,
        "in_progress",
      ],
      [9, "key_result", null, "Retire the old CI runners", "✅", 1, "done"],
      [11, "objective", null, "Grow self-serve revenue", "🟡", null, "in_progress"],
      [
        13,
        "key_result",
        null,
        "Raise trial conversion from 4% to 6%",
        "🟢 (70%)",
        0.7,
        "in_progress",
      ],
      [14, "key_result", null, "Reach 300 paying teams", "7 of 8 milestones", 0.875, "in_progress"],
      [15, "key_result", null, "Ship usage-based pricing", "❌", null, "missed"],
      // A lone percentage in parentheses after words without a number may be the target.
      [16, "key_result", null, "Reduce churn (5%)", null, null, null],
      // A reference link's text is no outcome.
      [
        17,
        "key_result",
        null,
        "Publish the pricing page [draft](https://example.com/pricing) [40%][plan]",
        null,
        null,
        null,
      ],
    ]);
  });

  it("takes no last score of several figures for the line's", () => {
    const one = parseHandbook(
      "# 2024-Q2 OKRs\n\n- Eng: Hire well\n  - Eng: Source 50 and hire 2: Sourced 50 (100%), Hired 1 (50%)\n",
    );
    expect(rows(one.items)[1]).toEqual([
      4,
      "key_result",
      "Eng",
      "Source 50 and hire 2: Sourced 50 (100%), Hired 1 (50%)",
      null,
      null,
      null,
    ]);
  });

  it("takes no dash in a title for a label's", () => {
    const one = parseHandbook("# 2024-Q2 OKRs\n\n- Goal - cut costs\n  - KR - Sell 3 offices\n");
    expect(rows(one.items)).toEqual([
      [3, "objective", null, "cut costs", null, null, null],
      [4, "key_result", null, "Sell 3 offices", null, null, null],
    ]);
  });

  it("writes a check-in into the marks, and words that are no marks after `=>`", () => {
    const items: SplicedItem[] = [];
    const walk = (list: DocumentItem[], parentKey: string | null) => {
      for (const item of list) {
        const key = String(item.line);
        const before: LineFields = {
          owner: item.owner,
          title: item.title,
          outcome: item.outcome,
          progress: item.progress,
          status: item.status,
        };
        const after: LineFields =
          item.kind === "key_result"
            ? { ...before, progress: 0.42, status: "in_progress" }
            : before;
        items.push({ key, kind: item.kind, line: item.line, parentKey, before, after });
        walk(item.children, key);
      }
    };
    walk(doc.items, null);
    const written = spliceSource(page, items).text;
    const lines = written.split("\n");
    expect([lines[6], lines[7], lines[8], lines[12], lines[14]]).toEqual([
      "- [ ] KR 1.3 - Move 12 of 15 services to the new cluster [42%]",
      "- [ ] KR 1.4 – Keep the error budget burn under 1% 🔴 (42%)",
      "- KR 1.5 — Retire the old CI runners => 42%",
      "1. KR 2.1 — Raise trial conversion from 4% to 6% 🟢 (42%)",
      "3. KR 2.3 — Ship usage-based pricing => 42%",
    ]);
    const back = rows(parseHandbook(written).items) as unknown[][];
    const before = rows(doc.items) as unknown[][];
    expect(back.map((r) => r[3])).toEqual(before.map((r) => r[3]));
    expect(back.filter((r) => r[1] === "key_result").map((r) => r[5])).toEqual(
      Array(10).fill(0.42),
    );
  });

  it("writes an owner given in the app after the title of a labelled line", () => {
    const items: SplicedItem[] = [];
    const walk = (list: DocumentItem[], parentKey: string | null) => {
      for (const item of list) {
        const key = String(item.line);
        const before: LineFields = {
          owner: item.owner,
          title: item.title,
          outcome: item.outcome,
          progress: item.progress,
          status: item.status,
        };
        const after = item.kind === "key_result" ? { ...before, owner: "Platform" } : before;
        items.push({ key, kind: item.kind, line: item.line, parentKey, before, after });
        walk(item.children, key);
      }
    };
    walk(doc.items, null);
    const written = spliceSource(page, items).text;
    expect(written.split("\n").slice(5, 7)).toEqual([
      "- [ ] KR2: Cut rollback time from 30 min to 5 min (owner: Platform) — 70%",
      "- [ ] KR 1.3 - Move 12 of 15 services to the new cluster (owner: Platform) [40%]",
    ]);
    const back = parseHandbook(written);
    const keyResults = (list: DocumentItem[]): DocumentItem[] =>
      list.flatMap((i) => (i.kind === "key_result" ? [i] : keyResults(i.children)));
    expect(keyResults(back.items).map((k) => [k.owner, k.title, k.outcome])).toEqual(
      keyResults(doc.items).map((k) => ["Platform", k.title, k.outcome]),
    );
  });
});

const describeSeeds = HAVE_SEEDS ? describe : describe.skip;

describeSeeds("the seed pages", () => {
  it("keep their titles: no score in a title is read as marks at its end", () => {
    const marked = seedPages().flatMap((seed) =>
      flatten(seed.doc.items)
        .filter((i) => i.outcome !== null && isMarkRun(i.outcome))
        .filter((i) => !(seed.text.split("\n")[i.line - 1] ?? "").includes("=>"))
        .map((i) => `${seed.name}:${i.line} ${i.outcome}`),
    );
    expect(marked).toEqual([]);
  });
});
