/**
 * Thousands of OKRs: a synthetic organisation's quarter (4,000 objectives and key results)
 * opens, the tree keeps only the visible rows in the page, and the keyboard reaches the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticOrg } from "../../src/synthetic/write-organisation.js";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  findChromium,
  type Harness,
  pageProblems,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

describe.skipIf(!chromiumPath)("a tree of thousands of OKRs", () => {
  let harness: Harness;
  let webRoot: string;
  let periodId = "";

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    const result = await writeSyntheticOrg(harness.server.deps.db, {
      people: 300,
      teams: 60,
      quarters: 1,
      objectives: 1000,
      keyResults: 3000,
      checkIns: 3000,
    });
    periodId = result.periods[0]?.id ?? "";
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("renders only what is visible", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}`);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    await page.getByText(/1000 objectives, 3000 key results/).waitFor();
    // Virtualised: a few dozen rows in the page, not thousands.
    expect(await tree.getByRole("treeitem").count()).toBeLessThan(120);

    // The keyboard reaches the last row; the list scrolls there.
    await tree.focus();
    await page.keyboard.press("End");
    const lastId = await tree.getAttribute("aria-activedescendant");
    await page.locator(`[id="${lastId}"]`).waitFor();

    // Collapsing everything leaves only the top-level objectives.
    await page.getByRole("button", { name: "Collapse all" }).click();
    await expect.poll(() => tree.getByRole("treeitem").count()).toBeLessThan(120);
    await saveScreenshot(page, "large-tree-1280");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("pages the dashboard's lists with a More button and explains an objective's score on its page", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/dashboard`);
    const stale = page.getByTestId("stale-list");
    await stale.waitFor();
    expect(await stale.locator("li").count()).toBe(20);
    const staleCard = page.locator("section.card", { has: stale });
    const total = Number(
      ((await staleCard.getByText(/^Showing 20 of \d+$/).textContent()) ?? "").split(" of ")[1],
    );
    expect(total).toBeGreaterThan(20);
    await staleCard.getByRole("button", { name: "More key results" }).click();
    await expect.poll(() => stale.locator("li").count()).toBe(Math.min(40, total));
    await staleCard.getByText(`Showing ${Math.min(40, total)} of ${total}`).waitFor();

    // The objective page asks for what makes up the score, which the tree does not carry.
    const tree = await api<{ roots: { objective: { id: string } }[] }>(
      page,
      "GET",
      `/api/periods/${periodId}/tree`,
    );
    const objectiveId = tree.roots[0]?.objective.id ?? "";
    await page.goto(`${harness.url}/#/objectives/${objectiveId}`);
    await page.getByRole("table", { name: "What makes up the score" }).waitFor();
    expect(await page.locator(".explanation").textContent()).toMatch(/=|No score yet|Not scored/);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
