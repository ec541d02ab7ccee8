/**
 * Rough edges a new user met in the tree and around it, each checked at desktop and phone width:
 * the check-in dialog's focus, check-in times in words, signing out quietly, bar colours, the
 * "Move under" list, tree titles as links, whole period labels, and carrying over.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  api,
  buildWebApp,
  createAdminViaApi,
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
  WIDTHS,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface KeyResult {
  id: string;
  title: string;
  kind: string;
  periodId: string;
  objectiveId: string;
  status: string | null;
  carriedToId: string | null;
}

const rowIdOf = async (row: Locator) => ((await row.getAttribute("id")) ?? "").replace(/^row-/, "");

/** The tree's key result rows that offer a check-in. */
function checkInRows(page: Page): Locator {
  return page
    .getByRole("tree")
    .getByRole("treeitem")
    .filter({ has: page.getByRole("button", { name: /^Check in/ }) });
}

describe.skipIf(!chromiumPath)("rough edges of the tree, at desktop and phone width", () => {
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

  it.each(WIDTHS)("opens the check-in dialog on Value, ready to type (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    const rows = checkInRows(page);
    await rows.first().waitFor();
    // A key result measured by a value (not a milestone's checkbox).
    let row: Locator | undefined;
    for (let i = 0; i < (await rows.count()) && !row; i++) {
      const kr = await api<KeyResult>(
        page,
        "GET",
        `/api/key-results/${await rowIdOf(rows.nth(i))}`,
      );
      if (kr.kind === "metric" || kr.kind === "threshold") row = rows.nth(i);
    }
    if (!row) throw new Error("the example company has a metric key result in its tree");
    await row.locator(".row-figures").click({ position: { x: 2, y: 2 } });
    await page.keyboard.press("c");
    const dialog = page.getByRole("dialog");
    const value = dialog.getByLabel("Value", { exact: true });
    await value.waitFor();
    await expect.poll(() => value.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("42");
    expect(await value.inputValue()).toBe("42");
    await saveScreenshot(page, `check-in-dialog-${size.width}`);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)("says a check-in was 22 hours ago, or yesterday (%s)", async (_, size) => {
    const setup = await harness.newPage(size);
    await signIn(setup.page, harness.url);
    const rows = checkInRows(setup.page);
    await rows.first().waitFor();
    const krId = await rowIdOf(rows.nth(size === PHONE ? 1 : 0));
    const kr = await api<KeyResult>(setup.page, "GET", `/api/key-results/${krId}`);
    const { checkIn } = await api<{ checkIn: { createdAt: string } }>(
      setup.page,
      "POST",
      `/api/key-results/${krId}/check-ins`,
      { health: "at_risk", note: "Slipping" },
    );
    await setup.context.close();

    // The reader's clock: 22 hours later, then late on the next calendar day.
    const context = await harness.browser.newContext({
      viewport: size,
      baseURL: harness.url,
      timezoneId: "UTC",
    });
    const page = await context.newPage();
    const at = new Date(checkIn.createdAt);
    await page.clock.setFixedTime(new Date(at.getTime() + 22 * 3_600_000));
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${kr.periodId}/dashboard`);
    const item = page
      .locator("section[aria-labelledby=at-risk-heading] li")
      .filter({ has: page.locator(`a[href="#/key-results/${krId}"]`) });
    await expect
      .poll(() => item.locator(".last-check-in").textContent())
      .toBe("last check-in 22 hours ago");
    // The last millisecond of the next day (UTC): a calendar day later, and at least 24 hours.
    const nextEvening = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 2) - 1;
    await page.clock.setFixedTime(new Date(nextEvening));
    await page.reload();
    await expect
      .poll(() => item.locator(".last-check-in").textContent())
      .toBe("last check-in yesterday");
    await context.close();
  });

  it.each(WIDTHS)("signs out without a single 401 (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    await page.waitForLoadState("networkidle");
    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 401) refused.push(response.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    const menu = page.getByRole("button", { name: "Menu" });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await page.waitForLoadState("networkidle");
    expect(refused).toEqual([]);
    // Signing in again lands on the tree.
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    expect(refused).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)(
    "colours a bar like its health badge: 67%% on track is green (%s)",
    async (_, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      const rows = checkInRows(page);
      await rows.first().waitFor();
      const parent = await api<KeyResult>(
        page,
        "GET",
        `/api/key-results/${await rowIdOf(rows.first())}`,
      );
      const created = await api<KeyResult>(page, "POST", "/api/key-results", {
        objectiveId: parent.objectiveId,
        title: `Two thirds there ${size.width}`,
        kind: "percentage",
      });
      await api(page, "POST", `/api/key-results/${created.id}/check-ins`, {
        progress: 0.67,
        health: "on_track",
      });
      await page.reload();
      await page.getByLabel("Search").fill(`Two thirds there ${size.width}`);
      const row = page.locator(`#row-${created.id}`);
      await row.waitFor();
      expect(await row.locator(".progress-number").textContent()).toBe("67%");
      expect(await row.locator(".badge.health-on_track").textContent()).toContain("On track");
      const colours = await row.evaluate((el) => {
        const fill = el.querySelector(".progress-fill") as HTMLElement;
        const probe = document.createElement("span");
        probe.style.color = "var(--green)";
        el.append(probe);
        const green = getComputedStyle(probe).color;
        probe.remove();
        return { fill: getComputedStyle(fill).backgroundColor, green };
      });
      expect(colours.fill).toBe(colours.green);
      // Every key result row in view agrees with its badge.
      const bands = { on_track: "band-green", needs_attention: "band-yellow", at_risk: "band-red" };
      await page.getByLabel("Search").fill("");
      for (const [health, band] of Object.entries(bands)) {
        const withBadge = page.locator(`.tree-row.kr:has(.badge.health-${health})`);
        const fills = await withBadge
          .locator(".progress-fill")
          .evaluateAll((els) => els.map((e) => e.className));
        expect(
          fills.every((c) => c.includes(band)),
          `${health} rows: ${fills.join(", ")}`,
        ).toBe(true);
      }
      await saveScreenshot(page, `tree-health-bars-${size.width}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)("makes tree titles real links that open in a new tab (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    const row = page.getByRole("tree").getByRole("treeitem").first();
    await row.waitFor();
    const link = row.locator("a.title-link");
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toBe(`#/objectives/${await rowIdOf(row)}`);
    const treeUrl = page.url();
    const [opened] = await Promise.all([
      context.waitForEvent("page"),
      link.click({ modifiers: ["Control"] }),
    ]);
    await opened.waitForURL(`**/${href}`);
    await opened.getByRole("heading", { level: 1 }).waitFor();
    expect(page.url()).toBe(treeUrl);
    // A plain click opens the item here.
    await link.click();
    await expect.poll(() => page.url()).toContain(href);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)("keeps the tree's indentation in the Move list (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    // Objectives in view with their level in the tree.
    const objectives = await tree.locator(".tree-row.objective").evaluateAll((rows) =>
      rows.map((r) => ({
        level: Number(r.getAttribute("aria-level")),
        title: (r.querySelector(".title-link")?.textContent ?? "")
          .replace(/^[^:]*: /, "")
          .slice(0, 30),
      })),
    );
    const deep = objectives.find((o) => o.level >= 3);
    const top = objectives.find((o) => o.level === 1);
    if (!deep || !top) throw new Error("the example tree has aligned objectives below key results");
    const krRow = checkInRows(page).first();
    await page.goto(`${harness.url}/#/key-results/${await rowIdOf(krRow)}`);
    const select = page.getByLabel("Move to objective");
    await select.waitFor();
    // The list fills once the period's tree has loaded.
    await expect.poll(() => select.locator("option").count()).toBeGreaterThan(2);
    const options = await select.locator("option").allTextContents();
    const indentOf = (title: string) => {
      const option = options.find((o) => o.includes(title));
      if (!option) throw new Error(`no option for ${title}`);
      return (/^\u00a0*/.exec(option)?.[0].length ?? 0) / 3;
    };
    expect(indentOf(top.title)).toBe(0);
    expect(indentOf(deep.title)).toBe(deep.level - 1);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)("shows whole period labels in the switcher (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    const room = await page.locator(".period-switcher select").evaluate((select) => {
      const style = getComputedStyle(select);
      const canvas = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const widest = Math.max(
        ...[...(select as HTMLSelectElement).options].map((o) => canvas.measureText(o.text).width),
      );
      const inner =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { widest, inner, count: (select as HTMLSelectElement).options.length };
    });
    expect(room.count).toBeGreaterThan(2);
    // The text plus the arrow (at least 16px) fits.
    expect(room.inner - 16).toBeGreaterThanOrEqual(room.widest);
    expect(await overflowsHorizontally(page)).toBe(false);
    await saveScreenshot(page, `period-switcher-${size.width}`);
    await context.close();
  });

  it.each(WIDTHS)(
    "moves switcher, breadcrumb and title to the quarter carried into (%s)",
    async (_, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      const rows = checkInRows(page);
      await rows.first().waitFor();
      let kr: KeyResult | undefined;
      for (let i = 0; i < (await rows.count()) && !kr; i++) {
        const found = await api<KeyResult>(
          page,
          "GET",
          `/api/key-results/${await rowIdOf(rows.nth(i))}`,
        );
        if (
          !found.carriedToId &&
          !["done", "missed", "carried_over", "cancelled"].includes(found.status ?? "")
        )
          kr = found;
      }
      if (!kr) throw new Error("an unfinished key result to carry over");
      const from = await api<{ label: string }>(page, "GET", `/api/periods/${kr.periodId}`);
      await page.goto(`${harness.url}/#/key-results/${kr.id}`);
      await page.getByRole("button", { name: "Carry over to next period" }).click();
      await expect.poll(() => page.url()).not.toContain(kr.id);
      const newId = page.url().split("/").pop() ?? "";
      const carried = await api<KeyResult>(page, "GET", `/api/key-results/${newId}`);
      const to = await api<{ label: string }>(page, "GET", `/api/periods/${carried.periodId}`);
      expect(to.label).not.toBe(from.label);
      const breadcrumb = page
        .getByRole("navigation", { name: "Breadcrumb" })
        .getByRole("link")
        .first();
      await expect.poll(() => breadcrumb.textContent()).toBe(to.label);
      const switcher = page.locator(".period-switcher select");
      await expect
        .poll(() => switcher.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text))
        .toBe(to.label);
      await expect.poll(() => page.title()).toContain(to.label);
      await saveScreenshot(page, `carried-over-${size.width}`);
      // The tree link goes to the new quarter too.
      await openFromMenu(page, "Tree");
      await expect.poll(() => page.url()).toContain(`/periods/${carried.periodId}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );
});
