/**
 * A key result marked done or missed with no number: the tree and its own page show it at the
 * score its objective counts for it (done 100%, missed 0%), with its status beside it.
 */
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  findChromium,
  type Harness,
  pageProblems,
  removeDir,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Item {
  id: string;
  version: number;
}

/** What a progress bar in `scope` reads, as a screen reader hears it. */
async function barText(scope: Locator, name: string): Promise<string | null> {
  const bar = scope.getByRole("progressbar", { name, exact: true });
  await bar.waitFor();
  return bar.getAttribute("aria-valuetext");
}

describe.skipIf(!chromiumPath)("a key result marked done or missed in a real browser", () => {
  let harness: Harness;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("shows done at 100% and missed at 0% beside an objective that counts them so", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const period = await api<{ id: string }>(page, "POST", "/api/periods", { label: "2029-Q1" });
    const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
      periodId: period.id,
      title: "Open the partner channel",
    });
    const newKeyResult = (title: string) =>
      api<Item>(page, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title,
        kind: "metric",
        start: 0,
        target: 4,
      });
    const measured = await newKeyResult("Sign 4 partners");
    await api(page, "POST", `/api/key-results/${measured.id}/check-ins`, { value: 2 });
    const done = await newKeyResult("Hire 4 partner managers");
    await api(page, "PATCH", `/api/key-results/${done.id}`, {
      version: done.version,
      status: "done",
    });
    const missed = await newKeyResult("Open the Berlin office");
    await api(page, "PATCH", `/api/key-results/${missed.id}`, {
      version: missed.version,
      status: "missed",
    });

    await page.goto(`${harness.url}/#/periods/${period.id}`);
    await page.reload();
    const row = (title: string) => page.getByRole("treeitem").filter({ hasText: title });
    // (0.5 + 1 + 0) / 3
    expect(await barText(row("Open the partner channel"), "Score")).toBe("50%");
    expect(await barText(row("Sign 4 partners"), "Progress")).toBe("50%");
    expect(await barText(row("Hire 4 partner managers"), "Progress")).toBe("100%");
    await row("Hire 4 partner managers").getByText("Done", { exact: true }).waitFor();
    expect(await barText(row("Open the Berlin office"), "Progress")).toBe("0%");
    await row("Open the Berlin office").getByText("Missed", { exact: true }).waitFor();

    await page.goto(`${harness.url}/#/key-results/${done.id}`);
    const head = page.locator("header").filter({ hasText: "Hire 4 partner managers" });
    expect(await barText(head, "Progress")).toBe("100%");
    await head.getByText("Done", { exact: true }).waitFor();
    const facts = page.locator("dl.facts");
    await facts.waitFor();
    expect(await facts.locator("dt:text-is('Progress') + dd").textContent()).toBe("100%");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
