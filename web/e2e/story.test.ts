/**
 * The handbook story on an empty instance: first-run setup → import a handbook page → its
 * tree → a check-in → the objective's score and the dashboard change → export → sign out/in.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  buildWebApp,
  DESKTOP,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  PHONE,
  pageProblems,
  removeDir,
  saveScreenshot,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const HANDBOOK = readFileSync(new URL("./handbook-page.txt", import.meta.url), "utf8");

describe.skipIf(!chromiumPath)("the handbook story in a real browser", () => {
  let harness: Harness;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("sets up, imports a page, checks in, sees the scores move and exports", async () => {
    const { page, context } = await harness.newPage();
    await page.goto(harness.url);

    // First run: the setup page creates the admin and signs them in.
    await page.getByRole("heading", { name: "Welcome to OKR" }).waitFor();
    await saveScreenshot(page, "setup-1280");
    await page.setViewportSize(PHONE);
    expect(await overflowsHorizontally(page)).toBe(false);
    await saveScreenshot(page, "setup-390");
    await page.setViewportSize(DESKTOP);
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.getByRole("heading", { name: "No OKRs yet" }).waitFor();

    // The fiscal calendar: GitLab's, FY named after the year it ends in, starting in February.
    await openFromMenu(page, "Settings");
    await page.getByLabel("Fiscal year starts in").selectOption("2");
    await page.getByLabel("A fiscal year is named after the year it").selectOption("end");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved.").waitFor();

    // Import: paste, preview (tree, lint problems, changes), apply.
    await openFromMenu(page, "Import & export");
    // Upload the page as a file; it lands in the Markdown box, where it could be edited too.
    await page.getByLabel("Upload a Markdown file").setInputFiles({
      name: "fy21-q1.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(HANDBOOK),
    });
    await expect
      .poll(() => page.getByLabel("Markdown", { exact: true }).inputValue())
      .toBe(HANDBOOK);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.locator(".preview");
    const docTree = preview.locator(".doc-tree");
    await docTree.getByText("Grow incremental ACV.").waitFor();
    await expect(
      docTree.getByText("Build a predictable enterprise pipeline.").count(),
    ).resolves.toBe(1);
    // What will change: the objectives and key results are new.
    await expect(preview.getByText(/^Changes: /).textContent()).resolves.toMatch(/\d+ create/);
    // "Ship X to Y widgets" is a placeholder target: the linter says so.
    await expect(preview.locator(".problems").textContent()).resolves.toMatch(/line 14/);
    await saveScreenshot(page, "import-preview-1280");
    await page.getByRole("button", { name: "Apply import" }).click();
    await page.getByText(/Imported: \d+ created/).waitFor();
    await page.getByRole("link", { name: "See the tree" }).click();

    // The tree of the imported page, with the period's own label.
    await page.getByRole("heading", { name: /FY21-Q1/ }).waitFor();
    const tree = page.getByRole("tree");
    const objective = tree.getByRole("treeitem").filter({ hasText: "Grow incremental ACV." });
    await objective.waitFor();
    await expect(tree.getByRole("treeitem").count()).resolves.toBe(9);
    // The title links to its item; the link written in the title is a chip beside it.
    await expect(
      tree.getByRole("link", { name: "opportunity consults", exact: true }).getAttribute("href"),
    ).resolves.toBe("https://gitlab.com/gitlab-com/www-gitlab-com/issues/5743");
    const scoreBefore = await objective.locator(".progress-number").first().textContent();

    // The dashboard before the check-in.
    await openFromMenu(page, "Dashboard");
    const companyScore = page.getByTestId("company-score");
    await companyScore.waitFor();
    const dashboardBefore = await companyScore.textContent();

    // Check in on the first KR from the tree: two clicks and a new value.
    await openFromMenu(page, "Tree");
    const kr = tree
      .getByRole("treeitem")
      .filter({ hasText: "Raise qualified pipeline to 2X target." });
    await kr.getByRole("button", { name: "Check in" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("input[name=value]").fill("100");
    await dialog.getByLabel("Note").fill("Pipeline doubled.");
    await dialog.getByRole("button", { name: "Save check-in" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(() => kr.locator(".progress-number").first().textContent(), { timeout: 10_000 })
      .toBe("100%");
    await expect
      .poll(() => objective.locator(".progress-number").first().textContent(), { timeout: 10_000 })
      .not.toBe(scoreBefore);
    await saveScreenshot(page, "story-tree-after-check-in-1280");

    // A line whose outcome was a value of its own measure is a metric: checked in by value,
    // it moves by the metric's rule (from 70 to 56 minutes, 58 is 86%).
    const metric = tree.getByRole("treeitem").filter({ hasText: "Reduce time to first pipeline" });
    await expect.poll(() => metric.locator(".progress-number").first().textContent()).toBe("64%");
    await metric.getByRole("button", { name: "Check in" }).click();
    await expect(dialog.textContent()).resolves.toMatch(/From 70 min to 56 min/);
    await dialog.locator("input[name=value]").fill("58");
    await dialog.getByRole("button", { name: "Save check-in" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(() => metric.locator(".progress-number").first().textContent(), { timeout: 10_000 })
      .toBe("86%");

    // The dashboard moved too.
    await openFromMenu(page, "Dashboard");
    await expect
      .poll(() => companyScore.textContent(), { timeout: 10_000 })
      .not.toBe(dashboardBefore);

    // Export the period as handbook Markdown: the page's objectives come back out.
    await openFromMenu(page, "Import & export");
    await page.getByRole("button", { name: "Export Markdown", exact: true }).click();
    const exported = page.getByLabel("Exported Markdown");
    await expect
      .poll(() => exported.inputValue(), { timeout: 10_000 })
      .toContain("Grow incremental ACV.");
    const text = await exported.inputValue();
    expect(text).toContain("Build a predictable enterprise pipeline.");
    expect(text).toContain("Raise qualified pipeline to 2X target.");
    // The page comes back in its own style: its prose and list markers are kept.
    expect(text).toContain("This fiscal quarter will run from February 1, 2020 to April 30, 2020.");
    expect(text).toContain("\n1. **CEO: Grow incremental ACV.**\n");
    // The metric's line says its new value as the page wrote the old one.
    expect(text).toContain("from 70 mins to 56 mins. => 58 mins\n");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download / }).click();
    expect((await download).suggestedFilename()).toMatch(/FY21-Q1.*\.md$/);
    // The house style is one button away.
    await page.getByRole("button", { name: "Export Markdown (house style)", exact: true }).click();
    const house = page.getByLabel("Exported Markdown (house style)");
    await expect.poll(() => house.inputValue(), { timeout: 10_000 }).toContain("## OKRs");
    expect(await house.inputValue()).not.toContain("This fiscal quarter will run");

    // Sign out, and back in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to OKR" }).waitFor();
    await saveScreenshot(page, "sign-in-1280");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("header.app-header").waitFor();

    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
