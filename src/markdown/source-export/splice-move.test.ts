/** Moved items take their whole block of nested lines along, re-indented for the new depth. */
import { describe, expect, it } from "vitest";
import type { LineFields } from "../../core/page-source.js";
import { type AddedItem, type SplicedItem, spliceSource } from "./splice.js";

const PAGE = [
  "1. **Sales: Grow the pipeline.** => 50%",
  "    1. Sales KR: Book 40 demos. => 25%",
  "    1. **Marketing: Run campaigns.**",
  "        1. Marketing KR: Launch 3 campaigns.",
  "           Carried over from last quarter.",
  "        1. Marketing KR: Publish 10 posts. => 40%",
  "1. **Support: Answer quickly.**",
  "    1. Support KR: First answer within 4 hours. => Done",
  "",
  "Closing prose.",
].join("\n");

const f = (owner: string, title: string, outcome: string | null = null): LineFields => ({
  owner,
  title,
  outcome,
  progress: null,
  status: null,
});

function item(
  key: string,
  kind: SplicedItem["kind"],
  line: number,
  parentKey: string | null,
  fields: LineFields,
  after: LineFields | null = fields,
): SplicedItem {
  return { key, kind, line, parentKey, before: fields, after };
}

const sales = item("sales", "objective", 1, null, f("Sales", "Grow the pipeline.", "50%"));
const demos = item("demos", "key_result", 2, "sales", f("Sales", "Book 40 demos.", "25%"));
const marketing = item("mkt", "objective", 3, "sales", f("Marketing", "Run campaigns."));
const launch = item("launch", "key_result", 4, "mkt", f("Marketing", "Launch 3 campaigns."));
const posts = item("posts", "key_result", 6, "mkt", f("Marketing", "Publish 10 posts.", "40%"));
const support = item("support", "objective", 7, null, f("Support", "Answer quickly."));
const answer = item(
  "answer",
  "key_result",
  8,
  "support",
  f("Support", "First answer within 4 hours.", "Done"),
);
const ITEMS = [sales, demos, marketing, launch, posts, support, answer];

const move = (key: string, parentKey: string | null, afterKey: string | null): AddedItem => ({
  key,
  kind: "objective",
  parentKey,
  afterKey,
  fields: f("", ""),
  block: true,
});

describe("spliceSource with moved blocks", () => {
  it("moves an aligned objective to the top level with its key results, one level out", () => {
    const out = spliceSource(PAGE, ITEMS, [move("mkt", null, "support")]);
    expect(out.text).toBe(
      [
        "1. **Sales: Grow the pipeline.** => 50%",
        "    1. Sales KR: Book 40 demos. => 25%",
        "1. **Support: Answer quickly.**",
        "    1. Support KR: First answer within 4 hours. => Done",
        "1. **Marketing: Run campaigns.**",
        "    1. Marketing KR: Launch 3 campaigns.",
        "       Carried over from last quarter.",
        "    1. Marketing KR: Publish 10 posts. => 40%",
        "",
        "Closing prose.",
      ].join("\n"),
    );
    expect(out.lines.get("mkt")).toBe(5);
    expect(out.lines.get("posts")).toBe(8);
    expect(out.lines.get("answer")).toBe(4);
  });

  it("moves a top-level objective under another with its block, one level in", () => {
    const out = spliceSource(PAGE, ITEMS, [move("support", "sales", "mkt")]);
    expect(out.text).toBe(
      [
        "1. **Sales: Grow the pipeline.** => 50%",
        "    1. Sales KR: Book 40 demos. => 25%",
        "    1. **Marketing: Run campaigns.**",
        "        1. Marketing KR: Launch 3 campaigns.",
        "           Carried over from last quarter.",
        "        1. Marketing KR: Publish 10 posts. => 40%",
        "    1. **Support: Answer quickly.**",
        "        1. Support KR: First answer within 4 hours. => Done",
        "",
        "Closing prose.",
      ].join("\n"),
    );
  });

  it("rewrites changed lines inside a moved block and inserts new children in it", () => {
    const changed = { ...posts, after: { ...posts.before, outcome: "60%" } };
    const items = ITEMS.map((i) => (i.key === "posts" ? changed : i));
    const added: AddedItem = {
      key: "new",
      kind: "key_result",
      parentKey: "mkt",
      afterKey: "posts",
      fields: f("Marketing", "Run 2 webinars."),
    };
    const out = spliceSource(PAGE, items, [move("mkt", null, "support"), added]);
    expect(out.text.split("\n").slice(4, 9)).toEqual([
      "1. **Marketing: Run campaigns.**",
      "    1. Marketing KR: Launch 3 campaigns.",
      "       Carried over from last quarter.",
      "    1. Marketing KR: Publish 10 posts. => 60%",
      "    1. Marketing KR: Run 2 webinars.",
    ]);
    expect(out.lines.get("new")).toBe(9);
  });

  it("keeps an item that is not alone on a list line where it is", () => {
    const page = "CEO: Grow. KR: Sell more\n\nrest";
    const ceo = item("ceo", "objective", 1, null, f("CEO", "Grow."));
    const kr = item("kr", "key_result", 1, "ceo", f("", "Sell more"));
    const out = spliceSource(page, [ceo, kr], [move("kr", null, "ceo")]);
    expect(out.text).toBe(page);
  });

  it("follows a sibling's continuation lines, never splits them from it", () => {
    const out = spliceSource(PAGE, ITEMS, [move("support", "mkt", "launch")]);
    expect(out.text.split("\n").slice(3, 8)).toEqual([
      "        1. Marketing KR: Launch 3 campaigns.",
      "           Carried over from last quarter.",
      "        1. **Support: Answer quickly.**",
      "            1. Support KR: First answer within 4 hours. => Done",
      "        1. Marketing KR: Publish 10 posts. => 40%",
    ]);
  });
});
