/**
 * A page line whose outcome is a value of the measure its title states is imported as a metric
 * or threshold key result, so a check-in by value moves it by the same rule; on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id, KeyResult } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";

const PAGE = [
  "# 2025-Q1 OKRs",
  "",
  "- VP Eng: Ship faster.",
  "  - VP Eng KR: Reduce time to merge from 70 mins to 56 mins => 61 mins",
  "  - VP Eng KR: Cut p95 page load from 3.2 s to 1.5 s => 2.35 s",
  "  - CFO KR: Marketing efficiency ratio > 3.4 => 3.1",
  "  - People KR: Hire 25 engineers => 27",
  "  - CFO KR: Grow EU revenue from €2M to €3M => €2.5M",
  "  - VP Eng KR: Raise deploys from 8 to 10 a day => 50%",
  "  - CRO KR: Reach [*$N<sub>0</sub>*][N0] in expansion from $2M to $3M => $2.5M",
  "",
  "[N0]: https://example.com/plan#n0",
  "",
].join("\n");

function byTitle(items: readonly KeyResult[], start: string): KeyResult {
  const found = items.find((kr) => kr.title.startsWith(start));
  if (found === undefined) throw new Error(`no key result "${start}"`);
  return found;
}

for (const dialect of DIALECTS) {
  describe(`imported lines that measure a value (${dialect})`, () => {
    let fx: AppFixture;
    let periodId: Id;
    let keyResults: KeyResult[];

    beforeAll(async () => {
      fx = await openAppFixture(dialect);
      ({ periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, PAGE));
      keyResults = (await listPeriodItems(fx.deps.db, periodId)).keyResults;
    });
    afterAll(() => fx.close());

    it("become metric and threshold key results with their numbers and current value", () => {
      const merge = byTitle(keyResults, "Reduce time to merge");
      expect(merge).toMatchObject({
        kind: "metric",
        unit: "duration",
        start: 70,
        target: 56,
        current: 61,
      });
      expect(merge.progress).toBeCloseTo(9 / 14, 9);
      // Seconds are no minutes: the numbers stay as the title writes them, with no unit.
      expect(byTitle(keyResults, "Cut p95")).toMatchObject({
        kind: "metric",
        unit: null,
        start: 3.2,
        target: 1.5,
        current: 2.35,
        progress: 0.5,
      });
      const ratio = byTitle(keyResults, "Marketing efficiency");
      expect(ratio).toMatchObject({ kind: "threshold", target: 3.4, direction: "above" });
      expect(ratio.progress).toBeCloseTo(3.1 / 3.4, 9);
      expect(byTitle(keyResults, "Hire 25")).toMatchObject({
        kind: "metric",
        start: 0,
        target: 25,
        current: 27,
        progress: 1.08,
        status: "done",
      });
    });

    it("keep money in another currency than dollars as the title says it, with no unit", () => {
      expect(byTitle(keyResults, "Grow EU revenue")).toMatchObject({
        kind: "metric",
        unit: null,
        start: 2_000_000,
        target: 3_000_000,
        current: 2_500_000,
        progress: 0.5,
      });
    });

    it("keep a percentage as the progress, and take no numbers from a hidden target's line", () => {
      expect(byTitle(keyResults, "Raise deploys")).toMatchObject({
        kind: "percentage",
        start: null,
        target: null,
        current: null,
        progress: 0.5,
      });
      const hidden = byTitle(keyResults, "Reach");
      expect(hidden).toMatchObject({ kind: "percentage", targetConfidential: true });
      expect([hidden.start, hidden.target, hidden.current]).toEqual([null, null, null]);
    });

    it("are left as they are when the same page comes again, and its export is the page", async () => {
      const again = await importMarkdown(fx.deps, INSIDER_EDITOR, PAGE);
      expect(again.updated).toBe(0);
      const fresh = await openAppFixture(dialect);
      try {
        const { periodId: id } = await importMarkdown(fresh.deps, INSIDER_EDITOR, PAGE);
        const exported = await exportPeriod(fresh.deps, INSIDER_EDITOR, id, { format: "md" });
        expect(exported.content).toBe(PAGE);
      } finally {
        await fresh.close();
      }
    });

    it("move by their own rule when checked in by value", async () => {
      const merge = byTitle(keyResults, "Reduce time to merge");
      const done = await checkIn(fx.deps, EDITOR, merge.id, { value: 58 });
      expect(done.keyResult.progress).toBeCloseTo(12 / 14, 9);
      const ratio = byTitle(keyResults, "Marketing efficiency");
      const held = await checkIn(fx.deps, EDITOR, ratio.id, { value: 3.5 });
      expect(held.keyResult.progress).toBe(1);
      // The page written back says the new value in its own way where one value says it.
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      const before = PAGE.split("\n");
      const after = exported.content.split("\n");
      const changed = after.filter((line, i) => line !== before[i]);
      expect(changed).toEqual([
        "  - VP Eng KR: Reduce time to merge from 70 mins to 56 mins => 58 mins",
        "  - CFO KR: Marketing efficiency ratio > 3.4 => 3.5",
      ]);
    });

    it("take the new value when the page's outcome changes", async () => {
      const changed = PAGE.replace("=> 61 mins", "=> 63 mins");
      await importMarkdown(fx.deps, INSIDER_EDITOR, changed);
      const after = (await listPeriodItems(fx.deps.db, periodId)).keyResults;
      const merge = byTitle(after, "Reduce time to merge");
      expect(merge.current).toBe(63);
      expect(merge.progress).toBeCloseTo(0.5, 9);
      // A line the page did not change keeps the check-in made since (decisions/0061).
      expect(byTitle(after, "Marketing efficiency").current).toBe(3.5);
    });
  });
}

const PLAN = [
  "# 2025-Q2 OKRs",
  "",
  "- VP Eng: Ship faster.",
  "  - VP Eng KR: Reduce lead time from 10 days to 4 days",
  "  - SRE KR: Keep uptime above 99.9%",
  "  - People KR: Hire 25 engineers",
  "  - VP Eng KR: Raise deploys from 8 to 10 a day => 50%",
  "  - Sales KR: Sign 10 new logos => 3 of 10",
  "",
].join("\n");

for (const dialect of DIALECTS) {
  describe(`a plan's lines that measure a value, before any check-in (${dialect})`, () => {
    let fx: AppFixture;
    let periodId: Id;

    beforeAll(async () => {
      fx = await openAppFixture(dialect);
      ({ periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, PLAN));
    });
    afterAll(() => fx.close());

    it("are metric and threshold key results with no value yet, checked in by value", async () => {
      const keyResults = (await listPeriodItems(fx.deps.db, periodId)).keyResults;
      const lead = byTitle(keyResults, "Reduce lead time");
      expect(lead).toMatchObject({ kind: "metric", start: 10, target: 4, current: null });
      expect(lead.progress).toBeNull();
      expect(byTitle(keyResults, "Keep uptime")).toMatchObject({
        kind: "threshold",
        unit: "percent",
        target: 99.9,
        direction: "above",
        current: null,
        progress: null,
      });
      expect(byTitle(keyResults, "Hire 25")).toMatchObject({
        kind: "metric",
        start: 0,
        target: 25,
      });
      // A percentage after the words is the progress, as before.
      expect(byTitle(keyResults, "Raise deploys")).toMatchObject({ kind: "percentage" });

      const done = await checkIn(fx.deps, EDITOR, lead.id, { value: 6 });
      expect(done.keyResult.progress).toBeCloseTo(4 / 6, 9);
      const hired = await checkIn(fx.deps, EDITOR, byTitle(keyResults, "Hire 25").id, {
        value: 10,
      });
      expect(hired.keyResult.progress).toBeCloseTo(0.4, 9);
      // A share of a count the title reaches is its value: checked in by count, written so.
      const logos = byTitle(keyResults, "Sign 10");
      expect(logos).toMatchObject({ kind: "metric", start: 0, target: 10, current: 3 });
      expect((await checkIn(fx.deps, EDITOR, logos.id, { value: 5 })).keyResult.progress).toBe(0.5);
      const page = (await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" }))
        .content;
      expect(page).toContain("  - Sales KR: Sign 10 new logos => 5 of 10\n");
      // A plan line checked in by value says the value, as its title writes the target.
      expect(page).toContain("  - VP Eng KR: Reduce lead time from 10 days to 4 days => 6 days\n");
      // The page again changes nothing the check-ins said.
      const again = await importMarkdown(fx.deps, INSIDER_EDITOR, PLAN);
      expect(again.updated).toBe(0);
      const after = (await listPeriodItems(fx.deps.db, periodId)).keyResults;
      expect(byTitle(after, "Reduce lead time").current).toBe(6);
    });
  });
}
