/**
 * Import choices and roll-up settings in a real browser, at desktop and phone width: a page
 * whose label names a period with other dates is kept apart (the period picker), a page owner
 * is attached to an existing team only when the user says so, a past quarter goes in closed;
 * the roll-up settings change the quarter's score, and nothing scored says "not scored".
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Period } from "../../src/core/types.js";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  DESKTOP,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  PHONE,
  pageProblems,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

/** A quarter page: one objective, a key result at 80% owned by Customer Success, one with no progress. */
function quarterPage(label: string, start: string, end: string, objective: string): string {
  return [
    "---",
    `title: ${label} OKRs`,
    `period: ${label}`,
    `start: ${start}`,
    `end: ${end}`,
    "---",
    "",
    `1. **CEO: ${objective}**`,
    "    1. Customer Success KR: Renew 90% of accounts => 80%",
    "    1. CMO KR: Launch the partner page",
  ].join("\n");
}

async function previewPage(page: Page, markdown: string): Promise<void> {
  await openFromMenu(page, "Import & export");
  await page.getByLabel("Markdown", { exact: true }).fill(markdown);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("group", { name: "Before you apply" }).waitFor();
}

describe.skipIf(!chromiumPath)("import choices and roll-up settings in a real browser", () => {
  let harness: Harness;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  for (const [name, viewport, year] of [
    ["desktop", DESKTOP, 2017],
    ["phone", PHONE, 2015],
  ] as const) {
    it(`maps an owner, imports closed and keeps same-label quarters apart (${name})`, async () => {
      const { page, context } = await harness.newPage(viewport);
      await signIn(page, harness.url);
      const label = `FY${String(year + 1).slice(2)}-Q2`;
      const support = await api<{ id: string }>(page, "POST", "/api/teams", {
        name: `Support ${year}`,
      });

      // The first page: map "Customer Success" to the team, import it closed.
      await previewPage(page, quarterPage(label, `${year}-05-01`, `${year}-07-31`, "Grow."));
      const row = page.getByRole("row", { name: /Customer Success/ });
      await expect(row.textContent()).resolves.toContain("new");
      await page
        .getByLabel("Owner for Customer Success")
        .selectOption({ label: `team Support ${year}` });
      await page.getByLabel(/Import as closed \(this quarter has ended\)/).check();
      if (viewport === PHONE) expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `import-choices-${name}`);
      await page.getByRole("button", { name: "Apply import" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Imported" }).textContent(),
      ).resolves.toContain("as a closed period");
      const periods = await api<{ periods: Period[] }>(page, "GET", "/api/periods");
      const first = periods.periods.find((p) => p.label === label) as Period;
      expect(first.closedAt).not.toBeNull();
      const tree = await api<{ roots: { keyResults: { keyResult: { owner: unknown } }[] }[] }>(
        page,
        "GET",
        `/api/periods/${first.id}/tree`,
      );
      expect(tree.roots[0]?.keyResults[0]?.keyResult.owner).toMatchObject({
        kind: "team",
        id: support.id,
      });

      // The same label a year later: the preview says so and the user names the new period.
      await previewPage(
        page,
        quarterPage(label, `${year + 1}-05-01`, `${year + 1}-07-31`, "More."),
      );
      await expect(
        page.getByRole("status").filter({ hasText: "kept apart" }).textContent(),
      ).resolves.toContain(`the existing ${label} runs ${year}-05-01 to ${year}-07-31`);
      const choices = page.getByRole("group", { name: "Before you apply" });
      await choices
        .getByLabel("Period", { exact: true })
        .selectOption({ label: "A new period named…" });
      await choices.getByLabel("New period's label").fill(`${label} Acme`);
      await page.getByRole("button", { name: "Apply import" }).click();
      await page.getByRole("status").filter({ hasText: "Imported" }).waitFor();
      const after = await api<{ periods: Period[] }>(page, "GET", "/api/periods");
      const second = after.periods.find((p) => p.label === `${label} Acme`);
      expect(second).toMatchObject({ start: `${year + 1}-05-01`, end: `${year + 1}-07-31` });
      expect(after.periods.filter((p) => p.label.startsWith(label))).toHaveLength(2);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    });
  }

  it("changes how scores roll up from the Settings page, and says what each option does", async () => {
    const { page, context } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    const markdown = quarterPage("FY30-Q1", "2029-02-01", "2029-04-30", "Score me.");
    const result = await api<{ periodId: string }>(page, "POST", "/api/import/apply", {
      markdown,
    });
    const empty = await api<{ periodId: string }>(page, "POST", "/api/import/apply", {
      markdown: quarterPage("FY30-Q2", "2029-05-01", "2029-07-31", "Nothing yet.").replace(
        " => 80%",
        "",
      ),
    });
    const scoreOf = async (periodId: string, label: string) => {
      await page.goto(`${harness.url}/#/periods/${periodId}`);
      // The page names the period at once and shows its figures once its own tree is in.
      await page.locator("h1", { hasText: label }).waitFor();
      const line = page.locator("h1 + p.muted strong");
      await line.waitFor();
      return line.textContent();
    };
    // The key result with no progress is not scored: the quarter is the 80% one.
    expect(await scoreOf(result.periodId, "FY30-Q1")).toBe("0.80");
    expect(await scoreOf(empty.periodId, "FY30-Q2")).toBe("not scored");

    await openFromMenu(page, "Settings");
    const section = page.getByRole("region", { name: "How scores roll up" });
    await section.waitFor();
    // The section is there at once; its options once the settings have loaded.
    await section
      .getByText("Left out of their objective's score until they have progress")
      .waitFor();
    await section.getByLabel("Key results with no progress yet").selectOption("zero");
    await section.getByText("Count as 0 in their objective's score").waitFor();
    await section.getByRole("button", { name: "Save roll-up" }).click();
    await section.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await saveScreenshot(page, "settings-roll-up-1280");
    expect(await scoreOf(result.periodId, "FY30-Q1")).toBe("0.40");

    const phone = await harness.newPage(PHONE);
    await signIn(phone.page, harness.url);
    await openFromMenu(phone.page, "Settings");
    const small = phone.page.getByRole("region", { name: "How scores roll up" });
    await small.waitFor();
    await expect(small.getByLabel("Key results with no progress yet").inputValue()).resolves.toBe(
      "zero",
    );
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    await saveScreenshot(phone.page, "settings-roll-up-390");
    expect(pageProblems(page)).toEqual([]);
    await phone.context.close();
    await context.close();
  });
});
