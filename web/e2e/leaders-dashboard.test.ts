/**
 * An executive reading the dashboard: the key result scores chart names every bucket under its
 * bar at desktop and phone width and tells a screen reader the count in each; counts read in
 * the singular for one; a team with no objectives this quarter says so rather than "not scored".
 * The quarterly review's closing screen names its buckets and counts the same way, and a slide
 * says "1 objective aligned beneath". While the dashboard arrives it never says "No teams yet."
 * of a workspace with teams. The numbers are today's: 0.6963 is 70%, a key result marked done without a number counts as
 * 100%, an archived objective's key results are left out.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, findChromium, type Harness, pageProblems, signIn, WIDTHS } from "./harness.js";
import { startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Created {
  id: string;
  version: number;
}

const BUCKETS = [
  "0.0–0.1",
  "0.1–0.2",
  "0.2–0.3",
  "0.3–0.4",
  "0.4–0.5",
  "0.5–0.6",
  "0.6–0.7",
  "0.7–0.8",
  "0.8–0.9",
  "0.9–1.0",
  ">1.0",
];

/** The texts drawn in a chart (the SVG renderer leaves out a label it has no room for). */
function chartTexts(page: Page, name: RegExp): Promise<string[]> {
  return page
    .getByRole("img", { name })
    .locator("text")
    .evaluateAll((texts) => texts.map((t) => t.textContent?.trim() ?? ""));
}

describe.skipIf(!chromiumPath)("the dashboard an executive reads", () => {
  let harness: Harness;
  let periodId: string;

  beforeAll(async () => {
    harness = await startApp({ exampleData: false });
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    periodId = (await api<Created>(page, "POST", "/api/periods", { label: "2027-Q1" })).id;
    await api(page, "POST", "/api/teams", { name: "Sales" });
    await api(page, "POST", "/api/teams", { name: "Legal" });
    const objective = (title: string, owner?: string) =>
      api<Created>(page, "POST", "/api/objectives", { periodId, title, owner });
    const metric = (objectiveId: string, title: string) =>
      api<Created>(page, "POST", "/api/key-results", {
        objectiveId,
        title,
        kind: "metric",
        start: 0,
        target: 10000,
      });
    const enterprise = await objective("Win the enterprise market", "Sales");
    const seats = await metric(enterprise.id, "Sign 10000 seats");
    await api(page, "POST", `/api/key-results/${seats.id}/check-ins`, { value: 6963 });
    const mobile = await objective("Ship the mobile app");
    const stores = await api<Created>(page, "POST", "/api/key-results", {
      objectiveId: mobile.id,
      title: "Publish on the app stores",
      kind: "milestone",
    });
    await api(page, "PATCH", `/api/key-results/${stores.id}`, {
      version: stores.version,
      status: "done",
    });
    const old = await objective("An old bet");
    const oldKr = await metric(old.id, "Reach 10000 testers");
    await api(page, "POST", `/api/key-results/${oldKr.id}/check-ins`, { value: 1000 });
    const archived = await api<Created>(page, "GET", `/api/objectives/${old.id}`);
    await api(page, "POST", `/api/objectives/${old.id}/archive`, { version: archived.version });
    const berlin = await api<Created>(page, "POST", "/api/objectives", {
      periodId,
      title: "Staff the Berlin office",
      parentObjectiveId: mobile.id,
    });
    await metric(berlin.id, "Hire 10000 agents");
    await context.close();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(WIDTHS)("names every score bucket and its count (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/dashboard`);
    const chart = page.getByRole("img", { name: /scored key results are distributed/ });
    await chart.waitFor();
    expect(await chart.getAttribute("aria-label")).toBe(
      "How the 2 scored key results are distributed; the sweet spot 0.7 is marked: 0.7–0.8: 1, 0.9–1.0: 1",
    );
    const drawn = await chartTexts(page, /scored key results are distributed/);
    expect(BUCKETS.filter((label) => !drawn.includes(label))).toEqual([]);
    await expect
      .poll(() => page.getByTestId("distribution-unscored").textContent())
      .toBe("2 scored; 1 key result not scored yet (left out)");
    expect(await page.getByTestId("company-unscored").textContent()).toBe(
      "1 objective not scored yet",
    );
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("tells a team without objectives from a team not scored yet", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/dashboard`);
    const chart = page.getByRole("img", { name: /^Score by team/ });
    await chart.waitFor();
    expect(await chart.getAttribute("aria-label")).toBe(
      "Score by team: Legal no objectives, Sales 0.70",
    );
    const drawn = await chartTexts(page, /^Score by team/);
    expect(drawn).toContain("no objectives");
    expect(drawn).not.toContain("not scored");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)("names every bucket on the review's closing screen (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/review`);
    await page.getByRole("button", { name: /Next/ }).waitFor();
    const slides: string[] = [];
    const screen = page.getByRole("article", { name: /^Screen \d+ of \d+/ });
    await screen.waitFor();
    for (;;) {
      slides.push((await screen.textContent()) ?? "");
      const next = page.getByRole("button", { name: /Next/ });
      if (await next.isDisabled()) break;
      const now = await screen.getAttribute("aria-label");
      await next.click();
      await expect.poll(() => screen.getAttribute("aria-label")).not.toBe(now);
    }
    expect(slides.some((text) => text.includes("1 objective aligned beneath"))).toBe(true);
    expect(slides.some((text) => /\b1 objectives\b/.test(text))).toBe(false);
    const chart = page.getByRole("img", { name: /scored key results; the sweet spot/ });
    expect(await chart.getAttribute("aria-label")).toBe(
      "2 scored key results; the sweet spot 70% is marked: 0.7–0.8: 1, 0.9–1.0: 1",
    );
    const drawn = await chartTexts(page, /scored key results; the sweet spot/);
    expect(BUCKETS.filter((label) => !drawn.includes(label))).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("never says there are no teams while the dashboard arrives", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    // Every text the page ever shows, kept as it appears (a state drawn once counts).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as Window & { seen?: string[] }).seen = seen;
      new MutationObserver(() => seen.push(document.body.textContent ?? "")).observe(
        document.body,
        { subtree: true, childList: true, characterData: true },
      );
    });
    await page.evaluate((id) => {
      window.location.hash = `/periods/${id}/dashboard`;
    }, periodId);
    await page.getByRole("img", { name: /^Score by team/ }).waitFor();
    const seen = await page.evaluate(() => (window as Window & { seen?: string[] }).seen ?? []);
    expect(seen.filter((text) => text.includes("No teams yet."))).toEqual([]);
    await context.close();
  });

  it("shows the next teams after More teams", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    for (let i = 1; i <= 20; i++)
      await api(page, "POST", "/api/teams", { name: `Squad ${String(i).padStart(2, "0")}` });
    await page.goto(`${harness.url}/#/periods/${periodId}/dashboard`);
    const teams = page.locator("section[aria-labelledby=team-heading]");
    await teams.getByText("Showing 20 of 22").waitFor();
    await teams.getByRole("button", { name: "More teams" }).click();
    await teams.getByText("Showing 22 of 22").waitFor();
    const chart = page.getByRole("img", { name: /^Score by team/ });
    expect(await chart.getAttribute("aria-label")).toContain("Squad 20 no objectives");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
