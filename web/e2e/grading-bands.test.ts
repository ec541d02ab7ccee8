/**
 * The grading bands setting colours the app: objective score bars take the band the
 * workspace's settings give their score, not a band fixed in the web app.
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
  pageProblems,
  removeDir,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

/** The band classes of the objective rows' score bars that have a score. */
async function objectiveBands(page: Page): Promise<string[]> {
  const rows = page.locator(".tree-row.objective .progress-fill");
  await rows.first().waitFor();
  const classes = await rows.evaluateAll((els) => els.map((e) => e.className));
  return classes
    .map((c) => /band-(\w+)/.exec(c)?.[1] ?? "")
    .filter((band) => band !== "none" && band !== "");
}

describe.skipIf(!chromiumPath)("grading bands from the settings", () => {
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

  it("colours objective scores by the workspace's bands, and follows a change of them", async () => {
    const { page, context } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    const before = await objectiveBands(page);
    expect(before.length).toBeGreaterThan(0);
    // The example company's scores spread over the default bands: not all of them green.
    expect(before.filter((band) => band !== "green")).not.toEqual([]);

    await api(page, "PUT", "/api/settings", {
      grading: [{ min: 0, label: "anything counts", color: "green" }],
    });
    await page.reload();
    const after = await objectiveBands(page);
    expect(after.length).toBe(before.length);
    expect(after.filter((band) => band !== "green")).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
