/**
 * A page that takes back a check-in it does not know, imported from the web app at desktop and
 * phone width (decisions/0065): the preview names the key result with the app's figure, the
 * page's and the date of the check-in; Apply is refused with nothing changed until the person
 * ticks "Take the page's figures anyway", and then the tree shows the page's figure.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const TITLE = "Renew the top accounts";

/** A quarter page: one objective, one key result at the given figure. */
function quarterPage(label: string, start: string, end: string, figure: string): string {
  return [
    "---",
    `title: ${label} OKRs`,
    `period: ${label}`,
    `start: ${start}`,
    `end: ${end}`,
    "---",
    "",
    "1. **CEO: Keep our customers.**",
    `    1. Customer Success KR: ${TITLE} => ${figure}`,
  ].join("\n");
}

interface Tree {
  roots: { keyResults: { keyResult: { id: string; progress: number | null } }[] }[];
}

async function keyResultOf(page: Page, periodId: string) {
  const tree = await api<Tree>(page, "GET", `/api/periods/${periodId}/tree`);
  const found = tree.roots[0]?.keyResults[0]?.keyResult;
  if (!found) throw new Error("the imported key result is not in the tree");
  return found;
}

describe.skipIf(!chromiumPath)("importing a page that takes back a check-in", () => {
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
    ["desktop", DESKTOP, 2040],
    ["phone", PHONE, 2041],
  ] as const) {
    it(`names the check-in, refuses, and takes the page's figures when told to (${name})`, async () => {
      const { page, context } = await harness.newPage(viewport);
      await signIn(page, harness.url);
      const label = `FY${String(year + 1).slice(2)}-Q1`;
      const pageAt = (figure: string) =>
        quarterPage(label, `${year}-02-01`, `${year}-04-30`, figure);
      const { periodId } = await api<{ periodId: string }>(page, "POST", "/api/import/apply", {
        markdown: pageAt("70%"),
      });
      const kr = await keyResultOf(page, periodId);
      expect(kr.progress).toBeCloseTo(0.7);
      // Someone copies the page when the key result stands at 80%; the app moves on to 95%.
      await api(page, "POST", `/api/key-results/${kr.id}/check-ins`, { progress: 0.8 });
      const older = pageAt("80%");
      const latest = await api<{ checkIn: { createdAt: string } }>(
        page,
        "POST",
        `/api/key-results/${kr.id}/check-ins`,
        { progress: 0.95 },
      );
      const checkedIn = new Date(latest.checkIn.createdAt).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        timeZone: "UTC",
      });

      // The older page again: the preview names the key result it would take back.
      await openFromMenu(page, "Import & export");
      await page.getByLabel("Markdown", { exact: true }).fill(older);
      await page.getByRole("button", { name: "Preview" }).click();
      const choices = page.getByRole("group", { name: "Before you apply" });
      const takenBack = choices.getByRole("region", {
        name: "The page would take back 1 check-in",
      });
      await takenBack.waitFor();
      const named = takenBack.getByRole("listitem");
      await expect(named.textContent()).resolves.toBe(
        `Line 9: Customer Success: ${TITLE}. In the app 95%, on the page 80%; the page does not know the check-in of ${checkedIn}.`,
      );
      const force = choices.getByRole("checkbox", { name: /Take the page's figures anyway/ });
      await expect(force.isChecked()).resolves.toBe(false);
      if (viewport === PHONE) expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `import-taken-back-${name}`);

      // Apply without the box: refused, in words, and nothing changed.
      await page.getByRole("button", { name: "Apply import" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain(
        "the page would take back a check-in it does not know (line 9",
      );
      expect((await keyResultOf(page, periodId)).progress).toBeCloseTo(0.95);

      // With the box ticked (from the keyboard), the page's figure is taken.
      await force.focus();
      await page.keyboard.press("Space");
      await expect(force.isChecked()).resolves.toBe(true);
      await page.getByRole("button", { name: "Apply import" }).click();
      const done = page.getByRole("status").filter({ hasText: "Imported" });
      await done.waitFor();
      await expect(done.textContent()).resolves.toContain("1 updated");
      await expect(refusal.count()).resolves.toBe(0);
      await done.getByRole("link", { name: "See the tree" }).click();
      const row = page.locator(".tree-row.kr", { hasText: TITLE });
      await row.getByRole("progressbar").first().waitFor();
      await expect(
        row.getByRole("progressbar").first().getAttribute("aria-valuetext"),
      ).resolves.toBe("80%");
      expect((await keyResultOf(page, periodId)).progress).toBeCloseTo(0.8);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    });
  }
});
