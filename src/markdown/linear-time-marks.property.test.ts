/**
 * The readings of marks at a line's end, dashed labels, owners before a result, dates in a
 * title and placeholders stay linear in the line: at 10× the size at most 20× the time, in
 * this process's CPU time, best of a few runs, the small size floored at five milliseconds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LINE_LENGTH } from "./limits.js";
import { parseHandbook } from "./parse-handbook.js";

const PIECES = [
  "(1%)",
  "[1%]",
  "(1% ",
  "🟢",
  "✅ ",
  "\uFE0F",
  " — ",
  " – ",
  " -- ",
  "KR 1 - ",
  "O2 — ",
  "(owner: a)",
  " @a",
  "(owner: ",
  "in 2024 ",
  "2024-01-01",
  "by 2024-01-01 ",
  "within 4 ",
  "xx%",
  "$X",
  "??",
  "24/7 ",
  " ",
  ")",
  "]",
  "x",
];

let salt = 0;

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

/** A key result line of `unit` repeated to `bytes` characters, as a list item or a heading. */
function pageOf(unit: string, bytes: number, heading: boolean): string {
  const body = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  return heading
    ? `# 2026-Q4 OKRs\n\n## O1 - Grow\n\n### KR 1.1 - Grow ${body}\n`
    : `# 2026-Q4 OKRs\n\n- CEO: Grow\n  - KR 1.1 - Grow ${body}\n`;
}

describe("marks and labels are read in linear time", () => {
  it("any mix at 10× the size takes at most 20× the time", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (pieces, heading) => {
          const unit = pieces.join("");
          const small = pageOf(unit, MAX_LINE_LENGTH / 10 - 100, heading);
          const large = pageOf(unit, MAX_LINE_LENGTH - 1_000, heading);
          bestOf(1, small);
          bestOf(1, large);
          const t1 = Math.max(bestOf(5, small), 5);
          const t10 = bestOf(5, large);
          expect(t10, `"${unit}"`).toBeLessThanOrEqual(20 * t1);
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });
});
