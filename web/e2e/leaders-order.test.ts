/**
 * A team lead putting next quarter's OKRs in order: from an item's page, Move up and Move down
 * place an objective or a key result among its siblings, by keyboard, and the tree shows the
 * new order without a reload. A lead who may not see a confidential objective moves theirs past
 * the ones they see, and the hidden one keeps its place for insiders.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { focused } from "./first-week-support.js";
import { api, findChromium, type Harness, pageProblems, signIn } from "./harness.js";
import { signInAs, startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Created {
  id: string;
  version: number;
}

const LEAD = { name: "Lena Lead", email: "lena@example.com", password: "lead password 1" };

/**
 * A button once it is available. Waits for the page's own reads (the item, then its period's
 * tree) however long they take here, instead of a fixed second.
 */
function available(page: Page, name: string) {
  return page.getByRole("button", { name, disabled: false });
}

/** The objectives' titles at the top of the tree, in the order the tree shows them. */
function topLevelTitles(page: Page): Promise<string[]> {
  return page
    .locator('[role="treeitem"][aria-level="1"] .title-link')
    .evaluateAll((cells) => cells.map((cell) => cell.textContent?.trim() ?? ""));
}

describe.skipIf(!chromiumPath)("a team lead orders next quarter's OKRs", () => {
  let harness: Harness;
  let periodId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startApp({ exampleData: false });
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    periodId = (await api<Created>(page, "POST", "/api/periods", { label: "2027-Q2" })).id;
    for (const [key, title, confidential] of [
      ["grow", "Grow revenue", false],
      ["secret", "Quietly buy a competitor", true],
      ["hire", "Hire a support team", false],
      ["berlin", "Open the Berlin office", false],
    ] as const) {
      ids[key] = (
        await api<Created>(page, "POST", "/api/objectives", { periodId, title, confidential })
      ).id;
    }
    for (const title of ["Sign 20 customers", "Keep churn under 2%"]) {
      ids[title] = (
        await api<Created>(page, "POST", "/api/key-results", {
          objectiveId: ids.grow,
          title,
          kind: "metric",
          start: 0,
          target: 20,
        })
      ).id;
    }
    await api(page, "POST", "/api/users", { ...LEAD, role: "editor" });
    await context.close();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("moves an objective up and down past the objectives the lead sees, by keyboard", async () => {
    const { page, context } = await harness.newPage();
    await signInAs(page, harness.url, LEAD.email, LEAD.password);
    await page.goto(`${harness.url}/#/periods/${periodId}`);
    await expect
      .poll(() => topLevelTitles(page))
      .toEqual(["Grow revenue", "Hire a support team", "Open the Berlin office"]);

    await page.goto(`${harness.url}/#/objectives/${ids.berlin}`);
    const up = page.getByRole("button", { name: "Move up" });
    const down = page.getByRole("button", { name: "Move down" });
    // Both buttons are unavailable until the page has read the objective's place; then the
    // last one can move up and not down.
    await available(page, "Move up").waitFor();
    expect(await down.isDisabled()).toBe(true);
    await up.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Moved up: 2nd of 3.").waitFor();
    await expect.poll(() => focused(page)).toBe("Move up");
    // Greyed while the page reads the new order, then available again, focus kept.
    await available(page, "Move up").waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Moved up: 1st of 3.").waitFor();
    await expect.poll(() => up.isDisabled()).toBe(true);
    // It looks unavailable too, not only to a screen reader.
    expect(await up.evaluate((button) => getComputedStyle(button).opacity)).not.toBe("1");
    await available(page, "Move down").waitFor();
    await down.click();
    await page.getByRole("status").getByText("Moved down: 2nd of 3.").waitFor();

    await page.getByRole("link", { name: "2027-Q2" }).click();
    await expect
      .poll(() => topLevelTitles(page))
      .toEqual(["Grow revenue", "Open the Berlin office", "Hire a support team"]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();

    // An insider sees the hidden objective where it was, and the lead's order around it.
    const admin = await harness.newPage();
    await signIn(admin.page, harness.url);
    await admin.page.goto(`${harness.url}/#/periods/${periodId}`);
    await expect
      .poll(() => topLevelTitles(admin.page))
      .toEqual([
        "Grow revenue",
        "Quietly buy a competitor",
        "Open the Berlin office",
        "Hire a support team",
      ]);
    await admin.context.close();
  });

  it("moves a key result up among its objective's key results", async () => {
    const { page, context } = await harness.newPage();
    await signInAs(page, harness.url, LEAD.email, LEAD.password);
    await page.goto(`${harness.url}/#/key-results/${ids["Keep churn under 2%"]}`);
    const up = page.getByRole("button", { name: "Move up" });
    // Available once the page has read the key result's place.
    await available(page, "Move up").waitFor();
    await up.click();
    await page.getByRole("status").getByText("Moved up: 1st of 2.").waitFor();
    await page.goto(`${harness.url}/#/objectives/${ids.grow}`);
    const children = page.locator(".child-list li a");
    await expect
      .poll(() => children.allTextContents())
      .toEqual(["Keep churn under 2%", "Sign 20 customers"]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
