/**
 * The splice where a page keeps an item's fields apart from its line: a table row's cells and
 * a heading's property lines.
 */
import { describe, expect, it } from "vitest";
import type { LineFields } from "../../core/page-source.js";
import { spliceSource } from "./splice.js";

const fields = (title: string, more: Partial<LineFields> = {}): LineFields => ({
  owner: null,
  title,
  outcome: null,
  progress: null,
  status: null,
  ...more,
});

describe("a table row written back", () => {
  const table = [
    "Objective | Key result | Owner | Progress",
    "--- | --- | --- | ---",
    "Grow | Book 40 demos | Sales | 3 of 10",
    "| | Close deals \\| renewals | Sales | |",
    "",
  ].join("\n");
  const objective = fields("Grow");
  const demos = fields("Book 40 demos", { owner: "Sales", outcome: "3 of 10", progress: 0.3 });
  const deals = fields("Close deals | renewals", { owner: "Sales" });

  it("rewrites only the cells that changed, with or without pipes at the row's ends", () => {
    const { text } = spliceSource(table, [
      {
        key: "o",
        kind: "objective",
        line: 3,
        parentKey: null,
        before: objective,
        after: objective,
      },
      {
        key: "a",
        kind: "key_result",
        line: 3,
        parentKey: "o",
        before: demos,
        after: { ...demos, progress: 0.5, status: "in_progress" },
      },
      {
        key: "b",
        kind: "key_result",
        line: 4,
        parentKey: "o",
        before: deals,
        after: { ...deals, owner: "Success", progress: 1, status: "done" },
      },
    ]);
    expect(text.split("\n").slice(2, 4)).toEqual([
      "Grow | Book 40 demos | Sales | 5 of 10",
      "| | Close deals \\| renewals | Success | 100% |",
    ]);
  });

  it("empties a removed key result's cells where its objective stays on the row", () => {
    const { text } = spliceSource(table, [
      {
        key: "o",
        kind: "objective",
        line: 3,
        parentKey: null,
        before: objective,
        after: objective,
      },
      { key: "a", kind: "key_result", line: 3, parentKey: "o", before: demos, after: null },
    ]);
    expect(text.split("\n")[2]).toBe("Grow |  |  | ");
  });
});

describe("property lines written back", () => {
  it("under a heading underlined with dashes", () => {
    const page = "KR 1.1: Cut churn from 5% to 3%\n-----\n\nOwner: Ana\nProgress: 40%\n";
    const before = fields("Cut churn from 5% to 3%", {
      owner: "Ana",
      outcome: "40%",
      progress: 0.4,
      status: "in_progress",
    });
    const { text } = spliceSource(page, [
      {
        key: "k",
        kind: "key_result",
        line: 1,
        parentKey: null,
        before,
        after: { ...before, owner: "Bo", progress: 0.8 },
      },
    ]);
    expect(text).toBe(page.replace("Ana", "Bo").replace("40%", "80%"));
  });

  it("goes with its heading when the item is removed", () => {
    const page = "### KR 1.1: Ship the guide\n\nOwner: Docs\n\n### KR 1.2: Keep it\n";
    const gone = fields("Ship the guide", { owner: "Docs" });
    const kept = fields("Keep it");
    const { text } = spliceSource(page, [
      { key: "a", kind: "key_result", line: 1, parentKey: null, before: gone, after: null },
      { key: "b", kind: "key_result", line: 5, parentKey: null, before: kept, after: kept },
    ]);
    expect(text).toBe("\n\n### KR 1.2: Keep it\n");
  });
});

describe("property lines added", () => {
  it("for an owner and a progress the block has no line for, written like its first line", () => {
    const page =
      "## Objective 2: Know why people leave\n\n**Due:** 2025-09-30\n**Status:** planning\n";
    const before = fields("Know why people leave", { outcome: "planning" });
    const { text } = spliceSource(page, [
      {
        key: "o",
        kind: "objective",
        line: 1,
        parentKey: null,
        before,
        after: { ...before, owner: "Research", outcome: "Interviews booked" },
      },
    ]);
    expect(text).toBe(
      "## Objective 2: Know why people leave\n\n**Due:** 2025-09-30\n**Status:** Interviews booked\n**Owner:** Research\n",
    );
  });
});
