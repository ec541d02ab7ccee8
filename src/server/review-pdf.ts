/**
 * The review as a PDF, printed by headless Chromium from the web app's own review page (its
 * print view, `#/print/review/{id}`), so the PDF and the screen never differ. Chromium loads
 * the page from a private origin whose every request is answered here: the built web app's
 * files from disk, and the review's data, already read for the caller, as its one API answer.
 * Nothing else is reachable, and no session or network is needed. Chromium is the system's
 * (`OKR_CHROMIUM`, else `chromium` on PATH); without it the answer is `renderer_unavailable`.
 */
import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import { delimiter, extname, join, resolve, sep } from "node:path";
import type { Review } from "../app/review.js";
import { OkrError } from "../core/errors.js";

/** The flags Chromium runs with on a server: headless, no sandbox, no GPU, no background calls. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
const ORIGIN = "http://review.okr.invalid";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with: `OKR_CHROMIUM` when set, else the first of NAMES on PATH. */
export function findServerChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.OKR_CHROMIUM?.trim();
  if (named) return executable(named) ? named : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const path = join(dir, name);
      if (executable(path)) return path;
    }
  }
  return undefined;
}

function unavailable(env: NodeJS.ProcessEnv): OkrError {
  const named = env.OKR_CHROMIUM?.trim();
  return new OkrError(
    "renderer_unavailable",
    named
      ? `The review PDF needs Chromium: OKR_CHROMIUM names ${named}, which is not an executable file.`
      : "The review PDF needs Chromium on the server: install it (Debian/Ubuntu: apt-get install chromium) or set OKR_CHROMIUM to its path.",
  );
}

/** A file of the built web app, never outside it. */
async function webFile(webRoot: string, path: string): Promise<Buffer | undefined> {
  const root = resolve(webRoot);
  const file = resolve(root, `.${decodeURIComponent(path)}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

export interface ReviewPdfOptions {
  webRoot: string;
  review: Review;
  env?: NodeJS.ProcessEnv;
}

/**
 * The Chromium to print with, after checking that printing can work at all (Chromium and the
 * built web app are there); `renderer_unavailable` saying what to install when not.
 */
export async function assertCanPrint(
  webRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const executablePath = findServerChromium(env);
  if (!executablePath) throw unavailable(env);
  if (!(await webFile(webRoot, "/index.html"))) {
    throw new OkrError(
      "renderer_unavailable",
      "The review PDF is printed from the built web app, which is missing: run npm run build.",
    );
  }
  return executablePath;
}

/** The review's pages as a PDF (one page per screen, 1920×1080 each). */
export async function renderReviewPdf(options: ReviewPdfOptions): Promise<Buffer> {
  const executablePath = await assertCanPrint(options.webRoot, options.env ?? process.env);
  const { chromium } = await import("playwright-core");
  const periodId = options.review.period.id;
  const data = JSON.stringify(options.review);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === `/api/periods/${encodeURIComponent(periodId)}/review`) {
        return route.fulfill({ status: 200, contentType: "application/json", body: data });
      }
      const path = url.pathname === "/" ? "/index.html" : url.pathname;
      const body = path.startsWith("/api/") ? undefined : await webFile(options.webRoot, path);
      if (!body) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({
        status: 200,
        contentType: TYPES[extname(path)] ?? "application/octet-stream",
        body,
      });
    });
    await page.goto(`${ORIGIN}/#/print/review/${encodeURIComponent(periodId)}`);
    await page.locator("[data-review-ready]").waitFor({ state: "attached", timeout: 30_000 });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({ width: "1920px", height: "1080px", printBackground: true });
  } finally {
    await browser.close().catch(() => undefined);
  }
}
