import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Item {
  id: string;
  type: string;
  title: string;
}

describe.skipIf(!chromiumPath)("search, audit log and My OKRs in a real browser", () => {
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

  it("the app and the API documentation run under their Content-Security-Policy", async () => {
    const { page, context } = await harness.newPage();
    const answer = await page.goto(harness.url);
    const policy = answer?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(answer?.headers()["x-content-type-options"]).toBe("nosniff");
    await signIn(page, harness.url);
    await openFromMenu(page, "Search");
    await page.getByRole("heading", { name: "Search", level: 1 }).waitFor();
    // The documentation page's own script (allowed by its hash) renders every operation.
    await page.goto(`${harness.url}/api/docs`);
    await page.locator("details").nth(10).waitFor();
    expect(await page.locator("#meta").textContent()).toContain("OpenAPI");
    // A script or style the policy refused would be a console error here.
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("a link chip with a javascript: URL shows as text, never as a link", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const first = page.getByRole("tree").getByRole("treeitem").first();
    await first.waitFor();
    const id = ((await first.getAttribute("id")) ?? "").replace(/^row-/, "");
    await api(page, "POST", `/api/objectives/${id}/links`, {
      url: "javascript:alert(document.domain)",
      text: "evil chip",
    });
    await page.reload();
    await page.locator(".link-chip", { hasText: "evil chip" }).waitFor();
    expect(await page.locator("a.link-chip", { hasText: "evil chip" }).count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("searches every period for a word and opens the item found", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openFromMenu(page, "Search");
    await page.getByRole("heading", { name: "Search", level: 1 }).waitFor();
    await page.getByLabel("Words").fill("cache");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.locator(".search-results li");
    await results.first().waitFor();
    const titles = await results.locator("a").allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t) => /build cache/i.test(t)).length).toBeGreaterThan(1);
    // More than one period answers: the search is not limited to the current quarter.
    const periods = new Set(
      (await results.locator(".row-figures .muted").allTextContents()).map(
        (t) => t.split(" · ")[0],
      ),
    );
    expect(periods.size).toBeGreaterThan(1);
    expect(page.url()).toMatch(/#\/search\?q=cache/);
    await saveScreenshot(page, "search-1280");

    // A filter narrows it; the first result opens its page.
    await page.getByLabel("Health").selectOption("at_risk");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/health=at_risk/);
    await expect.poll(() => results.count()).toBeLessThan(titles.length);
    await page.getByLabel("Health").selectOption("");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    // Wait for the unfiltered answer (the page keeps the last one while it loads).
    await expect.poll(() => results.locator("a").allTextContents()).toEqual(titles);
    const first = (await results.first().locator("a").textContent()) ?? "";
    await results.first().locator("a").click();
    await expect.poll(() => page.url()).toMatch(/#\/(objectives|key-results)\//);
    await page.getByRole("heading", { level: 1, name: first.trim() }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("shows a check-in in the audit log with what changed", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    const krRow = tree
      .getByRole("treeitem")
      .filter({ has: page.getByRole("button", { name: "Check in" }) })
      .first();
    const krId = ((await krRow.getAttribute("id")) ?? "").replace(/^row-/, "");
    const kr = await api<Item>(page, "GET", `/api/key-results/${krId}`);
    await krRow.getByRole("button", { name: "Check in" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Note").fill("Audited check-in");
    await dialog.getByRole("button", { name: "Save check-in" }).click();
    await dialog.waitFor({ state: "detached" });

    await openFromMenu(page, "Audit log");
    const row = page.locator("tr.audit-row").first();
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).toBe("Ada Admin");
    expect(await row.locator("td").nth(2).textContent()).toBe("Check-in");
    expect(await row.locator("td").nth(3).textContent()).toContain(kr.title);
    await row.locator("summary").click();
    const fields = await row.locator(".diff-table tbody th").allTextContents();
    expect(fields).toContain("lastCheckInAt");
    await saveScreenshot(page, "audit-1280");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("gives the holder of a role title their OKRs with scores, and no audit log", async () => {
    const admin = await harness.newPage();
    await signIn(admin.page, harness.url);
    const { people } = await api<{ people: { id: string; title: string | null }[] }>(
      admin.page,
      "GET",
      "/api/people",
    );
    const vpSales = people.find((p) => p.title === "VP Sales");
    expect(vpSales, "the example company has a VP Sales").toBeDefined();
    await api(admin.page, "POST", "/api/users", {
      email: "tobias@example.com",
      name: "Tobias Viewer",
      role: "viewer",
      password: "viewer password 2",
      personId: vpSales?.id,
    });
    await admin.context.close();

    const { page, context } = await harness.newPage();
    await page.goto(harness.url);
    await page.getByLabel("Email").fill("tobias@example.com");
    await page.getByLabel("Password").fill("viewer password 2");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("header.app-header").waitFor();
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Search" }).count()).toBe(1);

    await openFromMenu(page, "My OKRs");
    const owned = page.locator("section[aria-labelledby=owned-heading] li");
    await owned.first().waitFor();
    const objectiveRows = owned.filter({ has: page.locator(".kind-tag.objective") });
    expect(await objectiveRows.count()).toBeGreaterThan(0);
    const scores = await objectiveRows.locator(".score").allTextContents();
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => /^\d\.\d\d$/.test(s))).toBe(true);

    // The role's key results are this viewer's to check in on.
    const mine = await api<{ keyResults: Item[] }>(page, "GET", "/api/me/okrs");
    const first = mine.keyResults[0];
    expect(first, "VP Sales owns key results this quarter").toBeDefined();
    const answer = await api<{ checkIn: { note: string | null } }>(
      page,
      "POST",
      `/api/key-results/${first?.id}/check-ins`,
      { note: "Checked in by the VP Sales" },
    );
    expect(answer.checkIn.note).toBe("Checked in by the VP Sales");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("tells how many days ago an at-risk key result was last checked in", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    await openFromMenu(page, "Dashboard");
    const atRisk = page.locator("section[aria-labelledby=at-risk-heading] li");
    await atRisk.first().waitFor();
    const texts = await atRisk.locator(".last-check-in").allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(
      texts.every((t) =>
        /^last check-in (just now|\d+ minutes? ago|\d+ hours? ago|yesterday|\d+ days ago)$|^never/.test(
          t,
        ),
      ),
    ).toBe(true);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("fits search, audit log and dashboard in a phone's width", async () => {
    const { page, context } = await harness.newPage(PHONE);
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    const periodPath = new URL(page.url()).hash.slice(1);
    const pages: [string, string, string][] = [
      ["search", "/search?q=cache", "Search"],
      ["audit", "/audit", "Audit log"],
      ["dashboard", `${periodPath}/dashboard`, "At risk"],
    ];
    for (const [name, path, heading] of pages) {
      await page.goto(`${harness.url}/#${path}`);
      await page.getByRole("heading", { name: heading }).first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await overflowsHorizontally(page), `${name} is wider than ${PHONE.width}px`).toBe(
        false,
      );
      await saveScreenshot(page, `${name}-phone-390`);
    }
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
