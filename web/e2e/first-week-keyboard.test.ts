/**
 * A new user's first week by keyboard: focus comes back to what opened the check-in dialog (or
 * stays in the page when that is gone), stays on the password after a refused sign-in, the skip
 * link stays on the page, the review has a page heading, the tree's filters survive going back
 * and reloading, and a new team's retrospective starts on Good and can be cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Created, focused, startFirstWeek } from "./first-week-support.js";
import { ADMIN, api, findChromium, type Harness, pageProblems, signIn, WIDTHS } from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

describe.skipIf(!chromiumPath)("a new user's first week, by keyboard", () => {
  let harness: Harness;
  let periodId: string;

  beforeAll(async () => {
    ({ harness, periodId } = await startFirstWeek());
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(WIDTHS)("gives focus back to Check in when the dialog closes (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}`);
    const name = "Check in: Grow weekly active teams from 10 to 50";
    const button = page.getByRole("button", { name });
    const dialog = page.getByRole("dialog");

    await button.focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => focused(page)).toBe(name);

    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => focused(page)).toBe(name);

    await page.keyboard.press("Enter");
    await dialog.getByLabel("Value").fill("30");
    await dialog.getByRole("button", { name: "Save check-in" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("treeitem").filter({ hasText: "50%" }).first().waitFor();
    await expect.poll(() => focused(page)).toBe(name);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("keeps focus in the page when a check-in leaves My OKRs' waiting list", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const session = await api<{ user: { id: string } }>(page, "GET", "/api/session");
    const people = await api<{ people: { id: string; name: string }[] }>(
      page,
      "GET",
      "/api/people",
    );
    const maren = people.people.find((p) => p.name === "Maren Holt");
    await api(page, "PATCH", `/api/users/${session.user.id}`, { personId: maren?.id });
    // A period of its own that has begun: what waits for a check-in is in periods under way.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const ownPeriod = await api<Created>(page, "POST", "/api/periods", {
      label: "First-week sprint",
      start: day(-3),
      end: day(30),
    });
    const objective = await api<Created>(page, "POST", "/api/objectives", {
      periodId: ownPeriod.id,
      title: "Hear from every new customer",
    });
    await api(page, "POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Call 20 new customers",
      kind: "metric",
      start: 0,
      target: 20,
      owner: "Maren Holt",
    });
    await page.goto(`${harness.url}/#/me`);
    const name = "Check in: Call 20 new customers";
    const button = page.getByRole("button", { name });
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Value").fill("5");
    await dialog.getByRole("button", { name: "Save check-in" }).click();
    await dialog.waitFor({ state: "detached" });
    await button.waitFor({ state: "detached" });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("main") !== null))
      .toBe(true);
    await api(page, "PATCH", `/api/users/${session.user.id}`, { personId: null });
    await context.close();
  });

  it("leaves focus on the password after a refused sign-in", async () => {
    const { page, context } = await harness.newPage();
    await page.goto(harness.url);
    await page.getByLabel("Email").fill(ADMIN.email);
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
    await expect.poll(() => password.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.locator("header.app-header").waitFor();
    await context.close();
  });

  it("skips to the content without leaving the page", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/dashboard`);
    await page.getByRole("heading", { name: /Dashboard/ }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(page.url()).toContain(`#/periods/${periodId}/dashboard`);
    await page.getByRole("heading", { name: /Dashboard/ }).waitFor();
    expect(await page.getByRole("heading", { name: "Not found" }).count()).toBe(0);
    await context.close();
  });

  it("gives the quarterly review a page heading", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/review`);
    await page.getByRole("heading", { level: 1, name: "Quarterly review of 2027-Q3" }).waitFor();
    await context.close();
  });

  it("keeps the tree's filters when going back and reloading", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    const all = await tree.getByRole("treeitem").count();
    await page.getByLabel("Search", { exact: true }).fill("cache");
    await page.getByLabel("Health").selectOption({ label: "At risk" });
    await expect.poll(() => tree.getByRole("treeitem").count()).toBeLessThan(all);
    const filtered = await tree.getByRole("treeitem").allInnerTexts();

    await tree.getByRole("treeitem").first().locator(".title-link").click();
    await expect.poll(() => page.url()).toMatch(/#\/(objectives|key-results)\//);
    await page.goBack();
    await tree.getByRole("treeitem").first().waitFor();
    expect(await page.getByLabel("Search", { exact: true }).inputValue()).toBe("cache");
    expect(await page.getByLabel("Health").inputValue()).toBe("at_risk");
    await expect.poll(() => tree.getByRole("treeitem").allInnerTexts()).toEqual(filtered);

    await page.reload();
    await tree.getByRole("treeitem").first().waitFor();
    expect(await page.getByLabel("Search", { exact: true }).inputValue()).toBe("cache");
    await expect.poll(() => tree.getByRole("treeitem").allInnerTexts()).toEqual(filtered);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => tree.getByRole("treeitem").count()).toBe(all);
    await page.reload();
    await tree.getByRole("treeitem").first().waitFor();
    await expect.poll(() => tree.getByRole("treeitem").count()).toBe(all);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("drops a new team's retrospective on Cancel and starts it on Good", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/retrospectives`);
    await page.getByLabel("Team", { exact: true }).fill("Web");
    await page.getByRole("button", { name: "Add a team's retrospective" }).click();
    const card = page.locator("section.retro").filter({ hasText: "Web" });
    await card.waitFor();
    const good = card.getByLabel("Good (one per line)");
    await expect.poll(() => good.evaluate((e) => e === document.activeElement)).toBe(true);
    await card.getByRole("button", { name: "Cancel" }).click();
    await card.waitFor({ state: "detached" });
    await page.getByText("No retrospective for this period yet.").waitFor();
    await context.close();
  });
});
