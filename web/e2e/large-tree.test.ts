/**
 * Thousands of OKRs: a synthetic organisation's quarter (4,000 objectives and key results)
 * opens quickly, the tree keeps only the visible rows in the page, and the keyboard reaches the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticOrg } from "../../src/app/synthetic-data.js";
import {
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

  it("renders only what is visible and stays quick", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const started = Date.now();
    await page.goto(`${harness.url}/#/periods/${periodId}`);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    await page.getByText(/1000 objectives, 3000 key results/).waitFor();
    console.info(`4,000 OKRs: the tree showed in ${seconds.toFixed(2)} s`);
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
});
