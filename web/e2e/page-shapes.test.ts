/**
 * Pages that keep a key result's figures apart from its title, in a real browser: a page of
 * headings with `Owner:` / `Current:` property lines and a key result table with Start, Target
 * and Current columns are imported through the web app, checked in by value from the tree, and
 * exported with each new figure where the page keeps it.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
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

const fixture = (name: string) =>
  readFileSync(new URL(`../../src/markdown/format-fixtures/${name}`, import.meta.url), "utf8");

/** Imports `markdown` through the import page, and opens its tree. */
async function importPage(page: Page, markdown: string, expectInPreview: string): Promise<void> {
  await openFromMenu(page, "Import & export");
  await page.getByLabel("Markdown", { exact: true }).fill(markdown);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.locator(".preview .doc-tree").getByText(expectInPreview).first().waitFor();
  await page.getByRole("button", { name: "Apply import" }).click();
  await page.getByText(/Imported: \d+ created/).waitFor();
  await page.getByRole("link", { name: "See the tree" }).click();
}

/** Checks in `value` on the key result of the tree whose row holds `title`; its progress after. */
async function checkInValue(page: Page, title: string, value: string, from: RegExp) {
  const kr = page.getByRole("tree").getByRole("treeitem").filter({ hasText: title });
  await kr.getByRole("button", { name: "Check in" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.textContent()).resolves.toMatch(from);
  await dialog.locator("input[name=value]").fill(value);
  await dialog.getByRole("button", { name: "Save check-in" }).click();
  await dialog.waitFor({ state: "detached" });
  return kr;
}

async function exportedMarkdown(page: Page, expected: string): Promise<string> {
  await openFromMenu(page, "Import & export");
  await page.getByRole("button", { name: "Export Markdown", exact: true }).click();
  const exported = page.getByLabel("Exported Markdown");
  await expect.poll(() => exported.inputValue(), { timeout: 10_000 }).toContain(expected);
  return exported.inputValue();
}

describe.skipIf(!chromiumPath)("property lines and key result tables in a real browser", () => {
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

  it("imports property lines as owners and figures, and a check-in lands on the Current line", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await importPage(page, fixture("properties.md"), "Raise activation from 35% to 50%");
    const tree = page.getByRole("tree");
    const activation = tree.getByRole("treeitem").filter({ hasText: "Raise activation" });
    // 41% on the way from 35% to 50% is 40% of the way, and Growth owns it.
    await expect
      .poll(() => activation.locator(".progress-number").first().textContent())
      .toBe("40%");
    await expect(activation.textContent()).resolves.toContain("Growth");
    await checkInValue(page, "Raise activation", "44", /From 35% to 50%/);
    await expect
      .poll(() => activation.locator(".progress-number").first().textContent(), {
        timeout: 10_000,
      })
      .toBe("60%");
    // The outcome shown beside it says the value and the progress now (a measure in percent
    // keeps its value beside its score), not the figure first imported.
    await expect.poll(() => activation.textContent()).toContain("⇒ 44% (60%)");
    await expect(activation.textContent()).resolves.not.toContain("41%");
    await saveScreenshot(page, "property-lines-tree-1280");
    const text = await exportedMarkdown(page, "Raise activation");
    expect(text).toContain(
      "### KR 1.2: Raise activation from 35% to 50%\n\n**Owner**: Growth\n**Current**: 44%\n",
    );
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("imports a key result table's columns as figures, and a check-in lands in its Current cell", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await importPage(page, fixture("kr-table-measures.md"), "Average deal size");
    const deal = page
      .getByRole("tree")
      .getByRole("treeitem")
      .filter({ hasText: "Average deal size" });
    await expect.poll(() => deal.locator(".progress-number").first().textContent()).toBe("25%");
    await checkInValue(page, "Average deal size", "46000", /From \$42,?000 to \$50,?000/);
    await expect
      .poll(() => deal.locator(".progress-number").first().textContent(), { timeout: 10_000 })
      .toBe("50%");
    const text = await exportedMarkdown(page, "Average deal size");
    expect(text).toContain("| | Average deal size | Tomás | $42k | $50k | $46k | 50% |\n");
    // The rest of the table is as it was written.
    expect(text).toContain("| Expand to Japan | | | | | | |\n");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
