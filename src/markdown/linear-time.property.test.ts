/**
 * Parsing time grows linearly with the page: a line of n bytes built from any mix of the
 * characters the grammar reacts to parses, at 10× the size, in at most 20× the time (a
 * quadratic scan takes 100×). Each size is timed in this process's CPU time (not the wall
 * clock, which other processes on a busy machine stretch) as the best of a few runs, and the
 * small one is floored at five milliseconds, so a slow moment of the machine cannot fail the
 * property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LINE_LENGTH } from "./limits.js";
import { parseHandbook } from "./parse-handbook.js";

/** Pieces of syntax the parser scans for: unclosed links, escapes, tags, code, separators. */
const PIECES = [
  "[a](",
  "[a][",
  "[a]",
  "](",
  "\\",
  "\\ ",
  "<a",
  "</b",
  '<p class="h1">',
  "`",
  "**",
  "*a",
  "_",
  ". ",
  "e. ",
  "A. ",
  ":",
  "a: ",
  " KR:",
  "=>",
  " -> ",
  " = ",
  "DONE - ",
  "5% done ",
  "(5% complete",
  "http://a ",
  "[a](http://b) http://c ",
  "from $1M to $2M ",
  "2026-01-01 ",
  "FY20-Q4 ",
  ", ",
  "(",
  ")",
  "[",
  "]",
  " ",
  "x",
];

const HEAD = "# 2026-Q4 OKRs\n\n- CEO: Grow ";

let salt = 0;

/** The least CPU time (ms) of `runs` parses; each run's page differs by a word, so no cache answers it. */
function bestOf(runs: number, page: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const salted = page.replace("Grow ", `Grow ${++salt} `);
    const started = process.cpuUsage();
    parseHandbook(salted);
    const spent = process.cpuUsage(started);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

/** `unit` repeated to `bytes` characters, as one list line or as lines of a paragraph. */
function pageOf(unit: string, bytes: number, multiline: boolean): string {
  const body = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  return `${HEAD}${multiline ? body.replace(/ /g, "\n") : body} => 50%\n`;
}

describe("parsing time is linear in the input", () => {
  it("any mix of syntax at 10× the size takes at most 20× the time", () => {
    // One line stays under the line limit at both sizes; lines of a paragraph may be longer.
    const sizes = (multiline: boolean): [number, number] =>
      multiline ? [3_000, 30_000] : [MAX_LINE_LENGTH / 10 - 100, MAX_LINE_LENGTH - 1_000];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (pieces, multiline) => {
          const unit = pieces.join("");
          const [small, large] = sizes(multiline);
          const smallPage = pageOf(unit, small, multiline);
          const largePage = pageOf(unit, large, multiline);
          bestOf(1, smallPage); // warm up both sizes
          bestOf(1, largePage);
          const t1 = Math.max(bestOf(5, smallPage), 5);
          const t10 = bestOf(5, largePage);
          expect(t10, `"${unit}" × ${large} bytes vs ${small}`).toBeLessThanOrEqual(20 * t1);
        },
      ),
      { numRuns: 30, seed: 4 },
    );
  });

  it("property lines under a heading and table rows take at most 20× the time at 10× the size", () => {
    const heads = [
      "# 2026-Q4 OKRs\n\n### KR 1.1: Grow 3 revenue\n\nOwner: ",
      "# 2026-Q4 OKRs\n\n| Objective | Key result | Start | Target | Current |\n|---|---|---|---|---|\n| Grow | ",
    ];
    const pieces = [
      "Owner:",
      "**Progress:** ",
      "Current: ",
      " ",
      "\t",
      "|",
      "\\|",
      "-",
      ":",
      "5%",
      "a",
      "**",
    ];
    const pageOfHead = (head: string, unit: string, bytes: number) =>
      `${head}${unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes)}x\n`;
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 5 }),
        (head, chosen) => {
          const unit = chosen.join("");
          const small = pageOfHead(head, unit, MAX_LINE_LENGTH / 10 - 100);
          const large = pageOfHead(head, unit, MAX_LINE_LENGTH - 1_000);
          bestOf(1, small);
          bestOf(1, large);
          const t1 = Math.max(bestOf(5, small), 5);
          const t10 = bestOf(5, large);
          expect(t10, `"${unit}" after ${head.slice(16, 40)}`).toBeLessThanOrEqual(20 * t1);
        },
      ),
      { numRuns: 20, seed: 7 },
    );
  });

  it("a page of many sibling lines takes at most 20× the time at 10× the lines", () => {
    // Titles of one length, none the same: every check across siblings stays linear.
    const pageOfLines = (n: number) => {
      const lines = ["# 2026-Q4 OKRs", ""];
      for (let i = 0; i < n; i++) {
        lines.push(`- CEO: Grow line ${String(i).padStart(6, "0")} from $1M to $2M => 50%`);
      }
      return `${lines.join("\n")}\n`;
    };
    const small = pageOfLines(400);
    const large = pageOfLines(4_000);
    bestOf(1, small);
    bestOf(1, large);
    const t1 = Math.max(bestOf(3, small), 5);
    const t10 = bestOf(3, large);
    expect(t10).toBeLessThanOrEqual(20 * t1);
  });

  it("a line over the limit is not read, and the problem says which and the limit", () => {
    const doc = parseHandbook(`${HEAD}${"[a](".repeat(40_000)} => 50%\n- CTO: Ship it => 20%\n`);
    const problem = doc.problems.find((p) => p.code === "line_too_long");
    expect(problem?.line).toBe(3);
    expect(problem?.message).toContain("limit is 10,000");
    expect(doc.items.map((i) => i.title)).toEqual(["Ship it"]);
  });

  it("a title over the limit is an error naming its line and the limit", () => {
    const doc = parseHandbook(`${HEAD}${"x".repeat(3_000)} => 50%\n`);
    const problem = doc.problems.find((p) => p.code === "title_too_long");
    expect(problem).toMatchObject({ line: 3, severity: "error" });
    expect(problem?.message).toContain("limit is 2,000");
  });
});
