/**
 * Honest scores: each GitLab seed page imported through the real import path scores what its
 * own outcomes say. The figures are computed by hand in test/seed-scores (the page's outcomes
 * written out line by line); the tree, the dashboard and the export must agree with them.
 * The seeds live in ../shared/seeds; without them these tests are skipped, saying so.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mean, type Part } from "../../test/seed-scores/hand.js";
import { HAND_000, QUARTER_000 } from "../../test/seed-scores/hand-000-cy2017-q3.js";
import { HAND_001, QUARTER_001 } from "../../test/seed-scores/hand-001-fy20-q2.js";
import { HAND_002, QUARTER_002 } from "../../test/seed-scores/hand-002-cy2018-q2.js";
import { HAND_003, QUARTER_003 } from "../../test/seed-scores/hand-003-fy20-q4.js";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { getDashboard } from "./dashboard.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";
import { getPeriodTree } from "./tree.js";

const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");
const present = existsSync(SEEDS);
if (!present)
  console.info("Seed pages not found in ../shared/seeds: the seed score tests are skipped.");

function seedText(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`seed ${prefix} is missing from ${SEEDS}`);
  return readFileSync(resolve(SEEDS, name), "utf8");
}

const CASES: { seed: string; page: string; hand: Part[]; quarter: number; before: string }[] = [
  { seed: "000", page: "GitLab CY2017-Q3", hand: HAND_000, quarter: QUARTER_000, before: "0.00" },
  { seed: "001", page: "GitLab FY20-Q2", hand: HAND_001, quarter: QUARTER_001, before: "0.00" },
  { seed: "002", page: "GitLab CY2018-Q2", hand: HAND_002, quarter: QUARTER_002, before: "0.17" },
  { seed: "003", page: "GitLab FY20-Q4", hand: HAND_003, quarter: QUARTER_003, before: "0.00" },
];

for (const dialect of DIALECTS) {
  describe.skipIf(!present)(`seed pages score what their outcomes say (${dialect})`, () => {
    for (const c of CASES) {
      describe(`${c.seed} ${c.page}`, () => {
        let fx: AppFixture;
        beforeAll(async () => {
          fx = await openAppFixture(dialect);
        });
        afterAll(() => fx.close());

        it(`scores the quarter as computed by hand (${c.quarter}; it used to show ${c.before})`, async () => {
          // The hand data adds up to the figure written beside it.
          expect(mean(c.hand)).toBeCloseTo(c.quarter, 3);
          const { periodId } = await importMarkdown(fx.deps, EDITOR, seedText(c.seed));
          const tree = await getPeriodTree(fx.deps, EDITOR, periodId);
          const score = tree.score.score;
          expect(score).not.toBeNull();
          expect(Math.abs((score ?? 0) - c.quarter)).toBeLessThan(0.1);
          // Each top-level objective as the hand computation has it, in page order.
          const tops = tree.roots.map((r) => r.rollUp.score).filter((s) => s !== null);
          expect(tops.map((s) => Math.round((s ?? 0) * 100))).toEqual(
            c.hand.map((part) => Math.round(mean([part]) * 100)),
          );

          const dashboard = await getDashboard(fx.deps, EDITOR, periodId);
          expect(dashboard.company.score).toBeCloseTo(score ?? 0, 9);
          const exported = await exportPeriod(fx.deps, EDITOR, periodId, { format: "json" });
          expect(JSON.parse(exported.content).score.score).toBeCloseTo(score ?? 0, 9);
          const csv = await exportPeriod(fx.deps, EDITOR, periodId, { format: "csv" });
          expect(csv.content.split("\r\n")[0]?.endsWith(",score")).toBe(true);
        });
      });
    }
  });
}
