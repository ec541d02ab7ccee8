/**
 * Views for leaders on the example company: review mode stepped through by keyboard at
 * 1920×1080 and at phone width (screenshots in test-results/screenshots/), the review's PDF
 * with a page per screen, and the published site opened from disk with scripts off and no
 * confidential number or title in any of its files.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewAnswer } from "../../src/contract/review.js";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  PHONE,
  pageProblems,
  REPO_ROOT,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const FULL_HD = { width: 1920, height: 1080 };

function pdfPageCount(bytes: Buffer): number {
  return (bytes.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function waitForScreen(page: Page, screen: number, of: number): Promise<void> {
  await page
    .getByTestId("review-counter")
    .filter({ hasText: `${screen} / ${of}` })
    .waitFor();
}

/** Every `target` of a key result with a confidential target, anywhere in an answer. */
function confidentialTargets(value: unknown, into: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) confidentialTargets(v, into);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record.targetConfidential === true && typeof record.target === "number") {
      into.push(record.target);
    }
    for (const v of Object.values(record)) confidentialTargets(v, into);
  }
  return into;
}

describe.skipIf(!chromiumPath)("review mode and the public site in a real browser", () => {
  let harness: Harness;
  let webRoot: string;
  let periodId: string;
  let review: ReviewAnswer;
  let secretTitle = "";

  beforeAll(async () => {
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: true, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("steps through the review by keyboard at 1920×1080, with presenter notes", async () => {
    const { page, context } = await harness.newPage(FULL_HD);
    await signIn(page, harness.url);
    await openFromMenu(page, "Dashboard");
    await page.getByRole("link", { name: "Review mode" }).click();
    periodId = /#\/periods\/([^/]+)\/review/.exec(page.url())?.[1] ?? "";
    expect(periodId).not.toBe("");
    review = await api<ReviewAnswer>(page, "GET", `/api/periods/${periodId}/review`);
    const screens = review.objectives.length + 2;
    expect(review.objectives.length).toBeGreaterThan(1);

    await waitForScreen(page, 1, screens);
    const title = page.locator(".review-title");
    expect(await title.textContent()).toBe(review.period.label);
    await saveScreenshot(page, "review-1920-opening");

    await page.keyboard.press("ArrowRight");
    await waitForScreen(page, 2, screens);
    const first = review.objectives[0];
    if (!first) throw new Error("no objective");
    expect(await title.textContent()).toBe(first.title);
    expect(await page.locator(".review-krs > li").count()).toBe(first.keyResults.length);
    const noted = first.keyResults.find((kr) => kr.lastNote);
    if (noted?.lastNote) {
      await expect(page.locator(".review-krs").textContent()).resolves.toContain(
        noted.lastNote.note,
      );
    }
    expect(await page.getByTestId("review-at-risk").locator("li").count()).toBe(
      first.atRisk.length,
    );
    await saveScreenshot(page, "review-1920-objective");

    await page.keyboard.press("n");
    const notes = page.getByRole("complementary", { name: "Presenter notes" });
    await notes.waitFor();
    expect(first.notes.length).toBeGreaterThan(0);
    expect(await notes.textContent()).toContain(first.notes[0]?.note);
    await saveScreenshot(page, "review-1920-notes");

    await page.keyboard.press("End");
    await waitForScreen(page, screens, screens);
    expect(await title.textContent()).toBe("Distribution and retrospectives");
    expect(await page.getByTestId("review-sweet-spot").textContent()).toContain("at or above 70%");
    expect(await page.locator(".review-retro").count()).toBe(review.retrospectives.length);
    await saveScreenshot(page, "review-1920-closing");

    await page.keyboard.press("ArrowLeft");
    await waitForScreen(page, screens - 1, screens);
    await page.keyboard.press("Escape");
    await page.waitForURL(/\/dashboard$/);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("is usable at phone width: buttons and keys step, nothing cut off", async () => {
    const { page, context } = await harness.newPage(PHONE);
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/review`);
    const screens = review.objectives.length + 2;
    await waitForScreen(page, 1, screens);
    await page.getByRole("button", { name: "Next →" }).click();
    await waitForScreen(page, 2, screens);
    await page.keyboard.press("ArrowRight");
    await waitForScreen(page, 3, screens);
    expect(await page.locator(".review-title").textContent()).toBe(review.objectives[1]?.title);
    expect(await overflowsHorizontally(page)).toBe(false);
    await saveScreenshot(page, "review-phone-objective");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it("downloads the review as a PDF with a page per screen", async () => {
    const { page, context } = await harness.newPage(FULL_HD);
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}/review`);
    await waitForScreen(page, 1, review.objectives.length + 2);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "PDF" }).click(),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), "okr-review-")), "review.pdf");
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(bytes)).toBe(review.objectives.length + 2);
    await context.close();
  });

  it("publishes a site that reads from disk with scripts off and hides every secret", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    type Node = {
      objective: { id: string; title: string; version: number };
      children: Node[];
      keyResults: { children: Node[] }[];
    };
    const targets: number[] = [];
    const otherText: string[] = [];
    const periods = await api<{ periods: { id: string }[] }>(page, "GET", "/api/periods");
    for (const p of periods.periods) {
      const t = await api<unknown>(page, "GET", `/api/periods/${p.id}/tree`);
      confidentialTargets(t, targets);
      if (p.id !== periodId) otherText.push(JSON.stringify(t));
    }
    // One aligned objective of the current quarter made confidential, as an insider would:
    // one with no confidential target beneath (the page keeps a placeholder to show) and a
    // title no other quarter uses (which that quarter's page would rightly show).
    const tree = await api<{ roots: Node[] }>(page, "GET", `/api/periods/${periodId}/tree`);
    const aligned = tree.roots
      .flatMap((root) => [...root.children, ...root.keyResults.flatMap((kr) => kr.children)])
      .find(
        (node) =>
          confidentialTargets(node).length === 0 &&
          !otherText.some((text) => text.includes(JSON.stringify(node.objective.title))),
      );
    if (!aligned) throw new Error("no aligned objective");
    const secret = await api<{ title: string }>(
      page,
      "PATCH",
      `/api/objectives/${aligned.objective.id}`,
      { version: aligned.objective.version, confidential: true },
    );
    const secretTitles = [secret.title];
    secretTitle = secret.title;
    expect(targets.length).toBeGreaterThan(0);

    const out = mkdtempSync(join(tmpdir(), "okr-site-"));
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "publish",
        "--out",
        out,
        "--database-url",
        harness.databaseUrl,
      ],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain("index.html");
    expect(files.filter((f) => f.endsWith(".html")).length).toBeGreaterThanOrEqual(3);
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(out, file), "utf8");
      for (const target of targets) {
        for (const spelled of [String(target), target.toLocaleString("en-US")]) {
          if (text.includes(spelled)) leaks.push(`${file}: ${spelled}`);
        }
      }
      for (const title of secretTitles) if (text.includes(title)) leaks.push(`${file}: ${title}`);
      if (/<script/i.test(text)) leaks.push(`${file}: a script`);
    }
    expect(leaks.join("\n")).toBe("");
    await context.close();

    // From disk, scripts off: the index links to the period, the period to a team.
    const offline = await harness.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const site = await offline.newPage();
    await site.goto(pathToFileURL(join(out, "index.html")).href);
    await site.getByRole("link", { name: review.period.label, exact: true }).click();
    await site.getByRole("heading", { level: 1, name: `${review.period.label} OKRs` }).waitFor();
    const body = (await site.locator("main").textContent()) ?? "";
    expect(body).toContain(review.objectives[0]?.title);
    expect(body).toContain("$N0");
    expect(body).not.toContain(secret.title);
    // The style sheet applies from disk: scores are drawn as badges.
    const weight = await site
      .locator(".score")
      .first()
      .evaluate((el) => getComputedStyle(el).fontWeight);
    expect(weight).toBe("700");
    await saveScreenshot(site, "public-site-period-phone");
    await site.locator("ul.teams a").first().click();
    await site.locator("ul.tree").first().waitFor();
    await saveScreenshot(site, "public-site-team-phone");
    await offline.close();
    removeDir(out);
  });

  it("marks a period public in Settings and serves it at /public to anyone", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openFromMenu(page, "Settings");
    const section = page.locator("#public-site");
    await section.getByRole("checkbox", { name: review.period.label, exact: true }).check();
    await section.getByRole("checkbox", { name: "Serve the public site at /public" }).check();
    await section.getByRole("button", { name: "Save public site" }).click();
    await section.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await saveScreenshot(page, "settings-public-site");
    await context.close();

    // Anyone: a fresh browser with no session, scripts off.
    const anonymous = await harness.browser.newContext({ javaScriptEnabled: false });
    const visitor = await anonymous.newPage();
    const index = await visitor.goto(`${harness.url}/public/`);
    expect(index?.status()).toBe(200);
    // Weak when compressed for this browser: the bytes sent differ, the page is the same.
    expect(index?.headers().etag).toMatch(/^(W\/)?"[\w-]+"$/);
    const again = await anonymous.request.get(`${harness.url}/public/`, {
      headers: { "if-none-match": index?.headers().etag ?? "" },
    });
    expect(again.status()).toBe(304);
    expect(index?.headers()["cache-control"]).toBe("public, max-age=60");
    const periodLinks = visitor.locator("table.periods tbody a");
    expect(await periodLinks.allTextContents()).toEqual([review.period.label]);
    await periodLinks.first().click();
    await visitor.getByRole("heading", { level: 1, name: `${review.period.label} OKRs` }).waitFor();
    const text = (await visitor.locator("main").textContent()) ?? "";
    expect(text).toContain("$N0");
    expect(text).not.toContain(secretTitle);
    await anonymous.close();
  });
});
