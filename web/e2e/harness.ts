/**
 * The end-to-end harness: builds the web app once per file, starts the real server on a free
 * port over a fresh SQLite file, and drives the system's Chromium (no browser downloads).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type RunningServer, startServer } from "../../src/server/start.js";
import { findChromium } from "../../test/support/chromium.js";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const SCREENSHOT_DIR = join(REPO_ROOT, "test-results", "screenshots");
export const ADMIN = {
  name: "Ada Admin",
  email: "ada@example.com",
  password: "correct horse battery",
};

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** Both widths, named, for `it.each`: every page is checked at desktop and phone width. */
export const WIDTHS = [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const;

export { findChromium };

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    // A production build, whatever NODE_ENV the test runner set.
    const env = { ...process.env, NODE_ENV: "production" };
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? done() : fail(new Error(`${command} failed (${code}): ${stderr}`)),
    );
  });
}

/** Builds the web app into a fresh folder, so a test never serves a stale build. */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "okr-e2e-web-"));
  await run(process.execPath, [
    join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"),
    "build",
    "--config",
    "web/vite.config.ts",
    "--outDir",
    outDir,
    "--emptyOutDir",
    "--logLevel",
    "error",
  ]);
  return outDir;
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  url: string;
  /** The server's database, for a command run beside it (`okr publish`). */
  databaseUrl: string;
  newPage(viewport?: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Starts the server (example data on or off) and the browser. */
export async function startHarness(options: {
  exampleData: boolean;
  webRoot: string;
  /** OKR_SMTP_URL and friends for the server; default none (mail off). */
  rhythmEnv?: NodeJS.ProcessEnv;
  /** The server's own job runner; default on. */
  jobs?: boolean;
}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), "okr-e2e-db-"));
  const databaseUrl = `sqlite:${join(dataDir, "okr.db")}`;
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl,
    exampleData: options.exampleData,
    handleSignals: false,
    logLevel: "warn",
    rhythmEnv: options.rhythmEnv ?? {},
    jobs: options.jobs ?? true,
    server: { webRoot: options.webRoot, signInLimit: { max: 1000, windowMs: 60_000 } },
  });
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No chromium on PATH");
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    server,
    browser,
    url,
    databaseUrl,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, baseURL: url, acceptDownloads: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" && !/status of (4\d\d)/.test(message.text()))
          problems.push(message.text());
      });
      (page as Page & { problems?: string[] }).problems = problems;
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JavaScript errors the page raised (uncaught exceptions, console errors). */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Creates the first admin through the API (the story test uses the setup page instead). */
export async function createAdminViaApi(url: string): Promise<void> {
  const response = await fetch(`${url}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header.app-header").waitFor();
}

/** Whether the page is wider than the window (content cut off at phone width). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Follows a link of the main navigation (opening the menu at phone width). */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name, exact: true })
    .click();
}

/** Calls the API as the signed-in page does (its session cookie and CSRF token); throws on a non-2xx. */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const session = await (await page.request.get("/api/session")).json();
  const response = await page.request.fetch(path, {
    method,
    headers: { "x-csrf-token": session.csrfToken ?? "", "content-type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
