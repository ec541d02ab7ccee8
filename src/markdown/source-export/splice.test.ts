/** The page splicer on its own: each line style keeps its shape when one piece changes. */
import { describe, expect, it } from "vitest";
import type { LineFields } from "../../core/page-source.js";
import { type SplicedItem, spliceSource } from "./splice.js";

const fields = (over: Partial<LineFields> = {}): LineFields => ({
  owner: null,
  title: "",
  outcome: null,
  progress: null,
  status: null,
  ...over,
});

/** A page of one item on line 1, changed from `before` to `after`. */
function one(line: string, before: LineFields, after: LineFields | null): string {
  const item: SplicedItem = {
    key: "a",
    kind: "key_result",
    line: 1,
    parentKey: null,
    before,
    after,
  };
  return spliceSource(`${line}\nrest\n`, [item]).text;
}

describe("spliceSource", () => {
  it("updates the number of a written outcome and keeps its words", () => {
    const before = fields({
      owner: "Sales",
      title: "Book demos",
      outcome: "94% done, see [q](u)",
      progress: 0.94,
      status: "in_progress",
    });
    expect(
      one("- Sales: Book demos => 94% done, see [q](u)", before, { ...before, progress: 0.42 }),
    ).toBe("- Sales: Book demos => 42% done, see [q](u)\nrest\n");
  });

  it("updates a count of a written ratio when the progress lands on one", () => {
    const before = fields({
      title: "Run 8 consults",
      outcome: "7 of 8 consults",
      progress: 0.875,
      status: "in_progress",
    });
    expect(
      one("1. KR: Run 8 consults => 7 of 8 consults", before, { ...before, progress: 0.75 }),
    ).toBe("1. KR: Run 8 consults => 6 of 8 consults\nrest\n");
  });

  it("adds an outcome after a bold objective's closing ** and before a trailing backslash", () => {
    const bold = fields({ owner: "CRO", title: "Build pipeline." });
    expect(
      one("1. **CRO: Build pipeline.**", bold, { ...bold, outcome: "80%", progress: 0.8 }),
    ).toBe("1. **CRO: Build pipeline.** => 80%\nrest\n");
    const kr = fields({ title: "Hire 2 designers." });
    expect(
      one("   KR: Hire 2 designers. \\", kr, { ...kr, progress: 0.5, status: "in_progress" }),
    ).toBe("   KR: Hire 2 designers. => 50% \\\nrest\n");
  });

  it("ticks a task box instead of writing an outcome, and writes a partial progress after it", () => {
    const task = fields({
      owner: "alice",
      title: "Ship signup",
      progress: 0,
      status: "not_started",
    });
    expect(one("- [ ] Ship signup @alice", task, { ...task, progress: 1, status: "done" })).toBe(
      "- [x] Ship signup @alice\nrest\n",
    );
    expect(
      one("- [ ] Ship signup @alice", task, { ...task, progress: 0.5, status: "in_progress" }),
    ).toBe("- [ ] Ship signup @alice => 50%\nrest\n");
  });

  it("drops an owner as the line wrote it: `CRO KR:` keeps `KR:`", () => {
    const kr = fields({ owner: "CRO", title: "Pipeline at 2X" });
    expect(one("    1. CRO KR: Pipeline at 2X", kr, { ...kr, owner: null })).toBe(
      "    1. KR: Pipeline at 2X\nrest\n",
    );
    expect(one("    1. CRO KR: Pipeline at 2X", kr, { ...kr, owner: "VP Sales" })).toBe(
      "    1. VP Sales KR: Pipeline at 2X\nrest\n",
    );
  });

  it("removes the line of an item that is gone, and nothing else", () => {
    expect(one("- KR: Gone", fields({ title: "Gone" }), null)).toBe("rest\n");
  });
});
