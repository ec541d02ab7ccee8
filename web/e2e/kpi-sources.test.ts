/**
 * A KPI fed by a source and a connection edited, in the browser at desktop and phone width:
 * a JSON endpoint (a real HTTP server) is attached to a KPI from its page with a preview; the
 * server's own job runner reads it, and the value shows on the KPI page and the dashboard's
 * KPI strip. The connection is then renamed, pointed at a new base URL with a new token in
 * Settings (the token never shown back), and the KPI keeps reading through it; removing the
 * source keeps the KPI's history.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonFixture, startJsonFixture } from "../../test/support/json-fixture.js";
import {
  api,
  findChromium,
  type Harness,
  overflowsHorizontally,
  pageProblems,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";
import { startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const WAIT = { timeout: 15_000, interval: 200 };

describe.skipIf(!chromiumPath)("KPI sources and connection edits in the browser", () => {
  let harness: Harness;
  const fixtures: JsonFixture[] = [];
  const savedKey = process.env.OKR_SECRET_KEY;

  beforeAll(async () => {
    process.env.OKR_SECRET_KEY = randomBytes(32).toString("base64");
    harness = await startApp({ exampleData: false });
  });
  afterAll(async () => {
    process.env.OKR_SECRET_KEY = savedKey;
    await harness?.close();
    for (const fixture of fixtures) await fixture.close();
  });

  it.each(WIDTHS)(
    "a KPI reads a JSON endpoint, shown on its page and the dashboard strip; its connection is edited and it keeps reading (%s)",
    async (name, size) => {
      const oldKey = `old-key-${name}-${randomBytes(4).toString("hex")}`;
      const newKey = `new-key-${name}-${randomBytes(4).toString("hex")}`;
      const metrics = await startJsonFixture(oldKey);
      fixtures.push(metrics);
      metrics.values.set("p99", 180);
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      const connection = `Metrics ${name}`;
      await api(page, "POST", "/api/connections", {
        name: connection,
        kind: "http",
        baseUrl: `${metrics.url}/v1`,
        token: oldKey,
        authHeader: "X-Api-Key",
      });
      const period = await api<{ id: string }>(page, "POST", "/api/periods", {
        label: name === "desktop" ? "2043-Q1" : "2043-Q2",
      });
      const kpiName = `p99 latency ${name}`;
      const kpi = await api<{ id: string }>(page, "POST", "/api/kpis", {
        name: kpiName,
        unit: "ms",
        targetHigh: 200,
      });

      // Attach the source from the KPI's page: preview, then save.
      await page.goto(`${harness.url}/#/kpis/${kpi.id}`);
      await page.getByRole("heading", { name: kpiName, level: 1 }).waitFor();
      expect(await page.getByTestId("kpi-value").textContent()).toBe("no reading");
      const form = page.getByRole("form", { name: "Attach a source" });
      await form.getByLabel("Connection").selectOption({ label: `${connection} (http)` });
      await form.getByLabel("URL").fill("latency/p99");
      await form.getByLabel("JSON path").fill("$.data.value");
      await form.getByRole("button", { name: "Preview" }).click();
      await expect
        .poll(() => form.locator("output.source-preview").textContent(), WAIT)
        .toBe("value 180");
      await form.getByRole("button", { name: "Save source" }).click();
      await expect
        .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
        .toMatch(/^value 180/);
      await expect.poll(() => page.getByTestId("kpi-value").textContent(), WAIT).toBe("180 ms");
      await expect
        .poll(() => page.getByTestId("kpi-source-kind").textContent(), WAIT)
        .toBe("Source: http_json");
      await expect
        .poll(() => page.locator(".reading-list li").first().textContent(), WAIT)
        .toContain(`source: ${connection}`);
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `kpi-source-${name}`);

      await page.goto(`${harness.url}/#/periods/${period.id}/dashboard`);
      const strip = page.locator(".kpi-strip li").filter({ hasText: kpiName });
      await expect.poll(() => strip.textContent(), WAIT).toContain("180 ms");
      await expect.poll(() => strip.textContent(), WAIT).toContain("in band");

      // Edit the connection in Settings: new name, base URL and token.
      metrics.key = newKey;
      metrics.values.set("p99", 240);
      await page.goto(`${harness.url}/#/settings`);
      const table = page.getByRole("table", { name: "Connections" });
      await table.getByRole("button", { name: `Edit connection ${connection}` }).click();
      const edit = page.getByRole("form", { name: `Edit connection ${connection}` });
      expect(await edit.getByLabel("New token").inputValue()).toBe("");
      const renamed = `Grafana ${name}`;
      await edit.getByLabel("Connection name").fill(renamed);
      await edit.getByLabel("Base URL").fill(`${metrics.url}/v2`);
      await edit.getByLabel("New token").fill(newKey);
      await edit.getByRole("button", { name: "Save connection" }).click();
      const row = table.getByRole("row").filter({ hasText: renamed });
      await expect.poll(() => row.textContent(), WAIT).toContain(`${metrics.url}/v2`);
      expect(await page.getByRole("form", { name: `Edit connection ${renamed}` }).count()).toBe(0);
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `connection-edited-${name}`);
      await table.getByRole("button", { name: `Edit connection ${renamed}` }).click();
      const again = page.getByRole("form", { name: `Edit connection ${renamed}` });
      expect(await again.getByLabel("New token").inputValue()).toBe("");
      expect(await page.content()).not.toContain(newKey);
      await again.getByRole("button", { name: "Cancel" }).click();

      // The KPI keeps reading through the edited connection.
      await page.goto(`${harness.url}/#/kpis/${kpi.id}`);
      await page.getByRole("button", { name: "Refresh now" }).click();
      await expect
        .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
        .toMatch(/^value 240/);
      await expect.poll(() => page.getByTestId("kpi-value").textContent(), WAIT).toBe("240 ms");
      await expect
        .poll(() => page.locator("dl[aria-label=Source]").textContent(), WAIT)
        .toContain(`via ${renamed}`);
      expect(metrics.requests.at(-1)).toEqual({ path: "/v2/latency/p99", key: newKey });
      await page.goto(`${harness.url}/#/periods/${period.id}/dashboard`);
      await expect.poll(() => strip.textContent(), WAIT).toContain("240 ms");
      await expect.poll(() => strip.textContent(), WAIT).toContain("above");

      // Removing the source keeps the history; readings are by hand again.
      await page.goto(`${harness.url}/#/kpis/${kpi.id}`);
      await page.getByRole("button", { name: "Remove source" }).click();
      await expect
        .poll(() => page.getByTestId("kpi-source-kind").textContent(), WAIT)
        .toBe("Source: manual");
      await page.getByText("No source: readings are recorded by hand.").waitFor();
      expect(await page.locator(".reading-list li").count()).toBe(2);
      expect(await page.getByTestId("kpi-value").textContent()).toBe("240 ms");
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );
});
