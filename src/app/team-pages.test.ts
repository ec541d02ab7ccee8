/**
 * Pages in the styles teams write them (`team-pages/`): bullet lists with `=> 40%`, numbered
 * plans with no outcome yet, key result tables with units and without pipes at the row ends,
 * headings with property lines, front matter and several quarters, CRLF line ends, task lists
 * with status marks, tabs and trailing whitespace. Each is imported, exported as the same bytes,
 * checked in through the app, exported again with only the checked-in lines changed (each in
 * the page's own notation), and imported again without anything moving; on both databases.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id } from "../core/types.js";
import { findPeriodSections } from "../markdown/period-sections.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";
import type { CheckInInput } from "./schemas.js";

interface PageCase {
  file: string;
  /** Written with CRLF line ends. */
  crlf?: boolean;
  /** The quarter checked in on, for a page holding several. */
  section?: number;
  /** Check-ins by the start of the key result's title. */
  checkIns: Array<[string, CheckInInput]>;
  /** The lines that change, as the export writes them, in page order. */
  changed: string[];
}

const CASES: PageCase[] = [
  {
    file: "bullets-arrows.md",
    checkIns: [
      ["Reduce p95", { value: 650 }],
      ["Keep card", { progress: 0.5 }],
      ["Sign 10", { value: 5, health: "on_track" }],
      ["Cut chargebacks", { value: 90, note: "Two rules went live" }],
      ["Ship rules engine", { progress: 0.5, health: "at_risk" }],
    ],
    changed: [
      "  - Payments KR: Reduce p95 checkout latency from 900 ms to 400 ms => 650 ms",
      // Its trailing spaces stay.
      "  - Payments KR: Keep card decline rate below 3% => 50%  ",
      "  - Payments KR: Sign 10 new merchants => 5 of 10",
      "  - Risk KR: Cut chargebacks from 120 to 60 per month => 90",
      "  - Risk KR: Ship rules engine v2 => 50%",
    ],
  },
  {
    file: "numbered-plan.md",
    checkIns: [
      ["Reduce lead time", { value: 8 }],
      ["Raise deploys", { value: 6 }],
      ["Hire 4", { value: 1 }],
      ["Cut time to restore", { value: 3, health: "needs_attention" }],
      ["Write runbooks", { progress: 0.25 }],
    ],
    changed: [
      "   1. Delivery KR: Reduce lead time from 10 days to 4 days => 8 days",
      "   2. Delivery KR: Raise deploys from 3 to 15 per week => 6",
      "   4. Delivery KR: Hire 4 platform engineers => 1",
      "   1. Delivery KR: Cut time to restore from 4h to 1h => 3h",
      "   2. Delivery KR: Write runbooks for the top alerts => 25%",
    ],
  },
  {
    file: "kr-table-units.md",
    checkIns: [
      ["New ARR", { value: 800_000 }],
      ["Onboarding call", { value: 60 }],
      ["Time to close", { value: 6 }],
    ],
    changed: [
      "| Grow revenue | New ARR | Maya | $0.4M | $1.2M | $0.8M | 50% |",
      "| | Onboarding call length | Maya | 2h | 45m | 60m | 80% |",
      "| | Time to close a security report | Omar | 10 days | 4 days | 6 days | 66.67% |",
    ],
  },
  {
    file: "table-no-pipes.md",
    checkIns: [
      ["First response", { value: 4 }],
      ["Tickets solved", { value: 50 }],
      ["Support engineers", { value: 3 }],
    ],
    changed: [
      "Answer fast | First response time | Kim | 8h | 2h | 4h",
      "Answer fast | Tickets solved in one reply | Kim | 40% | 60% | 50%",
      "Grow the team | Support engineers hired | Lee | 0 | 5 | 3",
    ],
  },
  {
    file: "notion-properties.md",
    checkIns: [
      ["Cold start", { value: 2.5 }],
      ["Crash-free", { value: 99.4 }],
      ["Ship offline", { progress: 0.3, health: "at_risk" }],
    ],
    changed: ["**Current:** 2.5s", "Current: 99.4%", "Progress: 30%"],
  },
  {
    file: "front-matter-quarters.md",
    section: 1,
    checkIns: [["Reduce median", { value: 6 }]],
    changed: ["  - Data KR: Reduce median query time from 12s to 3s => 6s"],
  },
  {
    file: "crlf-tasks.md",
    crlf: true,
    checkIns: [
      ["Patch critical", { progress: 0.8 }],
      ["Rotate 40", { progress: 0.5 }],
      ["Bring open", { value: 15 }],
    ],
    changed: [
      "- [ ] KR1: Patch critical CVEs within 7 days 🟢 (80%)",
      "- [ ] KR2: Rotate 40 service credentials — 20 of 40",
      "- [ ] KR4: Bring open audit findings from 25 to 5 => 15",
    ],
  },
  {
    file: "tabs-milestones.md",
    checkIns: [
      ["Grow monthly", { value: 31_000 }],
      ["Restructure", { progress: 0.5 }],
      ["Raise page", { value: 3.6 }],
    ],
    changed: [
      "\t- Docs KR: Grow monthly readers from 20k to 50k => 31k",
      "\t- Docs KR: Restructure the guides => 4 of 8 milestones\t",
      "\t- Docs KR: Raise page rating from 3.2 to 4.0 => 3.6",
    ],
  },
  {
    file: "decimals-money.md",
    checkIns: [
      ["Reduce monthly", { value: 1_000_000 }],
      ["Keep p99", { value: 240 }],
      ["Cut build", { value: 60 }],
    ],
    changed: [
      "    * Infra KR: Reduce monthly cloud bill from $1.20M to $0.90M => $1.00M",
      "    * Infra KR: Keep p99 API latency under 250 ms => 240 ms",
      "    * Infra KR: Cut build time from 2h to 30m => 1h",
    ],
  },
];

// The same pages of figures kept apart, with CRLF line ends.
for (const file of ["table-no-pipes.md", "notion-properties.md"]) {
  const plain = CASES.find((c) => c.file === file) as PageCase;
  CASES.push({ ...plain, crlf: true });
}

function pageOf(c: Pick<PageCase, "file" | "crlf">): string {
  const text = readFileSync(resolve(import.meta.dirname, "team-pages", c.file), "utf8");
  return c.crlf ? text.replaceAll("\n", "\r\n") : text;
}

/** The lines of `after` that differ from the line of `before` at the same place. */
function changedLines(before: string, after: string): string[] {
  const old = before.split(/\r?\n/);
  const lines = after.split(/\r?\n/);
  expect(lines.length).toBe(old.length);
  return lines.filter((line, i) => line !== old[i]);
}

/** Every key result's figures, by title. */
async function figures(fx: AppFixture, periodId: Id) {
  const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
  return keyResults
    .map((kr) => [kr.title, kr.owner?.name, kr.kind, kr.current, kr.progress, kr.status, kr.health])
    .sort();
}

async function importPage(fx: AppFixture, text: string, section: number | undefined) {
  const sections = findPeriodSections(text);
  const options = section === undefined ? {} : { section: sections[section] };
  return importMarkdown(fx.deps, INSIDER_EDITOR, text, options);
}

const exportMd = async (fx: AppFixture, periodId: Id) =>
  (await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" })).content;

for (const dialect of DIALECTS) {
  describe(`team pages checked in and written back in their own style (${dialect})`, () => {
    let fx: AppFixture;
    // Each page in a workspace of its own.
    beforeEach(async () => {
      fx = await openAppFixture(dialect);
    });
    afterEach(() => fx.close());

    for (const c of CASES) {
      it(`${c.file}${c.crlf ? " (CRLF)" : ""}`, async () => {
        const page = pageOf(c);
        // Every quarter of the page imported, as `okr import` does.
        const sections = findPeriodSections(page);
        for (let s = 0; s < sections.length; s++) await importPage(fx, page, s);
        const { periodId } = await importPage(fx, page, c.section);
        expect(await exportMd(fx, periodId)).toBe(page);

        const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
        for (const [start, input] of c.checkIns) {
          const kr = keyResults.find((k) => k.title.startsWith(start));
          if (kr === undefined) throw new Error(`no key result "${start}" in ${c.file}`);
          await checkIn(fx.deps, EDITOR, kr.id, input);
        }
        const written = await exportMd(fx, periodId);
        expect(changedLines(page, written)).toEqual(c.changed);
        if (c.crlf) expect(written.replaceAll("\r\n", "")).not.toContain("\n");

        // The written page imported again moves nothing, and exports as it is.
        const before = await figures(fx, periodId);
        const again = await importPage(fx, written, c.section);
        expect(again.created).toBe(0);
        expect(await figures(fx, periodId)).toEqual(before);
        expect(await exportMd(fx, periodId)).toBe(written);
      });
    }
  });
}

for (const dialect of DIALECTS) {
  // The JSON export carries a measured key result's figures: imported elsewhere, it is the same.
  describe(`a team page's figures through a JSON export into another workspace (${dialect})`, () => {
    it("keeps each measured key result's kind, start, target and current", async () => {
      const from = await openAppFixture(dialect);
      const into = await openAppFixture(dialect);
      try {
        for (const file of ["kr-table-units.md", "numbered-plan.md", "notion-properties.md"]) {
          const { periodId } = await importMarkdown(from.deps, INSIDER_EDITOR, pageOf({ file }));
          const { keyResults } = await listPeriodItems(from.deps.db, periodId);
          const lead = keyResults.find((k) => k.title.startsWith("Reduce lead time"));
          if (lead !== undefined) await checkIn(from.deps, EDITOR, lead.id, { value: 8 });
          const json = await exportPeriod(from.deps, INSIDER_EDITOR, periodId, { format: "json" });
          const copy = await importMarkdown(into.deps, INSIDER_EDITOR, json.content);
          const measured = async (fx: AppFixture, id: Id) =>
            (await listPeriodItems(fx.deps.db, id)).keyResults
              .map((k) => [
                k.title,
                k.kind,
                k.unit,
                k.start,
                k.target,
                k.direction,
                k.current,
                k.progress,
              ])
              .sort();
          expect(await measured(into, copy.periodId), file).toEqual(await measured(from, periodId));
        }
      } finally {
        await from.close();
        await into.close();
      }
    });
  });
}
