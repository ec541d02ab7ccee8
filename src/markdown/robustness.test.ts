/** Whatever it is given, the parser answers with a valid document and a problem list. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocument } from "./document-schema.js";
import { parseHandbook } from "./parse-handbook.js";
import { renderDocument } from "./render-document.js";

const FIXTURES = resolve(import.meta.dirname, "fixtures");
const pages = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(resolve(FIXTURES, f), "utf8"));

function expectValid(text: string): void {
  const doc = parseHandbook(text);
  const check = checkDocument(doc);
  if (!check.ok) throw new Error(check.errors.join("; "));
  for (const p of doc.problems) expect(p.line).toBeGreaterThanOrEqual(1);
  // Whatever was read renders and reads again.
  expect(checkDocument(parseHandbook(renderDocument(doc))).ok).toBe(true);
}

describe("pages that are not OKR pages", () => {
  it("a README gives `no_okrs`", () => {
    const readme = [
      "# okr",
      "",
      "A tool for OKRs.",
      "",
      "## Install",
      "",
      "- Run `npm install`",
      "- Then `npm start`",
      "",
      "```sh",
      "npm test",
      "```",
    ].join("\n");
    const doc = parseHandbook(readme);
    expect(doc.items).toEqual([]);
    expect(doc.problems.map((p) => [p.line, p.severity, p.code])).toEqual([
      [1, "error", "no_okrs"],
      [7, "info", "ignored_list"],
    ]);
  });

  it("a table gives `ignored_table` and `no_okrs`", () => {
    const doc = parseHandbook("| Owner | Objective |\n|---|---|\n| CEO | Grow |\n");
    expect(doc.problems.map((p) => p.code)).toEqual(["ignored_table", "no_okrs"]);
  });

  it("random bytes give `no_okrs`, not a crash", () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const doc = parseHandbook(bytes.toString("latin1"));
    expect(doc.problems.some((p) => p.code === "no_okrs")).toBe(true);
    expect(checkDocument(doc).ok).toBe(true);
  });

  it("broken front matter is a problem with its line, and the rest still comes through", () => {
    const doc = parseHandbook("---\ntitle: [unclosed\n---\n\n- CEO: Grow revenue => 50%\n");
    expect(doc.problems.find((p) => p.code === "front_matter_invalid")).toMatchObject({
      severity: "error",
    });
    expect(doc.items).toHaveLength(1);
    const open = parseHandbook("---\ntitle: x\n\n- CEO: Grow => 50%\n");
    expect(open.problems.map((p) => p.code)).toContain("front_matter_unclosed");
  });

  it("reads CRLF line endings and a byte order mark like plain newlines", () => {
    for (const page of pages) {
      const plain = JSON.stringify(parseHandbook(page));
      expect(JSON.stringify(parseHandbook(page.replace(/\n/g, "\r\n")))).toBe(plain);
      expect(JSON.stringify(parseHandbook(`\uFEFF${page}`))).toBe(plain);
    }
  });

  it("empty input and non-strings give a problem", () => {
    expect(parseHandbook("").problems.map((p) => p.code)).toEqual(["no_okrs"]);
    expect(parseHandbook(undefined as unknown as string).problems.map((p) => p.code)).toEqual([
      "no_okrs",
    ]);
  });
});

describe("random and mutated Markdown (property)", () => {
  it("never throws on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: "grapheme" }), expectValid), {
      numRuns: 200,
    });
  });

  it("never throws on random Markdown-ish lines", () => {
    const piece = fc.constantFrom(
      "- ",
      "1. ",
      "    ",
      "**",
      "*",
      "CEO: ",
      "KR: ",
      " KR: ",
      "=> ",
      "-> ",
      " = ",
      "50%",
      "DONE",
      "[",
      "](",
      ")",
      "]",
      "[N0]: https://x.y\n",
      '<p class="h3">',
      "</p>",
      "## ",
      "---\n",
      "\\\n",
      "\n",
      "GOOD\n",
      "Objective 1: ",
      "`",
      "FY20-Q4 ",
      "runs from 2020-01-01 to 2020-03-31",
      ". ",
      ", ",
      ":",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 120 }),
        (pieces) => expectValid(pieces.join("")),
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on mutated handbook pages", () => {
    const mutation = fc.record({
      page: fc.nat(pages.length - 1),
      at: fc.nat(),
      kind: fc.constantFrom(
        "delete",
        "duplicate",
        "indent",
        "dedent",
        "insert",
        "truncate",
        "swap",
      ),
      text: fc.string({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        const first = mutations[0];
        const lines = (pages[first?.page ?? 0] ?? "").split("\n");
        for (const m of mutations) {
          const i = m.at % Math.max(lines.length, 1);
          const line = lines[i] ?? "";
          if (m.kind === "delete") lines.splice(i, 1);
          else if (m.kind === "duplicate") lines.splice(i, 0, line);
          else if (m.kind === "indent") lines[i] = `    ${line}`;
          else if (m.kind === "dedent") lines[i] = line.trimStart();
          else if (m.kind === "insert")
            lines[i] =
              line.slice(0, m.at % (line.length + 1)) +
              m.text +
              line.slice(m.at % (line.length + 1));
          else if (m.kind === "truncate") lines[i] = line.slice(0, m.at % (line.length + 1));
          else lines.splice(i, 2, lines[i + 1] ?? "", line);
        }
        expectValid(lines.join("\n"));
      }),
      { numRuns: 150 },
    );
  });
});
