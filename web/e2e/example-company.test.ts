/**
 * The example company: its current quarter as a tree with scores, a check-in in two clicks,
 * keyboard navigation, an edit conflict explained, and every main page at desktop and phone
 * width (screenshots in test-results/screenshots/).
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

async function checkInCount(page: Page, keyResultId: string): Promise<number> {
  const answer = await api<unknown>(page, "GET", `/api/key-results/${keyResultId}/check-ins`);
  if (Array.isArray(answer)) return answer.length;
  const list = Object.values(answer as Record<string, unknown>).find(Array.isArray);
  return (list as unknown[] | undefined)?.length ?? 0;
}

describe.skipIf(!chromiumPath)("the example company in a real browser", () => {
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

  it("shows the current quarter as a tree with scores, and checks in with two clicks", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    expect(page.url()).toMatch(/#\/periods\//);
    const rows = tree.getByRole("treeitem");
    expect(await rows.count()).toBeGreaterThan(5);
    const numbers = await tree.locator(".progress-number").allTextContents();
    expect(numbers.filter((n) => /^\d+%$/.test(n)).length).toBeGreaterThan(3);

    // Two clicks: "Check in" on the row, then "Save check-in" (the form opens filled in).
    const krRow = rows.filter({ has: page.getByRole("button", { name: "Check in" }) }).first();
    const krId = ((await krRow.getAttribute("id")) ?? "").replace(/^row-/, "");
    const before = await checkInCount(page, krId);
    await krRow.getByRole("button", { name: "Check in" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Save check-in" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(() => checkInCount(page, krId)).toBe(before + 1);

    // Keyboard: arrows move, Enter opens.
    await tree.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toMatch(/#\/(objectives|key-results)\//);

    // Search narrows the tree.
    await page.goBack();
    await tree.getByRole("treeitem").first().waitFor();
    const all = await tree.getByRole("treeitem").count();
    const link = rows.nth(1).locator(".title-link");
    const ownerSpan = link.locator(".owner");
    const owner = (await ownerSpan.count()) > 0 ? ((await ownerSpan.textContent()) ?? "") : "";
    const title = ((await link.textContent()) ?? "").slice(owner.length).trim();
    await page.getByLabel("Search").fill(title.slice(0, 24));
    await expect.poll(() => tree.getByRole("treeitem").count()).toBeLessThan(all);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("writes a team's retrospective: GOOD, BAD, TRY", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    await openFromMenu(page, "Retrospectives");
    await page.getByLabel("Team", { exact: true }).fill("Quality");
    await page.getByRole("button", { name: "Add a team's retrospective" }).click();
    const card = page.locator("section.retro").filter({ hasText: "Quality" });
    await card
      .getByLabel("Good (one per line)")
      .fill("Shipped the release on time\nFewer flaky tests");
    await card.getByLabel("Bad (one per line)").fill("Too many meetings");
    await card.getByLabel("Try (one per line)").fill("Async planning");
    await card.getByRole("button", { name: "Save retrospective" }).click();
    await card.getByText("Fewer flaky tests").waitFor();
    await page.reload();
    await page
      .locator("section.retro")
      .filter({ hasText: "Quality" })
      .getByText("Async planning")
      .waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("hides confidential targets from a viewer who is not an insider", async () => {
    const admin = await harness.newPage();
    await signIn(admin.page, harness.url);
    await api(admin.page, "POST", "/api/users", {
      email: "vic@example.com",
      name: "Vic Viewer",
      role: "viewer",
      insider: false,
      password: "viewer password 1",
    });
    // The admin (an insider) sees the confidential marker and the number.
    const adminTree = admin.page.getByRole("tree");
    await adminTree.getByRole("treeitem").first().waitFor();
    expect(await adminTree.getByRole("img", { name: "Confidential" }).count()).toBeGreaterThan(0);
    expect(await adminTree.locator(".placeholder").count()).toBe(0);
    await admin.context.close();

    const { page, context } = await harness.newPage();
    await page.goto(harness.url);
    await page.getByLabel("Email").fill("vic@example.com");
    await page.getByLabel("Password").fill("viewer password 1");
    await page.getByRole("button", { name: "Sign in" }).click();
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    // A placeholder instead of the number, the progress still shown; no check-in buttons.
    const hidden = tree.getByRole("treeitem").filter({ has: page.locator(".placeholder") });
    await hidden.first().waitFor();
    expect(await hidden.first().locator(".progress-number").textContent()).toMatch(/^\d+%$/);
    expect(await tree.getByRole("button", { name: "Check in" }).count()).toBe(0);
    await saveScreenshot(page, "tree-viewer-1280");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("creates an objective and a key result, then carries the objective over", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    const periodLabel =
      (await page.getByRole("heading", { level: 1 }).textContent())?.split(" ")[0] ?? "";

    await page.getByRole("link", { name: "New objective" }).click();
    await page.getByLabel("Title").fill("Make onboarding delightful");
    // The owner picker searches; Enter takes the first match, the role title VP People.
    await page.getByLabel("Owner").fill("VP People");
    await page.getByRole("option", { name: /^VP People/ }).waitFor();
    await page.keyboard.press("Enter");
    await page.getByLabel("Weight").fill("2");
    await page.getByRole("button", { name: "Create objective" }).click();
    await page.getByRole("heading", { name: "Make onboarding delightful" }).waitFor();
    expect(await page.locator(".eyebrow").textContent()).toBe("Objective · VP People");

    await page.getByRole("link", { name: "Add key result" }).click();
    await page.getByLabel("Title").fill("Cut time to first commit from 5 days to 1 day");
    await page.getByLabel("Start", { exact: true }).fill("5");
    await page.getByLabel("Target", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Create key result" }).click();
    await page
      .getByRole("heading", { name: "Cut time to first commit from 5 days to 1 day" })
      .waitFor();
    expect(await page.locator(".facts").textContent()).toContain("5 → 1");
    // A check-in halfway down: progress 50% on a KR that goes down.
    await page.getByLabel("Value", { exact: true }).fill("3");
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect
      .poll(() => page.locator(".head-figures .progress-number").textContent())
      .toBe("50%");

    await page
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Make onboarding delightful" })
      .click();
    await page.getByRole("heading", { name: "Make onboarding delightful" }).waitFor();
    await page.getByRole("button", { name: "Carry over to next period" }).click();
    await expect
      .poll(() => page.getByRole("navigation", { name: "Breadcrumb" }).textContent())
      .not.toContain(periodLabel);
    await page.getByRole("heading", { name: "Make onboarding delightful" }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("shows My OKRs once the account is linked to its person", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    const periodId = new URL(page.url()).hash.split("/")[2] ?? "";
    await openFromMenu(page, "Settings");
    const person = page.getByLabel("Person Ada Admin is");
    await person.waitFor();
    // Someone in a team that owns OKRs this quarter (owners may be people, teams or role titles).
    const people = (
      await api<{ people: { name: string; teamId: string | null }[] }>(page, "GET", "/api/people")
    ).people;
    const teamIds = new Set<string>();
    const tree = await api<{ roots: unknown[] }>(page, "GET", `/api/periods/${periodId}/tree`);
    JSON.stringify(tree, (key, value) => {
      if (key === "owner" && value?.kind === "team" && value.id) teamIds.add(value.id);
      return value;
    });
    const member = people.find((p) => p.teamId !== null && teamIds.has(p.teamId));
    expect(member, "the example company has a team that owns OKRs").toBeDefined();
    await person.selectOption({ label: member?.name ?? "" });
    await expect
      .poll(() =>
        api<{ user: { personId: string | null } }>(page, "GET", "/api/session").then(
          (s) => s.user.personId,
        ),
      )
      .not.toBeNull();
    await openFromMenu(page, "My OKRs");
    const owned = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "What I own" }) });
    await expect.poll(() => owned.locator("li").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, "my-okrs-linked-1280");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("makes an API token whose secret shows once and works", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openFromMenu(page, "Settings");
    await page.getByLabel("Token name").fill("CI reporter");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("New token secret").inputValue();
    expect(secret).toMatch(/^okr_/);
    const answer = await fetch(`${harness.url}/api/periods`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(answer.status).toBe(200);
    await page.reload();
    // In my tokens (an admin sees it again among everyone's).
    await page.locator("#tokens").getByText("CI reporter").waitFor();
    await page.locator("#all-tokens").getByText("CI reporter").waitFor();
    expect(await page.getByLabel("New token secret").count()).toBe(0);
    await context.close();
  });

  for (const [label, viewport] of [
    ["1280", DESKTOP],
    ["390", PHONE],
  ] as const) {
    it(`renders every main page at ${viewport.width}×${viewport.height}`, async () => {
      const { page, context } = await harness.newPage(viewport);
      await page.goto(harness.url);
      await page.getByRole("heading", { name: "Sign in to OKR" }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `sign-in-${label}`);
      await signIn(page, harness.url);
      const tree = page.getByRole("tree");
      await tree.getByRole("treeitem").first().waitFor();
      const periodPath = new URL(page.url()).hash.slice(1);
      const objectiveId = (
        (await tree.locator(".tree-row.objective").first().getAttribute("id")) ?? ""
      ).slice(4);
      const krId = ((await tree.locator(".tree-row.kr").first().getAttribute("id")) ?? "").slice(4);

      const pages: [string, string, string | RegExp][] = [
        ["tree", periodPath, /Q\d/],
        ["objective", `/objectives/${objectiveId}`, /Score/],
        ["key-result", `/key-results/${krId}`, "History"],
        ["dashboard", `${periodPath}/dashboard`, "Company score"],
        ["retrospectives", `${periodPath}/retrospectives`, "Retrospectives"],
        ["my-okrs", "/me", "What I own"],
        ["import-export", "/import", "Import a handbook page"],
        ["settings", "/settings", "Fiscal calendar and scoring"],
      ];
      for (const [name, path, heading] of pages) {
        await page.goto(`${harness.url}/#${path}`);
        await page.getByRole("heading", { name: heading }).first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(150);
        expect(await page.locator(".error").count(), `${name} shows an error`).toBe(0);
        expect(await overflowsHorizontally(page), `${name} is wider than ${viewport.width}px`).toBe(
          false,
        );
        await saveScreenshot(page, `${name}-${label}`);
      }
      if (viewport === PHONE) {
        await openFromMenu(page, "Dashboard");
        await page.getByText("Company score").first().waitFor();
      }
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    });
  }
  it("explains an edit conflict and shows the other person's change", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = page.getByRole("tree");
    const objectiveRow = tree.locator(".tree-row.objective").first();
    await objectiveRow.waitFor();
    const id = ((await objectiveRow.getAttribute("id")) ?? "").replace(/^row-/, "");
    await page.goto(`${harness.url}/#/objectives/${id}`);
    const titleField = page.getByRole("form", { name: "Edit" }).getByLabel("Title");
    await titleField.waitFor();
    await titleField.fill("My new title");

    // Meanwhile someone else saves another title.
    const current = await api<{ version: number }>(page, "GET", `/api/objectives/${id}`);
    await api(page, "PATCH", `/api/objectives/${id}`, {
      version: current.version,
      title: "Their new title",
    });

    await page.getByRole("button", { name: "Save changes" }).click();
    const notice = page.locator(".conflict");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Their new title");
    expect(await notice.textContent()).toContain("My new title");
    await saveScreenshot(page, "conflict-1280");
    // Nothing was overwritten silently.
    expect((await api<{ title: string }>(page, "GET", `/api/objectives/${id}`)).title).toBe(
      "Their new title",
    );
    await page.getByRole("button", { name: "Use their version" }).click();
    await expect.poll(() => titleField.inputValue()).toBe("Their new title");
    await context.close();
  });
});
