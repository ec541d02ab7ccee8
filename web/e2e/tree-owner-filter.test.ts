/**
 * The tree's Team and Owner filters use the one owner model: in the example company a line
 * owned by the role title "VP Marketing" belongs to Ines Okafor, who holds it, and to her team
 * Marketing (and the teams above it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWebApp,
  createAdminViaApi,
  findChromium,
  type Harness,
  openFromMenu,
  pageProblems,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

describe.skipIf(!chromiumPath)("the tree's team filter in a real browser", () => {
  let harness: Harness;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: true, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("shows role-owned lines under their holder's team and the teams above it", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openFromMenu(page, "Tree");
    const rows = page.getByRole("treeitem");
    await rows.first().waitFor();

    await page.getByLabel("Team", { exact: true }).selectOption("Marketing");
    await rows.first().waitFor();
    const marketing = await rows.allTextContents();
    expect(marketing.some((text) => text.includes("VP Marketing"))).toBe(true);
    await saveScreenshot(page, "tree-team-marketing-1280");

    // The team above Marketing holds its lines too; Engineering does not.
    await page.getByLabel("Team", { exact: true }).selectOption("Fernhill");
    await rows.first().waitFor();
    expect((await rows.allTextContents()).some((t) => t.includes("VP Marketing"))).toBe(true);
    await page.getByLabel("Team", { exact: true }).selectOption("Engineering");
    await rows.first().waitFor();
    expect((await rows.allTextContents()).some((t) => t.includes("VP Marketing:"))).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
