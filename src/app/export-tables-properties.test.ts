/**
 * Pages that keep a key result's numbers apart from its title: tables with Progress, Start,
 * Target and Current columns, and headings with `Owner:` / `Progress:` / `Current:` property
 * lines. Imported, checked in, edited and exported again, each change lands in its own cell or
 * line and the rest of the page stays as written; on both databases.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id, KeyResult, Objective } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { updateObjective } from "./objectives.js";
import { writePeriodPage } from "./sync.js";

const page = (name: string) =>
  readFileSync(resolve(import.meta.dirname, "../markdown/format-fixtures", name), "utf8");
const TABLE = page("kr-table-measures.md");
const PROPERTIES = page("properties.md");

function named<T extends KeyResult | Objective>(items: readonly T[], start: string): T {
  const found = items.find((item) => item.title.startsWith(start));
  if (found === undefined) throw new Error(`no item "${start}"`);
  return found;
}

/** The lines of `after` that differ from `before`'s line at the same place. */
function changedLines(before: string, after: string): string[] {
  const old = before.split("\n");
  return after.split("\n").filter((line, i) => line !== old[i]);
}

/** The figures of every key result, by title. */
async function figures(fx: AppFixture, periodId: Id) {
  const { keyResults, objectives } = await listPeriodItems(fx.deps.db, periodId);
  return {
    keyResults: keyResults
      .filter((kr) => !kr.archived)
      .map((kr) => [kr.title, kr.owner?.name, kr.current, kr.progress, kr.status])
      .sort(),
    objectives: objectives.map((o) => [o.title, o.owner?.name]).sort(),
  };
}

/** Importing what was written gives every item the figures the database held. */
async function expectReadBackSame(fx: AppFixture, periodId: Id, written: string) {
  const before = await figures(fx, periodId);
  const again = await importMarkdown(fx.deps, INSIDER_EDITOR, written);
  expect(again.created).toBe(0);
  expect(await figures(fx, periodId)).toEqual(before);
}

for (const dialect of DIALECTS) {
  describe(`a key result table, checked in and written back (${dialect})`, () => {
    let fx: AppFixture;
    let periodId: Id;
    let krs: KeyResult[];
    let objectives: Objective[];

    beforeAll(async () => {
      fx = await openAppFixture(dialect);
      ({ periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, TABLE));
      ({ keyResults: krs, objectives } = await listPeriodItems(fx.deps.db, periodId));
    });
    afterAll(() => fx.close());

    it("imports the columns' figures as metrics and thresholds, and the page comes back as it was", async () => {
      expect(named(krs, "Qualified leads")).toMatchObject({
        kind: "metric",
        start: 120,
        target: 200,
        current: 150,
        progress: 0.375,
      });
      expect(named(krs, "Gross churn")).toMatchObject({
        kind: "threshold",
        direction: "below",
        target: 2,
        current: 1.6,
        progress: 1,
      });
      expect(named(krs, "Time to first reply")).toMatchObject({ start: 6, target: 2, current: 4 });
      expect(named(krs, "Renewal playbook | v2")).toMatchObject({ status: "done", progress: 1 });
      // A row with an objective and no key result is that objective alone.
      expect(objectives.map((o) => o.title)).toContain("Expand to Japan");
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      expect(exported.content).toBe(TABLE);
    });

    it("writes a check-in into the Current and Progress cells, and an empty Progress cell gets one", async () => {
      await checkIn(fx.deps, EDITOR, named(krs, "Qualified leads").id, { value: 170 });
      await checkIn(fx.deps, EDITOR, named(krs, "Average deal size").id, { value: 46_000 });
      await checkIn(fx.deps, EDITOR, named(krs, "Engineers hired").id, { value: 6 });
      const playbook = named(krs, "Renewal playbook");
      await checkIn(fx.deps, EDITOR, playbook.id, { progress: 0.5 });
      const reply = named(krs, "Time to first reply");
      await updateKeyResult(fx.deps, INSIDER_EDITOR, reply.id, {
        version: reply.version,
        title: "Time to first reply on weekdays",
      });
      // As `okr export --in-place` writes it: the period's page with what changed.
      const written = await writePeriodPage(fx.deps, INSIDER_EDITOR, "FY26-Q1", "okrs.md", TABLE);
      expect(changedLines(TABLE, written)).toEqual([
        "| **Grow the pipeline** | Qualified leads per month | Priya | 120 | 200 | 170 | 62.5% |",
        "| | Average deal size | Tomás | $42k | $50k | $46k | 50% |",
        "| | Time to first reply on weekdays | Ana | 6 h | 2 h | 4 h | |",
        "| | Renewal playbook \\| v2 shipped | Ana | | | | 50% |",
        "Hire well | Engineers hired | Lee | 12 | 6",
      ]);
      await expectReadBackSame(fx, periodId, written);
    });

    it("adds a new key result as a row under its objective's rows, in the table's own shape", async () => {
      const keep = named(objectives, "Keep customers");
      await createKeyResult(fx.deps, INSIDER_EDITOR, {
        objectiveId: keep.id,
        title: "Net revenue retention above 105%",
        kind: "percentage",
        owner: "Ana",
        status: "in_progress",
      });
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      const lines = exported.content.split("\n");
      const playbook = lines.findIndex((l) => l.includes("Renewal playbook"));
      expect(lines[playbook + 1]).toMatch(
        /^\|\s+\| Net revenue retention above 105% \| Ana \|\s+\|\s+\|\s+\| In progress \|$/,
      );
      expect(lines[playbook + 2]).toMatch(/^\| Expand to Japan \|/);
    });
  });

  describe(`property lines under headings, checked in and written back (${dialect})`, () => {
    let fx: AppFixture;
    let periodId: Id;
    let krs: KeyResult[];
    let objectives: Objective[];

    beforeAll(async () => {
      fx = await openAppFixture(dialect);
      ({ periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, PROPERTIES));
      ({ keyResults: krs, objectives } = await listPeriodItems(fx.deps.db, periodId));
    });
    afterAll(() => fx.close());

    it("take owners and outcomes from the property lines, and the page comes back as it was", async () => {
      expect(named(objectives, "Make onboarding").owner?.name).toBe("Customer Success");
      expect(named(objectives, "Know why").owner?.name).toBe("Research");
      expect(named(krs, "Cut time to first value")).toMatchObject({ progress: 0.4 });
      expect(named(krs, "Cut time to first value").owner?.name).toBe("Onboarding team");
      // A Current line is the figure, even in percent: 41% of the way from 35% to 50% is 40%.
      expect(named(krs, "Raise activation")).toMatchObject({ kind: "metric", current: 41 });
      expect(named(krs, "Raise activation").progress).toBeCloseTo(0.4, 9);
      expect(named(krs, "Qualified trials")).toMatchObject({ start: 80, target: 120, current: 95 });
      expect(named(krs, "Interview 20")).toMatchObject({ status: "in_progress" });
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      expect(exported.content).toBe(PROPERTIES);
    });

    it("write check-ins and a new owner onto their property lines, adding a Progress line where none is", async () => {
      await checkIn(fx.deps, EDITOR, named(krs, "Cut time to first value").id, { progress: 0.8 });
      await checkIn(fx.deps, EDITOR, named(krs, "Raise activation").id, { value: 44 });
      await checkIn(fx.deps, EDITOR, named(krs, "Qualified trials").id, { value: 101 });
      await checkIn(fx.deps, EDITOR, named(krs, "Interview 20").id, { progress: 0.6 });
      await checkIn(fx.deps, EDITOR, named(krs, "Publish what we learn").id, { progress: 0.25 });
      await checkIn(fx.deps, EDITOR, named(krs, "Publish the new setup guide").id, {
        progress: 0.9,
      });
      const research = named(objectives, "Know why");
      await updateObjective(fx.deps, INSIDER_EDITOR, research.id, {
        version: research.version,
        owner: "Insights",
      });
      const written = await writePeriodPage(
        fx.deps,
        INSIDER_EDITOR,
        "2025-Q3",
        "okrs.md",
        PROPERTIES,
      );
      const lines = written.split("\n");
      expect(lines).toContain("**Progress:** 80%");
      expect(lines).toContain("**Current**: 44%");
      expect(lines).toContain("Current: 101");
      expect(lines).toContain("Status: 60%");
      expect(lines).toContain("Lead: Insights");
      // The outcome written on the heading stays there.
      expect(lines).toContain("### KR 1.4: Publish the new setup guide => 90%");
      // No line for the progress: one is added, written as the block's first line is.
      const owner = lines.indexOf("**Owner:** Research");
      expect(lines.slice(owner, owner + 2)).toEqual(["**Owner:** Research", "**Progress:** 25%"]);
      // Headings keep their own words.
      expect(lines).toContain("### KR 1.1: Cut time to first value from 14 days to 5 days");
      await expectReadBackSame(fx, periodId, written);
    });
  });
}

describe("the outcome after check-ins", () => {
  it("says each key result's progress now, in the house style and in the app, as it was written", async () => {
    const fx = await openAppFixture("sqlite");
    try {
      const text = [
        "# 2025-Q2 OKRs",
        "",
        "- Sales: Grow the pipeline",
        "  - Sales KR: Book 40 demos => 60%",
        "  - Sales KR: Cut time to quote from 70 mins to 56 mins => 61 mins",
        "  - Sales KR: Close 10 deals => 3 of 10",
        "",
      ].join("\n");
      const { periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, text);
      const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
      await checkIn(fx.deps, EDITOR, named(keyResults, "Book 40").id, { progress: 0.8 });
      await checkIn(fx.deps, EDITOR, named(keyResults, "Cut time").id, { value: 58 });
      await checkIn(fx.deps, EDITOR, named(keyResults, "Close 10").id, { progress: 0.5 });
      const house = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, {
        format: "md",
        style: "house",
      });
      expect(house.content).toContain("Sales KR: Book 40 demos => 80%");
      expect(house.content).toContain(
        "Sales KR: Cut time to quote from 70 mins to 56 mins => 58 mins",
      );
      expect(house.content).toContain("Sales KR: Close 10 deals => 5 of 10");
      // The app shows the same words: the outcome as written, saying the progress now.
      const shown = await getKeyResult(fx.deps, EDITOR, named(keyResults, "Cut time").id);
      expect(shown.outcome).toBe("58 mins");
    } finally {
      await fx.close();
    }
  });
});
