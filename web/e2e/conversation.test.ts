/**
 * The conversation on a key result in Chromium, at desktop and phone width: a comment that
 * mentions someone (picked from the mention list) raises their bell when they sign in and
 * leads them to the key result; the author edits and deletes it; a corrected check-in moves
 * the key result's shown progress, and a deleted one takes it back.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  findChromium,
  type Harness,
  overflowsHorizontally,
  pageProblems,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";
import { signInAs, startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const PASSWORD = "mention me please";

/** The admin's session for arranging data through the API. */
async function adminSession(url: string) {
  const response = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}/api${path}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
}

function shownProgress(page: Page) {
  return page.locator(".item-head").getByRole("progressbar", { name: "Progress" });
}

describe.skipIf(!chromiumPath)("the conversation on a key result", () => {
  let harness: Harness;
  let call: Awaited<ReturnType<typeof adminSession>>;
  let objectiveId: string;

  beforeAll(async () => {
    harness = await startApp({ exampleData: false });
    call = await adminSession(harness.url);
    const period = await call<{ id: string }>("POST", "/periods", { label: "2026-Q1" });
    objectiveId = (
      await call<{ id: string }>("POST", "/objectives", {
        periodId: period.id,
        title: "Customers love support",
      })
    ).id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function keyResult(title: string) {
    return call<{ id: string }>("POST", "/key-results", {
      objectiveId,
      title,
      kind: "metric",
      start: 0,
      target: 10,
    });
  }

  it.each(WIDTHS)(
    "a comment with a mention raises the mentioned person's bell; the author edits and deletes it (%s)",
    async (name, size) => {
      const personName = `Mia Mention ${name}`;
      const email = `mia-${name}@example.com`;
      const person = await call<{ id: string }>("POST", "/people", { name: personName });
      await call("POST", "/users", {
        email,
        name: personName,
        role: "viewer",
        password: PASSWORD,
        personId: person.id,
      });
      const kr = await keyResult(`Answer within 10 minutes (${name})`);

      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await page.goto(`${harness.url}/#/key-results/${kr.id}`);
      const box = page.getByRole("combobox", { name: "Add a comment" });
      await box.fill("Can you look, @Mia");
      await page.getByRole("option", { name: personName }).click();
      await expect.poll(() => box.inputValue()).toBe(`Can you look, @${personName} `);
      await box.pressSequentially("please **today**");
      await page.getByRole("button", { name: "Comment", exact: true }).click();
      const comment = page.getByRole("listitem", { name: "Comment by Ada Admin" });
      await expect.poll(() => comment.locator(".comment-body strong").textContent()).toBe("today");

      await comment.getByRole("button", { name: "Edit" }).click();
      const editBox = comment.getByRole("combobox", { name: "Edit the comment" });
      await editBox.fill(`@${personName} please look today`);
      await comment.getByRole("button", { name: "Save" }).click();
      await expect.poll(() => comment.textContent()).toContain("edited");
      await expect.poll(() => comment.textContent()).toContain("please look today");
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `conversation-comment-${name}`);

      // Mia signs in: her bell says one unread, and it leads to the key result.
      const mia = await harness.newPage(size);
      await signInAs(mia.page, harness.url, email, PASSWORD);
      const bell = mia.page.getByRole("link", { name: "Notifications, 1 unread" });
      await bell.waitFor();
      await bell.click();
      const notice = mia.page.getByRole("link", {
        name: `Ada Admin mentioned you on “Answer within 10 minutes (${name})”`,
      });
      await saveScreenshot(mia.page, `conversation-notifications-${name}`);
      await notice.click();
      await mia.page.getByRole("heading", { name: `Answer within 10 minutes (${name})` }).waitFor();
      await mia.page.getByRole("link", { name: "Notifications, none unread" }).waitFor();
      // Mia may not edit or delete someone else's comment.
      const seen = mia.page.getByRole("listitem", { name: "Comment by Ada Admin" });
      await seen.waitFor();
      expect(await seen.getByRole("button", { name: "Edit" }).count()).toBe(0);
      expect(pageProblems(mia.page)).toEqual([]);
      await mia.context.close();

      await comment.getByRole("button", { name: "Delete" }).click();
      await comment.getByRole("button", { name: "Confirm delete" }).click();
      await page.getByText("No comments yet.").waitFor();
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "a corrected check-in changes the key result's shown progress; a deleted one takes it back (%s)",
    async (name, size) => {
      const kr = await keyResult(`Close 10 tickets (${name})`);
      await call("POST", `/key-results/${kr.id}/check-ins`, { value: 2, note: "first" });
      await call("POST", `/key-results/${kr.id}/check-ins`, { value: 4, note: "second" });
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await page.goto(`${harness.url}/#/key-results/${kr.id}`);
      await expect.poll(() => shownProgress(page).getAttribute("aria-valuenow")).toBe("40");

      const latest = page.getByRole("row").filter({ hasText: "second" });
      await latest.getByRole("button", { name: "Correct" }).click();
      const form = page.getByRole("form", { name: "Correct the check-in" });
      await form.getByLabel("Value").fill("7");
      await form.getByLabel("Note").fill("recounted");
      await form.getByRole("button", { name: "Save correction" }).click();
      await expect.poll(() => shownProgress(page).getAttribute("aria-valuenow")).toBe("70");
      await page.getByRole("row").filter({ hasText: "recounted" }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `conversation-correction-${name}`);

      const corrected = page.getByRole("row").filter({ hasText: "recounted" });
      await corrected.getByRole("button", { name: "Delete" }).click();
      await corrected.getByRole("button", { name: "Confirm delete" }).click();
      await expect.poll(() => shownProgress(page).getAttribute("aria-valuenow")).toBe("20");
      // The history is read again apart from the key result: wait for it as for the progress.
      await expect
        .poll(() => page.getByRole("row").filter({ hasText: "recounted" }).count())
        .toBe(0);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "following an objective brings its comments to the bell; the stale threshold is set in Settings (%s)",
    async (name, size) => {
      const email = `fay-${name}@example.com`;
      await call("POST", "/users", {
        email,
        name: `Fay Follower ${name}`,
        role: "viewer",
        password: PASSWORD,
      });
      const fay = await harness.newPage(size);
      await signInAs(fay.page, harness.url, email, PASSWORD);
      await fay.page.goto(`${harness.url}/#/objectives/${objectiveId}`);
      await fay.page.getByRole("button", { name: "Follow", exact: true }).click();
      await fay.page.getByRole("button", { name: "Following", pressed: true }).waitFor();
      await call("POST", `/objectives/${objectiveId}/comments`, { body: `Weekly note (${name})` });
      await fay.page.goto(`${harness.url}/#/me`);
      await fay.page.getByRole("link", { name: "Notifications, 1 unread" }).click();
      await fay.page
        .getByRole("link", { name: "Ada Admin commented on “Customers love support”" })
        .waitFor();
      await fay.page.getByRole("button", { name: "Mark all read" }).click();
      await fay.page.getByRole("link", { name: "Notifications, none unread" }).waitFor();
      expect(pageProblems(fay.page)).toEqual([]);
      await fay.context.close();

      const days = name === "desktop" ? "3" : "5";
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await page.goto(`${harness.url}/#/settings`);
      const field = page.getByLabel("Stale after (days without a check-in)");
      await field.fill(days);
      await page.locator("#stale").getByRole("button", { name: "Save" }).click();
      await page.locator("#stale").getByRole("status").waitFor();
      const period = await call<{ periods: { id: string }[] }>("GET", "/periods");
      await page.goto(`${harness.url}/#/periods/${period.periods[0]?.id}/dashboard`);
      // (The phone layout leaves the figures' captions out: present, not shown.)
      await page.getByText(`no check-in for ${days} days`).waitFor({ state: "attached" });
      // A key result never checked in on is stale in the tree.
      const fresh = await keyResult(`Never checked (${name})`);
      await page.goto(`${harness.url}/#/periods/${period.periods[0]?.id}`);
      const row = page.getByRole("treeitem").filter({ hasText: `Never checked (${name})` });
      await expect.poll(() => row.locator(".badge.stale").count()).toBe(1);
      await call("POST", `/key-results/${fresh.id}/check-ins`, { value: 1 });
      await page.reload();
      await expect
        .poll(async () => {
          await row.first().waitFor();
          return row.locator(".badge.stale").count();
        })
        .toBe(0);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );
});
