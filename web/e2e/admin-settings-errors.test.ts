/**
 * An admin setting up the workspace: a value the server refuses in Settings is said beside the
 * field it is about, in words (not the request's field path), and that field gets focus, for the
 * roll-up's cap, the stale days, a connection's base URL and a webhook's payload URL. An emptied
 * sweet spot is refused in the form, never saved as 0.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, findChromium, type Harness, pageProblems, signIn } from "./harness.js";
import { startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

/** The error said beside a field (its description), and whether the field has focus. */
async function besideField(field: Locator): Promise<{ error: string; focused: boolean }> {
  return field.evaluate((input) => {
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    const error = ids
      .map((id) => document.getElementById(id))
      .filter((e) => e?.classList.contains("field-error"))
      .map((e) => e?.textContent?.trim() ?? "")
      .join(" ");
    return {
      error: input.getAttribute("aria-invalid") === "true" ? error : "",
      focused: input === document.activeElement,
    };
  });
}

/** The section's alerts: none should repeat the request's field path. */
function alertsIn(section: Locator): Promise<string[]> {
  return section.getByRole("alert").allTextContents();
}

async function openSettings(page: Page, url: string) {
  await signIn(page, url);
  await page.goto(`${url}/#/settings`);
  await page.locator("#roll-up").getByLabel("Cap on a rolled-up score").waitFor();
}

describe.skipIf(!chromiumPath)("an admin's refused settings", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startApp({ exampleData: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("says an emptied cap and stale days beside their fields", async () => {
    const { page, context } = await harness.newPage();
    await openSettings(page, harness.url);
    const rollUp = page.locator("#roll-up");
    const cap = rollUp.getByLabel("Cap on a rolled-up score");
    await cap.fill("");
    await rollUp.getByRole("button", { name: "Save roll-up" }).click();
    await expect.poll(() => besideField(cap)).toEqual({ error: "Must be above 0.", focused: true });
    expect(await alertsIn(rollUp)).toEqual([]);
    await cap.fill("1");
    await rollUp.getByRole("button", { name: "Save roll-up" }).click();
    await rollUp.getByRole("status").getByText("Saved.").waitFor();
    expect(await besideField(cap)).toEqual({ error: "", focused: false });

    const stale = page.locator("#stale");
    const days = stale.getByLabel("Stale after (days without a check-in)");
    await days.fill("");
    await stale.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => besideField(days)).toEqual({ error: "Must be 1–365.", focused: true });
    expect(await alertsIn(stale)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("says a refused connection or webhook address beside its field", async () => {
    const { page, context } = await harness.newPage();
    await openSettings(page, harness.url);
    const connections = page.locator("#connections");
    await connections.getByLabel("Connection name").fill("GitLab");
    const baseUrl = connections.getByLabel("Base URL");
    await baseUrl.fill("gitlab.example.com");
    await connections.getByRole("button", { name: "Add connection" }).click();
    await expect
      .poll(() => besideField(baseUrl))
      .toEqual({ error: "Must be an http(s) URL.", focused: true });
    expect(await alertsIn(connections)).toEqual([]);

    const webhooks = page.locator("#webhooks");
    const payload = webhooks.getByLabel("Payload URL");
    await payload.fill("ftp://hooks.example.com");
    await webhooks.getByRole("button", { name: "Add webhook" }).click();
    await expect
      .poll(() => besideField(payload))
      .toEqual({ error: "Must be an http:// or https:// URL.", focused: true });
    expect(await alertsIn(webhooks)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("keeps the sweet spot when its field is emptied", async () => {
    const { page, context } = await harness.newPage();
    await openSettings(page, harness.url);
    const sweet = page.getByLabel("Sweet spot score");
    await expect.poll(() => sweet.inputValue()).toBe("0.7");
    await sweet.fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect
      .poll(() => sweet.evaluate((input) => (input as HTMLInputElement).validationMessage))
      .not.toBe("");
    await expect.poll(() => sweet.evaluate((input) => input === document.activeElement)).toBe(true);
    const settings = await api<{ sweetSpot: number }>(page, "GET", "/api/settings");
    expect(settings.sweetSpot).toBe(0.7);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
