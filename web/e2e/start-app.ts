/**
 * The set-up most browser tests share: a fresh build of the web app, the server and browser over
 * it, and the first admin; and signing in as someone other than that admin.
 */
import type { Page } from "playwright-core";
import {
  buildWebApp,
  createAdminViaApi,
  type Harness,
  removeDir,
  startHarness,
} from "./harness.js";

const MAIL_FROM = "okr <okr@example.com>";

/**
 * Builds the web app, starts the harness over it and creates the first admin; `close()` also
 * removes the build. With `smtpUrl` the server mails through that SMTP server, and links in its
 * mail point where the browser reaches the server.
 */
export async function startApp(options: {
  exampleData: boolean;
  /** The server's own job runner; default on. */
  jobs?: boolean;
  smtpUrl?: string;
}): Promise<Harness> {
  const { smtpUrl } = options;
  const webRoot = await buildWebApp();
  let harness: Harness;
  try {
    harness = await startHarness({
      exampleData: options.exampleData,
      webRoot,
      jobs: options.jobs,
      rhythmEnv: smtpUrl ? { OKR_SMTP_URL: smtpUrl, OKR_MAIL_FROM: MAIL_FROM } : undefined,
    });
  } catch (error) {
    removeDir(webRoot);
    throw error;
  }
  const closeHarness = harness.close;
  const app: Harness = {
    ...harness,
    async close() {
      await closeHarness();
      removeDir(webRoot);
    },
  };
  try {
    if (smtpUrl)
      app.server.deps.rhythm = { mail: { smtpUrl, from: MAIL_FROM }, publicUrl: app.url };
    await createAdminViaApi(app.url);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/** Signs in through the sign-in page as `email` and waits for the app shell. */
export async function signInAs(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header.app-header").waitFor();
}
