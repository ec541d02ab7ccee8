/**
 * A key result whose title measures a value in percent keeps that value through its page: a
 * check-in by value is written back as the value, then the progress in parentheses
 * (`=> 98% (40%)`), and the page imported into another database gives the same key result;
 * on both databases (decisions/0058).
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
  "# 2025-Q2 OKRs",
  "",
  "- [ ] SRE: Keep the service up",
  "  - [ ] SRE KR: Raise uptime from 97% to 99.5% => 97.5% (20%)",
  "  - [ ] SRE KR: Keep error budget burn below 20% => 25% (0%)",
  "  - [ ] SRE KR: Raise availability from 90% to 95% => 50%",
  "",
  "1. Growth: Keep our customers",
  "   1. Growth KR: Reduce churn from 5% to 3%",
  "   2. Growth KR: Raise activation from 40% to 60% => 45% (25%)",
  "   3. Growth KR: Raise retention from 80% to 90% => 50%",
  "",
].join("\n");

function byTitle(items: readonly KeyResult[], start: string): KeyResult {
  const found = items.find((kr) => kr.title.startsWith(start));
  if (found === undefined) throw new Error(`no key result "${start}"`);
  return found;
}

type Figures = Pick<KeyResult, "kind" | "unit" | "start" | "target" | "current" | "progress">;

function figures(kr: KeyResult): Figures {
  const { kind, unit, start, target, current, progress } = kr;
  return { kind, unit, start, target, current, progress };
}

function expectSameFigures(a: KeyResult, b: KeyResult): void {
  const { progress: pa, ...restA } = figures(a);
  const { progress: pb, ...restB } = figures(b);
  expect(restB).toEqual(restA);
  expect(pb).not.toBeNull();
  expect(pb as number).toBeCloseTo(pa as number, 9);
}

for (const dialect of DIALECTS) {
  describe(`a value in percent through the page (${dialect})`, () => {
    let fx: AppFixture;
    let periodId: Id;

    beforeAll(async () => {
      fx = await openAppFixture(dialect);
      ({ periodId } = await importMarkdown(fx.deps, INSIDER_EDITOR, PAGE));
    });
    afterAll(() => fx.close());

    it("reads a value before the writer's score as the current value, a bare percentage as progress", async () => {
      const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
      expect(figures(byTitle(keyResults, "Raise activation"))).toEqual({
        kind: "metric",
        unit: "percent",
        start: 40,
        target: 60,
        current: 45,
        progress: 0.25,
      });
      expect(figures(byTitle(keyResults, "Raise uptime"))).toEqual({
        kind: "metric",
        unit: "percent",
        start: 97,
        target: 99.5,
        current: 97.5,
        progress: 0.2,
      });
      expect(byTitle(keyResults, "Reduce churn")).toMatchObject({
        kind: "metric",
        start: 5,
        target: 3,
        current: null,
      });
      for (const title of ["Raise retention", "Raise availability"])
        expect(byTitle(keyResults, title)).toMatchObject({
          kind: "percentage",
          current: null,
          progress: 0.5,
        });
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      expect(exported.content).toBe(PAGE);
    });

    it("writes a check-in by value back as the value and its progress, and reads it so again", async () => {
      const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
      await checkIn(fx.deps, EDITOR, byTitle(keyResults, "Raise uptime").id, { value: 98 });
      await checkIn(fx.deps, EDITOR, byTitle(keyResults, "Keep error budget").id, { value: 15 });
      await checkIn(fx.deps, EDITOR, byTitle(keyResults, "Reduce churn").id, { value: 4 });
      await checkIn(fx.deps, EDITOR, byTitle(keyResults, "Raise activation").id, { value: 50 });
      const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
      const before = PAGE.split("\n");
      const after = exported.content.split("\n");
      expect(after.filter((line, i) => line !== before[i])).toEqual([
        "  - [ ] SRE KR: Raise uptime from 97% to 99.5% => 98% (40%)",
        "  - [ ] SRE KR: Keep error budget burn below 20% => 15% (100%)",
        "   1. Growth KR: Reduce churn from 5% to 3% => 4% (50%)",
        "   2. Growth KR: Raise activation from 40% to 60% => 50% (50%)",
      ]);

      const here = (await listPeriodItems(fx.deps.db, periodId)).keyResults;
      const fresh = await openAppFixture(dialect);
      try {
        const { periodId: id } = await importMarkdown(fresh.deps, INSIDER_EDITOR, exported.content);
        const there = (await listPeriodItems(fresh.deps.db, id)).keyResults;
        for (const title of [
          "Raise uptime",
          "Keep error budget",
          "Reduce churn",
          "Raise activation",
          "Raise retention",
          "Raise availability",
        ])
          expectSameFigures(byTitle(here, title), byTitle(there, title));
        expect(byTitle(there, "Raise uptime")).toMatchObject({ current: 98, start: 97 });
        expect(byTitle(there, "Keep error budget")).toMatchObject({
          kind: "threshold",
          current: 15,
          progress: 1,
        });
        // Written again from the new database, the page is the same page.
        const again = await exportPeriod(fresh.deps, INSIDER_EDITOR, id, { format: "md" });
        expect(again.content).toBe(exported.content);
      } finally {
        await fresh.close();
      }
    });
  });
}
