import { describe, expect, it } from "vitest";
import { checkDocument } from "./document-schema.js";
import { pageTextOf } from "./page-text.js";
import { parseHandbook, parseHandbookPeriods } from "./parse-handbook.js";

const PAGE = [
  "# 2026-Q1 OKRs",
  "",
  "- CEO: Grow re\u0000venue",
  "    - Raise ARR from $1M to $2M => 40%",
  "- CTO: Ship \u0000faster\u0000",
  "",
].join("\n");

describe("a page holding NUL characters", () => {
  it("names each line that holds one, once", () => {
    const { text, problems } = pageTextOf(PAGE);
    expect(text).not.toContain("\u0000");
    expect(problems.map((p) => [p.line, p.severity, p.code])).toEqual([
      [3, "warning", "nul_character"],
      [5, "warning", "nul_character"],
    ]);
  });

  it("is read as U+FFFD, as any Markdown reader reads it, with the lines named", () => {
    const document = parseHandbook(PAGE);
    expect(document.items.map((item) => item.title)).toEqual([
      "Grow re\uFFFDvenue",
      "Ship \uFFFDfaster\uFFFD",
    ]);
    expect(document.items[0]?.children[0]?.progress).toBe(0.4);
    const nul = document.problems.filter((p) => p.code === "nul_character");
    expect(nul.map((p) => p.line)).toEqual([3, 5]);
    expect(nul[0]?.message).toMatch(/Line 3 holds the NUL character \(U\+0000\)/);
  });

  it("names the lines of the quarter's own section on a page of several", () => {
    const page = `## 2026 Q1\n\n- CEO: Grow => 50%\n\n## 2026 Q2\n\n- CEO: Keep\u0000 => 20%\n`;
    const [q1, q2] = parseHandbookPeriods(page);
    expect(q1?.problems.some((p) => p.code === "nul_character")).toBe(false);
    expect(q2?.problems.filter((p) => p.code === "nul_character").map((p) => p.line)).toEqual([7]);
  });
});

describe("a canonical JSON document holding a NUL character", () => {
  it("is refused, naming the field", () => {
    const document = JSON.parse(JSON.stringify(parseHandbook("# 2026-Q1 OKRs\n\n- CEO: Grow\n")));
    document.items[0].title = "Gr\u0000ow";
    const check = checkDocument(document);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.errors).toEqual(["items.0.title: must not contain the NUL character (U+0000)"]);
  });
});
