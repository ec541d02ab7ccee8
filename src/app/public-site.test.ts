import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { KeyResult } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listPeriods } from "../store/periods.repository.js";
import { loadExampleData } from "./example-data.js";
import { updateObjective } from "./objectives.js";
import { buildPublicSite, choosePublicPeriods, type SiteFile } from "./public-site.js";
import { putSettings } from "./settings.js";

/** Every way a number may be written in a page: 1200000, 1,200,000. */
function spellings(value: number): string[] {
  return [String(value), value.toLocaleString("en-US")];
}

/** Relative links of a page that name no file of the site. */
function brokenLinks(files: readonly SiteFile[]): string[] {
  const names = new Set(files.map((f) => f.path));
  const broken: string[] = [];
  for (const file of files) {
    for (const m of file.content.matchAll(/(?:href|src)="([^"]+)"/g)) {
      const target = m[1] as string;
      if (/^https?:/.test(target)) continue;
      if (!names.has(target)) broken.push(`${file.path} -> ${target}`);
    }
  }
  return broken;
}

describe.each(DIALECTS)("the public site of the example company (%s)", (dialect) => {
  let fx: AppFixture;
  let hiddenTargets: number[] = [];
  const secretTitles: string[] = [];

  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2026-11-20T09:00:00.000Z");
    await loadExampleData(fx.deps, { now: fx.deps.now() });
    const periods = await listPeriods(fx.deps.db);
    const keyResults: KeyResult[] = [];
    for (const period of periods) {
      const items = await listPeriodItems(fx.deps.db, period.id);
      keyResults.push(...items.keyResults);
      if (period.closedAt !== null) continue;
      // An objective of the open quarter made confidential: it and everything under it vanish.
      const secret = items.objectives.find((o) => o.parentObjectiveId !== null && !o.confidential);
      if (!secret) throw new Error(`no aligned objective in ${period.label}`);
      await updateObjective(fx.deps, ADMIN, secret.id, {
        version: secret.version,
        confidential: true,
      });
      secretTitles.push(secret.title);
      for (const kr of items.keyResults.filter((k) => k.objectiveId === secret.id)) {
        secretTitles.push(kr.title);
      }
    }
    hiddenTargets = keyResults
      .filter((k) => k.targetConfidential && k.target !== null)
      .map((k) => k.target as number);
  });
  afterAll(() => fx.close());

  it("writes an index, a page per period and per team, one style sheet, no script", async () => {
    const choice = await choosePublicPeriods(fx.deps, { fallBackToAll: true });
    expect(choice.reason).toBe("all");
    expect(choice.periods).toHaveLength(3);
    const site = await buildPublicSite(fx.deps, choice.periods);
    const names = site.files.map((f) => f.path);
    expect(names).toContain("index.html");
    expect(names).toContain("site.css");
    expect(names.filter((n) => n.startsWith("period-"))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith("team-")).length).toBeGreaterThan(3);
    expect(brokenLinks(site.files)).toEqual([]);
    for (const file of site.files) expect(file.content).not.toMatch(/<script/i);
    const index = site.files.find((f) => f.path === "index.html")?.content ?? "";
    for (const period of choice.periods) expect(index).toContain(period.label);
    // A team page shows that team's objectives, with their scores.
    const sales = site.files.find((f) => f.path === "team-sales.html")?.content ?? "";
    expect(sales).toMatch(/class="score score-(green|yellow|red)"/);
  });

  it("hides confidential targets as $N0 placeholders and leaves confidential objectives out", async () => {
    expect(hiddenTargets.length).toBeGreaterThan(0);
    const all = await choosePublicPeriods(fx.deps, { fallBackToAll: true });
    const site = await buildPublicSite(fx.deps, all.periods);
    const text = site.files.map((f) => f.content).join("\n");
    for (const target of hiddenTargets) {
      for (const spelled of spellings(target)) expect(text).not.toContain(spelled);
    }
    for (const title of secretTitles) expect(text).not.toContain(title);
    expect(text).toContain("N<sub>0</sub>");
  });

  it("publishes the periods marked public, and only those when any is marked", async () => {
    const periods = await listPeriods(fx.deps.db);
    const last = periods[periods.length - 1];
    if (!last) throw new Error("no period");
    await putSettings(fx.deps, ADMIN, { publicSite: { periods: [last.id] } });
    const marked = await choosePublicPeriods(fx.deps, { fallBackToAll: true });
    expect(marked).toMatchObject({ reason: "marked", periods: [{ id: last.id }] });
    const site = await buildPublicSite(fx.deps, marked.periods);
    expect(site.files.filter((f) => f.path.startsWith("period-")).map((f) => f.path)).toEqual([
      `period-${last.label.toLowerCase()}.html`,
    ]);
    const chosen = await choosePublicPeriods(fx.deps, {
      chosen: [periods[0]?.id ?? ""],
      fallBackToAll: true,
    });
    expect(chosen).toMatchObject({ reason: "chosen", periods: [{ id: periods[0]?.id }] });
    await expect(
      putSettings(fx.deps, ADMIN, { publicSite: { periods: ["no-such-period"] } }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("publicSite.periods[0]"),
    });
    await putSettings(fx.deps, ADMIN, { publicSite: { periods: [] } });
  });
});
