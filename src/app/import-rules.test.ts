/**
 * What an import decides beside the items: which period (a label with other dates is kept
 * apart), which owners (as written unless mapped), closed or open; and what reopening undoes.
 * Real SQLite and PostgreSQL.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { DocumentItem } from "../core/document.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import { importMarkdown, previewImport } from "./import.js";
import { getMyOkrs } from "./my-okrs.js";
import { createPerson, createTeam } from "./people.js";
import { closePeriod, listPeriods, reopenPeriod } from "./periods.js";
import { getPeriodTree } from "./tree.js";

const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");
const seedsPresent = existsSync(SEEDS);

function itemsOnPage(text: string): number {
  const walk = (items: readonly DocumentItem[]): number =>
    items.reduce((n, item) => n + 1 + walk(item.children), 0);
  return walk(parseHandbook(text).items);
}

function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`)) as string;
  return readFileSync(resolve(SEEDS, name), "utf8");
}

const PAGE = (start: string, end: string, objective: string) =>
  [
    "---",
    "title: FY20-Q2 OKRs",
    "period: FY20-Q2",
    `start: ${start}`,
    `end: ${end}`,
    "---",
    "",
    `1. **CEO: ${objective}**`,
    "    1. Customer Success KR: Renew 90% of accounts => 80%",
    "    1. CMO KR: Launch the partner page",
  ].join("\n");

for (const dialect of DIALECTS) {
  describe(`import rules (${dialect})`, () => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect, "2020-06-15T12:00:00.000Z");
    });
    afterAll(() => fx.close());

    it("keeps a page apart from a period of the same label with other dates", async () => {
      const first = await importMarkdown(
        fx.deps,
        EDITOR,
        PAGE("2019-05-01", "2019-07-31", "Grow."),
      );
      const other = PAGE("2020-05-01", "2020-07-31", "Grow more.");
      const preview = await previewImport(fx.deps, EDITOR, other);
      expect(preview.period).toMatchObject({
        label: "FY20-Q2 (2020)",
        exists: false,
        clash: { label: "FY20-Q2", start: "2019-05-01", end: "2019-07-31" },
      });
      expect(preview.period?.message).toContain("They are kept apart");
      const second = await importMarkdown(fx.deps, EDITOR, other);
      expect(second.periodId).not.toBe(first.periodId);
      expect(second.notice).toContain("2020-05-01 to 2020-07-31");
      // Again: the same distinct period, nothing new.
      const again = await importMarkdown(fx.deps, EDITOR, other);
      expect(again).toMatchObject({ periodId: second.periodId, created: 0, updated: 0 });
      const firstItems = await listPeriodItems(fx.deps.db, first.periodId);
      expect(firstItems.objectives.map((o) => o.title)).toEqual(["Grow."]);
      const periods = await listPeriods(fx.deps, EDITOR);
      expect(periods.map((p) => [p.label, p.start])).toEqual([
        ["FY20-Q2", "2019-05-01"],
        ["FY20-Q2 (2020)", "2020-05-01"],
      ]);
    });

    it("keeps owners as written unless mapped, so a name never joins today's team by accident", async () => {
      const team = await createTeam(fx.deps, ADMIN, { name: "Customer Success" });
      const person = await createPerson(fx.deps, ADMIN, { name: "Ana", teamId: team.id });
      const ana = actorOf("editor", { personId: person.id, name: "ana" });
      const page = PAGE("2020-05-01", "2020-07-31", "Keep customers.");
      const preview = await previewImport(fx.deps, EDITOR, page, { periodLabel: "2020-Q2" });
      expect(preview.owners.find((o) => o.name === "Customer Success")).toMatchObject({
        matches: { kind: "team", name: "Customer Success" },
        owner: { kind: "role", id: null, name: "Customer Success" },
        mapped: false,
      });
      await importMarkdown(fx.deps, EDITOR, page, { periodLabel: "2020-Q2" });
      expect((await getMyOkrs(fx.deps, ana)).keyResults).toEqual([]);

      const mapped = { "Customer Success": "team:customer success" };
      const withMap = await previewImport(fx.deps, EDITOR, page, {
        periodLabel: "2020-Q2",
        ownerMap: mapped,
      });
      expect(withMap.owners[1]).toMatchObject({
        owner: { kind: "team", id: team.id },
        mapped: true,
      });
      const applied = await importMarkdown(fx.deps, EDITOR, page, {
        periodLabel: "2020-Q2",
        ownerMap: mapped,
      });
      expect(applied.updated).toBe(1);
      expect((await getMyOkrs(fx.deps, ana)).keyResults.map((k) => k.title)).toEqual([
        "Renew 90% of accounts",
      ]);
      await expect(
        importMarkdown(fx.deps, EDITOR, page, { ownerMap: { Nobody: "role" } }),
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("Nobody"),
      });
    });

    it("imports a past quarter as closed: no check-ins, not in My OKRs", async () => {
      const page = PAGE("2019-08-01", "2019-10-31", "History.").replace(
        "period: FY20-Q2",
        "period: FY20-Q3",
      );
      const preview = await previewImport(fx.deps, EDITOR, page);
      expect(preview.period).toMatchObject({ label: "FY20-Q3", past: true, exists: false });
      const result = await importMarkdown(fx.deps, EDITOR, page, { closed: true });
      expect(result.closed).toBe(true);
      const tree = await getPeriodTree(fx.deps, EDITOR, result.periodId);
      expect(tree.period.closedAt).not.toBeNull();
      // The page's statuses stand: closing an imported quarter grades nothing.
      const kr = tree.roots[0]?.keyResults[1]?.keyResult;
      expect(kr?.status).toBeNull();
      await expect(checkIn(fx.deps, EDITOR, kr?.id as string, { value: 1 })).rejects.toMatchObject({
        code: "period_closed",
      });
      // Nothing in a closed quarter waits for a check-in: no stale warnings on its dashboard.
      expect((await getDashboard(fx.deps, EDITOR, result.periodId)).stale.total).toBe(0);
      const open = await importMarkdown(fx.deps, EDITOR, page, { periodLabel: "2019-Q4" });
      expect((await getDashboard(fx.deps, EDITOR, open.periodId)).stale.total).toBe(2);
    });

    it("reopening restores the statuses closing set", async () => {
      const page = PAGE("2020-02-01", "2020-04-30", "Reopen me.").replace(
        "period: FY20-Q2",
        "period: FY20-Q1",
      );
      const { periodId } = await importMarkdown(fx.deps, EDITOR, page);
      const krs = () => listPeriodItems(fx.deps.db, periodId).then((i) => i.keyResults);
      const [renew, launch] = await krs();
      await checkIn(fx.deps, EDITOR, renew?.id as string, { value: 89, health: "on_track" });
      const closed = await closePeriod(fx.deps, EDITOR, periodId);
      expect(closed.graded.map((g) => [g.status, g.from])).toEqual([
        ["missed", "in_progress"],
        ["missed", null],
      ]);
      expect((await krs()).map((k) => k.status)).toEqual(["missed", "missed"]);
      await reopenPeriod(fx.deps, ADMIN, periodId);
      expect((await krs()).map((k) => k.status)).toEqual(["in_progress", null]);
      expect(launch?.status).toBeNull();
    });
  });
}

describe.skipIf(!seedsPresent)("GitLab FY20-Q2 then Sourcegraph FY20-Q2 (seeds 001, 004)", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite");
  });
  afterAll(() => fx.close());

  it("gives two periods, each holding only its own page's items", async () => {
    // Sourcegraph's page hides its targets ($N0): marking targets confidential takes an insider.
    const gitlab = await importMarkdown(fx.deps, ADMIN, seed("001"));
    const sourcegraph = await importMarkdown(fx.deps, ADMIN, seed("004"));
    expect(sourcegraph.periodId).not.toBe(gitlab.periodId);
    const periods = await listPeriods(fx.deps, EDITOR);
    expect(periods.map((p) => `${p.label} ${p.start}..${p.end}`)).toEqual([
      "FY20-Q2 2019-05-01..2019-07-31",
      "FY20-Q2 (2020) 2020-05-01..2020-07-31",
    ]);
    const count = async (id: string) => {
      const items = await listPeriodItems(fx.deps.db, id);
      return items.objectives.length + items.keyResults.length;
    };
    // Every objective and key result on each page, and nothing of the other page.
    expect(await count(gitlab.periodId)).toBe(itemsOnPage(seed("001")));
    expect(await count(sourcegraph.periodId)).toBe(itemsOnPage(seed("004")));
  });
});
