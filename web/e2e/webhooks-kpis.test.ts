/**
 * Webhooks out and KPIs in the browser, at desktop and phone width: a webhook added in Settings
 * gets a signed ping and a check-in, each shown delivered in its log (the server's own job
 * runner sends them to a real listener); a KPI defined, read twice, charted, and shown on the
 * dashboard's KPI strip.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  pageProblems,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";
import { startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Arrival {
  path: string;
  event: string;
  signed: boolean;
}

describe.skipIf(!chromiumPath)("webhooks out and KPIs in the browser", () => {
  let harness: Harness;
  let receiver: Server;
  let receiverUrl: string;
  /** Each path's signing secret, as the Settings page showed it. */
  const secrets = new Map<string, string>();
  const arrivals: Arrival[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const path = req.url ?? "";
        const secret = secrets.get(path) ?? "";
        const expected = `sha256=${createHmac("sha256", secret).update(`${req.headers["x-okr-timestamp"]}.${body}`).digest("hex")}`;
        const signed = req.headers["x-okr-signature"] === expected;
        arrivals.push({ path, event: String(req.headers["x-okr-event"]), signed });
        res.writeHead(signed ? 200 : 401, { "content-type": "text/plain" });
        res.end(signed ? "thanks" : "bad signature");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    harness = await startApp({ exampleData: true });
  });
  afterAll(async () => {
    await harness?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it.each(WIDTHS)(
    "adds a webhook in Settings and sees its ping and a check-in delivered in its log (%s)",
    async (name, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await openFromMenu(page, "Settings");
      const section = page.locator("#webhooks");
      const path = `/hooks/${name}`;
      await section.getByLabel("Payload URL").fill(`${receiverUrl}${path}`);
      await section.getByLabel("Description").fill(`Chat ${name}`);
      await section.getByLabel("check_in", { exact: true }).check();
      await section.getByRole("button", { name: "Add webhook" }).click();
      const secret = await section.getByLabel("New webhook signing secret").inputValue();
      expect(secret).toMatch(/^whsec_/);
      secrets.set(path, secret);
      const row = section.locator("li.webhook").filter({ hasText: `${receiverUrl}${path}` });
      await expect.poll(() => row.textContent()).toContain("check_in");

      await row.getByRole("button", { name: "Send a ping" }).click();
      // The server's job runner sends it; the log reads itself again while it is on its way.
      const delivered = (event: string) =>
        row
          .locator(".delivery[data-status=delivered]")
          .filter({ has: page.locator("summary code", { hasText: new RegExp(`^${event}$`) }) });
      const ping = delivered("ping");
      await ping.waitFor();
      expect(await ping.textContent()).toContain("answered 200");

      // A check-in made now (here through the API, as a script would) is delivered too.
      const period = await api<{ id: string }>(page, "POST", "/api/periods", {
        label: name === "desktop" ? "2041-Q1" : "2041-Q2",
      });
      const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
        periodId: period.id,
        title: "Recover faster",
      });
      const kr = await api<{ id: string }>(page, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Cut MTTR from 34 to 20 minutes",
        kind: "metric",
        start: 34,
        target: 20,
      });
      await api(page, "POST", `/api/key-results/${kr.id}/check-ins`, { value: 27 });
      const checkIn = delivered("check_in");
      await checkIn.waitFor();
      await checkIn.locator("summary").click();
      expect(await checkIn.locator(".delivery-body").first().textContent()).toContain(
        `"entityId":"${kr.id}"`,
      );
      expect(arrivals.filter((a) => a.path === path)).toEqual([
        { path, event: "ping", signed: true },
        { path, event: "check_in", signed: true },
      ]);
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `webhooks-settings-${name}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "defines a KPI, records readings, sees its history, a key result following it, and the dashboard's KPI strip (%s)",
    async (name, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await openFromMenu(page, "KPIs");
      const kpi = `MTTR ${name}`;
      const form = page.getByRole("form", { name: "New KPI" });
      await form.getByLabel("Name").fill(kpi);
      await form.getByLabel("Unit").fill("min");
      await form.getByLabel("Band to").fill("20");
      await form.getByRole("button", { name: "Add KPI" }).click();
      await page.getByRole("heading", { name: kpi, level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId("kpi-value").textContent()).toBe("no reading");

      for (const value of ["34", "18"]) {
        await page.getByLabel("Reading (min)").fill(value);
        await page.getByRole("button", { name: "Record reading" }).click();
        await expect.poll(() => page.getByTestId("kpi-value").textContent()).toBe(`${value} min`);
      }
      await expect
        .poll(() => page.locator(".kpi-page .badge").first().textContent())
        .toBe("in band");
      const chart = page.getByRole("img", { name: `${kpi} over time` });
      await expect.poll(() => chart.getAttribute("aria-label")).toMatch(/34 on .*18 on /);
      await expect.poll(() => chart.locator("svg path").count()).toBeGreaterThan(0);
      await saveScreenshot(page, `kpi-page-${name}`);
      expect(await overflowsHorizontally(page)).toBe(false);

      // A key result follows the KPI: its value is checked in on it at once.
      const period = await api<{ id: string }>(page, "POST", "/api/periods", {
        label: name === "desktop" ? "2042-Q1" : "2042-Q2",
      });
      const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
        periodId: period.id,
        title: "Recover faster",
      });
      const kr = await api<{ id: string }>(page, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Move MTTR from 34 to 20 minutes",
        kind: "metric",
        start: 34,
        target: 20,
      });
      await page.goto(`${harness.url}/#/key-results/${kr.id}`);
      await page.getByLabel("Follow a KPI").selectOption({ label: kpi });
      await page
        .locator(".kpi-follow")
        .filter({ hasText: `Follows KPI ${kpi}` })
        .waitFor();
      await expect
        .poll(
          async () =>
            (await api<{ current: number }>(page, "GET", `/api/key-results/${kr.id}`)).current,
        )
        .toBe(18);

      await openFromMenu(page, "KPIs");
      const listed = page.getByRole("row").filter({ hasText: kpi });
      await expect.poll(() => listed.textContent()).toContain("18 min");

      await openFromMenu(page, "Dashboard");
      const strip = page.locator(".kpi-strip li").filter({ hasText: kpi });
      await expect.poll(() => strip.textContent()).toContain("18 min");
      await expect.poll(() => strip.textContent()).toContain("in band");
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `dashboard-kpi-strip-${name}`);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );
});
