import { describe, expect, it } from "vitest";
import { nulPathOf, readAsPageText } from "./nul-character.js";

describe("nulPathOf", () => {
  it("finds no NUL in plain values", () => {
    expect(nulPathOf("plain")).toBeNull();
    expect(nulPathOf(42)).toBeNull();
    expect(nulPathOf(null)).toBeNull();
    expect(nulPathOf({ title: "Grow", items: [{ note: "ok" }], at: new Date(0) })).toBeNull();
  });

  it("names the field that holds one, however deep", () => {
    expect(nulPathOf("a\u0000b")).toEqual([]);
    expect(nulPathOf({ note: "a\u0000b" })).toEqual(["note"]);
    expect(nulPathOf({ items: [{ title: "ok" }, { title: "x\u0000" }] })).toEqual([
      "items",
      1,
      "title",
    ]);
    expect(nulPathOf({ ownerMap: { "Ada\u0000": "Ada" } })).toEqual(["ownerMap", "Ada\u0000"]);
  });

  it("walks a deep value without recursion", () => {
    let deep: unknown = "end\u0000";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(nulPathOf(deep)).toHaveLength(20_000);
  });
});

describe("readAsPageText", () => {
  it("reads each NUL as U+FFFD and leaves other text as it is", () => {
    expect(readAsPageText("a\u0000b\u0000")).toBe("a\uFFFDb\uFFFD");
    const text = "- CEO: Grow => 70%\n";
    expect(readAsPageText(text)).toBe(text);
  });
});
