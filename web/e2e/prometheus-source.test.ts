/**
 * A key result that follows a Prometheus query on its schedule, in the browser: a real
 * Prometheus scrapes a gauge the test sets; the key result is attached to the query in the
 * app, and when the gauge moves, the sources' schedule (every two seconds here) moves the key
 * result — no save, no webhook, no refresh by hand.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  hasPrometheus,
  type PrometheusHarness,
  startPrometheus,
} from "../../test/support/prometheus.js";
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

// Read when the job kinds load, before the imports above run.
const saved = vi.hoisted(() => {
  const before = { cron: process.env.OKR_SOURCES_CRON, key: process.env.OKR_SECRET_KEY };
  process.env.OKR_SOURCES_CRON = "*/2 * * * * *";
  return before;
});

const GAUGE = "okr_e2e_p99_seconds";
const TITLE = "Reduce the p99 from 0.5 s to 0.2 s";
const WAIT = { timeout: 20_000, interval: 250 };
const ready = Boolean(findChromium()) && hasPrometheus();
if (!ready)
  console.warn("Skipping the Prometheus browser test: it needs chromium and prometheus on PATH.");

async function treeProgress(page: Page, periodId: string): Promise<string | null> {
  await page.goto(`/#/periods/${periodId}`);
  await page.reload();
  const row = page.locator(".tree-row.kr", { hasText: TITLE });
  await row.waitFor();
  return row.getByRole("progressbar").getAttribute("aria-valuetext");
}

describe.skipIf(!ready)("a key result following a Prometheus query", () => {
  let harness: Harness;
  let webRoot: string;
  let prometheus: PrometheusHarness;

  beforeAll(async () => {
    process.env.OKR_SECRET_KEY = randomBytes(32).toString("hex");
    prometheus = await startPrometheus(GAUGE, 0.35);
    await prometheus.waitForValue(GAUGE, 0.35);
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    process.env.OKR_SOURCES_CRON = saved.cron;
    process.env.OKR_SECRET_KEY = saved.key;
    await harness?.close();
    await prometheus?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("is attached in the app and moves with the query on the schedule", async () => {
    const { page } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    await api(page, "POST", "/api/connections", {
      name: "Prometheus",
      kind: "prometheus",
      baseUrl: prometheus.url,
    });
    const period = await api<{ id: string }>(page, "POST", "/api/periods", { label: "2026-Q4" });
    const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
      periodId: period.id,
      title: "Fast pages",
    });
    const kr = await api<{ id: string }>(page, "POST", "/api/key-results", {
      objectiveId: objective.id,
      title: TITLE,
      kind: "metric",
      start: 0.5,
      target: 0.2,
    });

    await page.goto(`/#/key-results/${kr.id}`);
    const form = page.getByRole("form", { name: "Attach a source" });
    // The only connection is Prometheus: the source kinds offered are its.
    await form.getByLabel("Query").waitFor();
    expect(await form.getByLabel("Reads").inputValue()).toBe("prometheus");
    await form.getByLabel("Query").fill(GAUGE);
    await form.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => form.locator("output.source-preview").textContent(), WAIT)
      .toBe("value 0.35 → 50%");
    await form.getByRole("button", { name: "Save source" }).click();
    await expect
      .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
      .toMatch(/^value 0\.35 → 50%/);
    expect(await treeProgress(page, period.id)).toBe("50%");

    prometheus.setGauge(0.26);
    await prometheus.waitForValue(GAUGE, 0.26);
    await expect.poll(() => treeProgress(page, period.id), WAIT).toBe("80%");
    await page.goto(`/#/key-results/${kr.id}`);
    await expect
      .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
      .toMatch(/^value 0\.26 → 80%/);
    expect(pageProblems(page)).toEqual([]);
  });
});
