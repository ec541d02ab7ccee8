/**
 * The alignment map with the example company, at desktop and phone width: search jumps to a
 * card, the owner and team filters dim the rest, a card dragged onto another objective or key
 * result is re-aligned (the tree then shows it there) and undone, a viewer's drag is refused
 * and the card snaps back, and the map is used with the keyboard alone.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  DESKTOP,
  findChromium,
  type Harness,
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

const MARKETING = "Make Fernhill the CI people recommend";
const ENGINEERING = "Cut the time developers wait on CI";
const SDR_WEST = "Reach every team that crosses 40 active users";
const SDR_KR = "Contact 100% of those accounts within 3 working days";
const SALES_DEVELOPMENT = "Turn free-tier growth into conversations";
const PLATFORM = "Make the build cache hit more often";
const CACHE = "Ship content-addressed cache v2";

interface ObjectiveAnswer {
  id: string;
  parentObjectiveId: string | null;
  parentKeyResultId: string | null;
}

function card(page: Page, title: string): Locator {
  return page.locator("article.map-card").filter({ hasText: title });
}

async function openMap(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Alignment map" }).click();
  await page.getByRole("region", { name: /Alignment map/ }).waitFor();
  await card(page, MARKETING).waitFor();
}

/** Drags the card by its head and drops it on `target` (a point inside it, from its top). */
async function drag(page: Page, source: Locator, target: Locator, fromTop = 14): Promise<void> {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("a card to drag is not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(
      from.x + from.width / 2 + ((to.x + to.width / 2 - (from.x + from.width / 2)) * i) / steps,
      from.y + 12 + ((to.y + fromTop - (from.y + 12)) * i) / steps,
    );
  }
  await page.mouse.up();
}

async function objective(page: Page, id: string): Promise<ObjectiveAnswer> {
  return api<ObjectiveAnswer>(page, "GET", `/api/objectives/${id}`);
}

/** Is the element's centre within `slack` px of the map viewport's centre? */
async function isCentred(page: Page, locator: Locator, slack = 80): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = await page.getByRole("region", { name: /Alignment map/ }).boundingBox();
  if (!box || !viewport) return false;
  const dx = box.x + box.width / 2 - (viewport.x + viewport.width / 2);
  return Math.abs(dx) <= slack && box.y >= viewport.y && box.y < viewport.y + viewport.height;
}

/** Where a card is drawn within the map (the page around it may shift as messages appear). */
async function placeInMap(page: Page, locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  const viewport = await page.getByRole("region", { name: /Alignment map/ }).boundingBox();
  if (!box || !viewport) throw new Error("the card or the map is not on screen");
  return { x: Math.round(box.x - viewport.x), y: Math.round(box.y - viewport.y) };
}

describe.skipIf(!chromiumPath)("the alignment map with the example company", () => {
  let harness: Harness;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: true, webRoot });
    await createAdminViaApi(harness.url);
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await api(page, "POST", "/api/users", {
      email: "vera@example.com",
      name: "Vera Viewer",
      role: "viewer",
      insider: false,
      password: "viewer password 3",
    });
    await context.close();
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it.each(WIDTHS)("finds, filters, re-aligns and undoes at %s width", async (name, viewport) => {
    const { page, context } = await harness.newPage(viewport);
    await signIn(page, harness.url);
    await openMap(page);
    const phone = name === "phone";
    expect(await overflowsHorizontally(page)).toBe(false);

    // Search: Enter jumps to the card, centred and focused.
    await page.getByLabel("Find a card").fill("cache v2");
    await page.getByLabel("Find a card").press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""))
      .toContain(CACHE);
    expect(await isCentred(page, card(page, CACHE))).toBe(true);
    await expect.poll(() => page.locator(".map-status").textContent()).toContain("1 of 1");

    // Filter by owner: the owner's cards stay lit, the rest are dimmed.
    const platform = card(page, PLATFORM);
    await page.getByLabel("Owner", { exact: true }).selectOption("Director of Platform");
    await expect.poll(() => card(page, CACHE).getAttribute("class")).toContain("dimmed");
    expect(await platform.getAttribute("class")).not.toContain("dimmed");
    await expect
      .poll(() => page.locator(".map-status").textContent())
      .toContain("1 of 15 cards match");
    // By team, through the owner model: Build Cache is a team within Platform; VP Engineering's
    // card is Engineering's, above it.
    await page.getByLabel("Owner", { exact: true }).selectOption("");
    await page.getByLabel("Team", { exact: true }).selectOption("Platform");
    await expect.poll(() => card(page, CACHE).getAttribute("class")).not.toContain("dimmed");
    expect(await platform.getAttribute("class")).not.toContain("dimmed");
    expect(await card(page, ENGINEERING).getAttribute("class")).toContain("dimmed");
    await saveScreenshot(page, `map-filter-${name}`);
    await page.getByLabel("Team", { exact: true }).selectOption("");

    // Drag as an editor: at desktop onto an objective's card, at phone onto a key result.
    const moving = card(page, MARKETING);
    await page.getByLabel("Find a card").fill("recommend");
    await page.getByLabel("Find a card").press("Enter");
    await expect.poll(() => isCentred(page, moving)).toBe(true);
    const id = (await moving.getAttribute("data-card-id")) as string;
    const before = await objective(page, id);
    const target = phone
      ? card(page, SDR_WEST).locator("li", { hasText: SDR_KR })
      : card(page, ENGINEERING);
    if (!phone) await page.getByRole("button", { name: "Fit" }).click();
    await drag(page, moving, target, phone ? 8 : 20);
    await expect.poll(() => page.locator(".map-status").textContent()).toContain("Aligned");
    const moved = await objective(page, id);
    if (phone) {
      const krId = await target.getAttribute("data-drop-key-result");
      expect(moved.parentKeyResultId).toBe(krId);
    } else {
      expect(moved.parentObjectiveId).toBe(
        await card(page, ENGINEERING).getAttribute("data-card-id"),
      );
      expect(moved.parentKeyResultId).toBeNull();
    }
    await saveScreenshot(page, `map-realigned-${name}`);

    // The tree shows it under its new parent: the row just above it on the path.
    const treePage = await context.newPage();
    await treePage.goto(page.url().replace(/\/map$/, ""));
    await treePage.getByLabel("Search").fill("recommend");
    const rows = treePage.getByRole("tree").getByRole("treeitem");
    await expect.poll(() => rows.last().textContent()).toContain(MARKETING);
    const texts = await rows.allTextContents();
    expect(texts[texts.length - 2]).toContain(phone ? SDR_KR : ENGINEERING);
    await treePage.close();

    // Undo puts it back where it was.
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.locator(".map-status").textContent()).toContain("Undone");
    const restored = await objective(page, id);
    expect(restored.parentObjectiveId).toBe(before.parentObjectiveId);
    expect(restored.parentKeyResultId).toBe(before.parentKeyResultId);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)(
    "refuses a viewer's drag at %s width and the card snaps back",
    async (name, viewport) => {
      const { page, context } = await harness.newPage(viewport);
      await page.goto(harness.url);
      await page.getByLabel("Email").fill("vera@example.com");
      await page.getByLabel("Password").fill("viewer password 3");
      await page.getByRole("button", { name: "Sign in" }).click();
      await openMap(page);
      const moving = card(page, SALES_DEVELOPMENT);
      const id = (await moving.getAttribute("data-card-id")) as string;
      const before = await objective(page, id);
      const target = card(page, "Build a pipeline that covers");
      await page.getByLabel("Find a card").fill("Build a pipeline");
      await page.getByLabel("Find a card").press("Enter");
      await expect.poll(() => isCentred(page, target)).toBe(true);
      const box = await placeInMap(page, moving);
      await drag(page, moving, target);
      const alert = page.getByRole("alert");
      await expect.poll(() => alert.textContent()).toMatch(/was not moved: .*viewer/i);
      expect(await alert.textContent()).toContain(SALES_DEVELOPMENT);
      expect(await placeInMap(page, moving)).toEqual(box);
      const after = await objective(page, id);
      expect(after.parentKeyResultId).toBe(before.parentKeyResultId);
      expect(after.parentObjectiveId).toBe(before.parentObjectiveId);
      await saveScreenshot(page, `map-refused-${name}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it("is used with the keyboard alone: Tab through cards, arrows pan, + zooms, Enter opens", async () => {
    const { page, context } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    await openMap(page);
    const map = page.getByRole("region", { name: /Alignment map/ });
    const transform = () =>
      page.locator(".map-world").evaluate((el) => (el as HTMLElement).style.transform);
    await map.focus();
    const start = await transform();
    await page.keyboard.press("ArrowRight");
    await expect.poll(transform).not.toBe(start);
    const zoom = Number(await map.getAttribute("data-zoom"));
    await page.keyboard.press("+");
    await expect
      .poll(async () => Number(await map.getAttribute("data-zoom")))
      .toBeGreaterThan(zoom);

    // Tab from the map reaches the first card, then the next in reading order.
    const cards = page.locator("article.map-card");
    await cards.first().focus();
    const first = await page.evaluate(
      () => document.activeElement?.getAttribute("aria-label") ?? "",
    );
    expect(first).toContain("Grow recurring revenue");
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""))
      .toContain("Build a pipeline that covers");
    // Space collapses its branch: the cards beneath it leave the map.
    await page.keyboard.press("Space");
    await expect.poll(() => card(page, "Turn free-tier growth").count()).toBe(0);
    await page.keyboard.press("Space");
    await card(page, "Turn free-tier growth").waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL(/#\/objectives\//);
    await page.getByRole("heading", { name: /Build a pipeline that covers/ }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("re-aligns with the keyboard alone at phone width, and undoes it", async () => {
    const { page, context } = await harness.newPage(PHONE);
    await signIn(page, harness.url);
    await openMap(page);
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
    await page.getByLabel("Find a card").fill("recommend");
    await page.getByLabel("Find a card").press("Enter");
    await expect.poll(focused).toContain(MARKETING);
    const id = (await card(page, MARKETING).getAttribute("data-card-id")) as string;
    const before = await objective(page, id);
    await page.keyboard.press("m");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Moving");
    // The card before it in reading order is SDR West's.
    await page.keyboard.press("Shift+Tab");
    await expect.poll(focused).toContain(SDR_WEST);
    const sdrId = await page.evaluate(() => document.activeElement?.getAttribute("data-card-id"));
    await page.keyboard.press("m");
    await expect.poll(() => page.locator(".map-status").textContent()).toContain("Aligned");
    expect((await objective(page, id)).parentObjectiveId).toBe(sdrId);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.locator(".map-status").textContent()).toContain("Undone");
    const restored = await objective(page, id);
    expect(restored.parentObjectiveId).toBe(before.parentObjectiveId);
    expect(restored.parentKeyResultId).toBe(before.parentKeyResultId);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("colours cards by the workspace's grading bands, and follows a change of them", async () => {
    const { page, context } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    await openMap(page);
    const bands = () =>
      page
        .locator("article.map-card")
        .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-band")));
    const before = await bands();
    // Scored cards spread over the default bands; an unscored card has none.
    const coloured = (list: (string | null)[]) => list.filter((b) => b === "yellow" || b === "red");
    expect(coloured(before)).not.toEqual([]);
    const settings = await api<{ grading: unknown }>(page, "GET", "/api/settings");
    await api(page, "PUT", "/api/settings", {
      grading: [{ min: 0, label: "anything counts", color: "green" }],
    });
    try {
      await page.reload();
      await card(page, MARKETING).waitFor();
      await expect.poll(async () => coloured(await bands())).toEqual([]);
      expect((await bands()).filter((band) => band === "green").length).toBeGreaterThan(
        before.filter((band) => band === "green").length,
      );
    } finally {
      await api(page, "PUT", "/api/settings", { grading: settings.grading });
    }
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
