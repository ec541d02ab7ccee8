/**
 * Account access in Settings, in Chromium at desktop and phone width: my devices (sign one out),
 * my password (revoking my tokens too), and for admins sign-in access (disable, enable,
 * delete) and everyone's API tokens (revoke).
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../src/app/jobs.js";
import { claimDueJobs, failJob } from "../../src/store/jobs.repository.js";
import {
  ADMIN,
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
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const FIREFOX_LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const DANA = { email: "dana@example.com", name: "Dana Doe", password: "dana's first password" };

describe.skipIf(!chromiumPath)("account access in Settings in a real browser", () => {
  let harness: Harness;
  let webRoot: string;
  let danaToken: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const dana = await api<{ id: string }>(page, "POST", "/api/users", {
      ...DANA,
      role: "editor",
    });
    await context.close();
    // Dana's own token, made through her own session.
    const own = await harness.newPage();
    await signInAs(own.page, DANA.email, DANA.password);
    danaToken = (await api<{ secret: string }>(own.page, "POST", "/api/tokens", { name: "CI" }))
      .secret;
    await signOut(own.page);
    await own.context.close();
    expect(dana.id).toMatch(/^[0-9A-Z]{26}$/);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  /** Signs the page's session out, so it does not linger among the user's devices. */
  async function signOut(page: Page) {
    const { csrfToken } = await (await page.request.get("/api/session")).json();
    await page.request.delete("/api/session", { headers: { "x-csrf-token": csrfToken } });
  }

  async function signInAs(page: Page, email: string, password: string) {
    await page.goto(harness.url);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("header.app-header").waitFor();
  }

  async function browserAs(
    email: string,
    password: string,
    viewport = DESKTOP,
    userAgent?: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await harness.browser.newContext({
      viewport,
      baseURL: harness.url,
      ...(userAgent ? { userAgent } : {}),
    });
    const page = await context.newPage();
    await signInAs(page, email, password);
    return { context, page };
  }

  async function openSettings(page: Page, section: string) {
    await page.goto(`${harness.url}/#/settings`);
    await page.getByRole("heading", { name: section, level: 2 }).scrollIntoViewIfNeeded();
  }

  const signedIn = async (page: Page) =>
    (await (await page.request.get("/api/session")).json()).authenticated as boolean;

  const tokenWorks = async (secret: string) =>
    (await fetch(`${harness.url}/api/periods`, { headers: { authorization: `Bearer ${secret}` } }))
      .status === 200;

  it("shows my devices and signs another one out at once", async () => {
    const laptop = await browserAs(DANA.email, DANA.password, DESKTOP, FIREFOX_LAPTOP);
    const phone = await browserAs(DANA.email, DANA.password, PHONE);
    await openSettings(phone.page, "Signed-in devices");
    const table = phone.page.getByRole("table", { name: "Signed-in devices" });
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^Headless Chrome on Linux this device/),
      expect.stringMatching(/^Firefox on Linux/),
    ]);
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    await saveScreenshot(phone.page, "settings-devices-390");

    await phone.page.getByRole("button", { name: "Sign out Firefox on Linux" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await signedIn(laptop.page)).toBe(false);
    await laptop.page.reload();
    await laptop.page.getByRole("heading", { name: "Sign in to OKR" }).waitFor();
    expect(await signedIn(phone.page)).toBe(true);
    expect(pageProblems(phone.page)).toEqual([]);
    await signOut(phone.page);
    await laptop.context.close();
    await phone.context.close();
  });

  it("changes my password, signing out my other devices and revoking my tokens when I ask", async () => {
    const other = await browserAs(DANA.email, DANA.password);
    const { page, context } = await browserAs(DANA.email, DANA.password);
    await openSettings(page, "Password");
    const section = page.locator("#password");
    await section.getByLabel("Current password").fill("not my password");
    await section.getByLabel("New password", { exact: true }).fill("dana's second password");
    await section.getByLabel("New password again").fill("dana's second password");
    await section.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => section.locator(".error").textContent())
      .toMatch(/current password is wrong/i);
    expect(await signedIn(other.page)).toBe(true);

    await section.getByLabel("Current password").fill(DANA.password);
    await section.getByLabel("Also revoke my API tokens (1 active)").check();
    await section.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => section.getByRole("status").textContent())
      .toBe("Password changed. 1 other device signed out; 1 API token revoked.");
    await section.getByText("Also revoke my API tokens (0 active)").waitFor();
    expect(await signedIn(other.page)).toBe(false);
    expect(await signedIn(page)).toBe(true);
    expect(await tokenWorks(danaToken)).toBe(false);
    await saveScreenshot(page, "settings-password-1280");
    DANA.password = "dana's second password";
    await other.context.close();
    await context.close();
  });

  it("lets an admin disable a user (signed out at once), enable them, and see and revoke everyone's tokens", async () => {
    const dana = await browserAs(DANA.email, DANA.password);
    const token = (
      await api<{ secret: string }>(dana.page, "POST", "/api/tokens", { name: "Nightly export" })
    ).secret;
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openSettings(page, "Sign-in access");
    const access = page.getByRole("table", { name: "Sign-in access" });
    const danaRow = access.locator("tr", { hasText: DANA.email });
    await expect.poll(() => danaRow.locator("td").nth(1).textContent()).toBe("Active");
    expect(await access.locator("tr", { hasText: ADMIN.email }).textContent()).toMatch(/you$/);

    await page.getByRole("button", { name: `Disable ${DANA.name}` }).click();
    await expect.poll(() => danaRow.locator("td").nth(1).textContent()).toMatch(/^Disabled /);
    expect(await signedIn(dana.page)).toBe(false);
    expect(await tokenWorks(token)).toBe(false);
    await dana.page.reload();
    await dana.page.getByRole("heading", { name: "Sign in to OKR" }).waitFor();
    await dana.page.getByLabel("Email").fill(DANA.email);
    await dana.page.getByLabel("Password").fill(DANA.password);
    await dana.page.getByRole("button", { name: "Sign in" }).click();
    await dana.page.getByText("This account is disabled; ask an admin to enable it.").waitFor();
    await saveScreenshot(page, "settings-sign-in-access-1280");

    await page.getByRole("button", { name: `Enable ${DANA.name}` }).click();
    await expect.poll(() => danaRow.locator("td").nth(1).textContent()).toBe("Active");
    expect(await tokenWorks(token)).toBe(true);

    // Signed out everywhere, not disabled: the token still works.
    await signInAs(dana.page, DANA.email, DANA.password);
    await page.getByRole("button", { name: `Sign ${DANA.name} out everywhere` }).click();
    await page
      .locator("#access")
      .getByRole("status")
      .getByText(`${DANA.name} was signed out of 1 session.`)
      .waitFor();
    expect(await signedIn(dana.page)).toBe(false);
    expect(await tokenWorks(token)).toBe(true);

    const tokens = page.getByRole("table", { name: "Everyone's API tokens" });
    await page.reload();
    await openSettings(page, "Everyone's API tokens");
    const nightly = tokens.locator("tr", { hasText: "Nightly export" });
    await expect.poll(() => nightly.textContent()).toMatch(/Dana Doe.*active/);
    expect(await tokens.locator("tr", { hasText: "CI" }).textContent()).toMatch(/revoked/);
    await page.getByRole("button", { name: "Revoke Dana Doe's token Nightly export" }).click();
    await expect.poll(() => nightly.textContent()).toMatch(/revoked/);
    expect(await tokenWorks(token)).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await dana.context.close();
    await context.close();
  });

  it("shows admins the background work and its last error, at both widths", async () => {
    const deps = harness.server.deps;
    await enqueueJob(deps, { kind: "jobs.purge", key: "e2e-purge" });
    await harness.server.jobs?.runOnce();
    // A job of a kind this server cannot run stays waiting; one that failed says why.
    const { id } = await enqueueJob(deps, { kind: "e2e.retired-kind", key: "stuck" });
    const now = deps.now().toISOString();
    await claimDueJobs(deps.db, {
      worker: "e2e",
      now,
      leaseUntil: now,
      kinds: ["e2e.retired-kind"],
      limit: 1,
    });
    await failJob(deps.db, { id, worker: "e2e", now, error: "receiver said 503", retryAt: null });
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context } = await harness.newPage(viewport);
      await signIn(page, harness.url);
      await openSettings(page, "Background work");
      const table = page.getByRole("table", { name: "Background work" });
      await expect
        .poll(() =>
          table.locator("tr", { hasText: "jobs.purge" }).locator("td").nth(2).textContent(),
        )
        .toBe("1");
      const failed = table.locator("tr", { hasText: "e2e.retired-kind" });
      expect(await failed.locator("td").nth(3).textContent()).toBe("1");
      expect(await failed.locator("td").nth(5).textContent()).toMatch(/receiver said 503$/);
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `settings-background-work-${viewport.width}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    }
    const viewer = await browserAs(DANA.email, DANA.password);
    await viewer.page.goto(`${harness.url}/#/settings`);
    await viewer.page.getByRole("heading", { name: "API tokens", level: 2 }).waitFor();
    expect(await viewer.page.getByRole("heading", { name: "Background work" }).count()).toBe(0);
    await viewer.context.close();
  });
  it("lets an admin delete a user after confirming, at phone width", async () => {
    const { page, context } = await harness.newPage(PHONE);
    await signIn(page, harness.url);
    await openSettings(page, "Sign-in access");
    expect(await overflowsHorizontally(page)).toBe(false);
    await saveScreenshot(page, "settings-sign-in-access-390");
    await page.getByRole("button", { name: `Delete ${DANA.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${DANA.name}?` });
    await dialog.getByRole("button", { name: "Delete user" }).click();
    const access = page.getByRole("table", { name: "Sign-in access" });
    await expect.poll(() => access.locator("tr", { hasText: DANA.email }).count()).toBe(0);
    const users = await api<{ users: { email: string }[] }>(page, "GET", "/api/users");
    expect(users.users.map((u) => u.email)).toEqual([ADMIN.email]);
    await context.close();
  });
});
