/**
 * An admin setting up the workspace on one page: a team added under People and teams can be
 * chosen at once for a chat webhook under Mail and chat, without a reload; a period label the
 * server does not know is said beside the label's field, which gets focus; closing a quarter
 * with one key result says "1 key result graded".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, findChromium, type Harness, pageProblems, signIn } from "./harness.js";
import { startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

describe.skipIf(!chromiumPath)("an admin sets up teams and their chat", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startApp({ exampleData: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("offers a new team for a chat webhook without a reload", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/settings`);
    const people = page.locator("#people");
    await people.getByLabel("Team name").fill("Legal");
    await people.getByRole("button", { name: "Add team" }).click();
    await people.getByRole("button", { name: "Remove team Legal" }).waitFor();

    const chatTeam = page.locator("#mail-chat").getByLabel("Team", { exact: true });
    await expect
      .poll(() => chatTeam.locator("option").allTextContents())
      .toEqual(["Choose a team", "Legal"]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("says a refused period label beside its field", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/settings`);
    const periods = page.locator("#periods");
    const label = periods.getByLabel("New period label");
    await label.fill("Next quarter");
    await periods.getByRole("button", { name: "Create period" }).click();
    const error = periods.locator(".field-error");
    await error.getByText('Unknown period label "Next quarter"', { exact: false }).waitFor();
    expect(await label.getAttribute("aria-invalid")).toBe("true");
    expect(await label.getAttribute("aria-describedby")).toContain(await error.getAttribute("id"));
    await expect.poll(() => label.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await periods.getByRole("alert").count()).toBe(0);
    await label.fill("2027-Q4");
    await periods.getByRole("button", { name: "Create period" }).click();
    await periods.getByRole("cell", { name: "2027-Q4", exact: true }).waitFor();
    expect(await label.getAttribute("aria-invalid")).toBeNull();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("says one key result graded in the singular", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const period = await api<{ id: string }>(page, "POST", "/api/periods", { label: "2028-Q1" });
    const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
      periodId: period.id,
      title: "Launch the beta",
    });
    await api(page, "POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Onboard 10 beta teams",
      kind: "metric",
      start: 0,
      target: 10,
    });
    // Made through the API after the app loaded: the app reads the periods again on a reload.
    await page.goto(`${harness.url}/#/settings`);
    await page.reload();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("#periods").getByRole("button", { name: "Close 2028-Q1" }).click();
    await page
      .locator("#periods")
      .getByRole("status")
      .getByText("2028-Q1 closed; 1 key result graded.")
      .waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
