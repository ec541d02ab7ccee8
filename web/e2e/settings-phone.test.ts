/**
 * The Settings page on a 375 px phone, with the long names, emails and URLs a real workspace
 * has: no table makes the page (or itself) scroll sideways; each row of the wide tables reads as
 * labelled lines, and nothing a row says is left out.
 */
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  findChromium,
  type Harness,
  overflowsHorizontally,
  pageProblems,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const NARROW = { width: 375, height: 812 };
const LONG_NAME = "Maximiliana Bartholomew-Featherstonehaugh";
const LONG_EMAIL = "maximiliana.bartholomew-featherstonehaugh@customer-success.example-company.com";
const TOKEN_NAME = "Continuous-integration-deployment-pipeline-for-the-platform";
const CONNECTION = "GitLab of the platform engineering group";
const BASE_URL =
  "https://gitlab.platform-engineering.example-company.com/api/v4/groups/customer-success";
const HOOK_URL =
  "https://hooks.example-company.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

/** Tables inside a box of their own that scrolls sideways: their section ids. */
async function tablesScrollingSideways(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".settings .table-wrap")]
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
      .map((wrap) => wrap.closest("section[id]")?.id ?? "?"),
  );
}

/** A row as it reads on screen: each shown cell's label (drawn before it) and its text. */
async function visibleText(row: Locator): Promise<string> {
  await row.waitFor();
  return row.evaluate((tr) =>
    [...tr.querySelectorAll("td")]
      .filter((td) => getComputedStyle(td).display !== "none")
      .map((td) => {
        const before = getComputedStyle(td, "::before").content;
        const label = before === "none" ? "" : before.replace(/^"|"$/g, "");
        return `${label}${(td.textContent ?? "").trim()}`;
      })
      .join("\n"),
  );
}

describe.skipIf(!chromiumPath)("Settings at phone width in a real browser", () => {
  let harness: Harness;
  let webRoot: string;
  const savedKey = process.env.OKR_SECRET_KEY;

  beforeAll(async () => {
    process.env.OKR_SECRET_KEY = randomBytes(32).toString("base64");
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    process.env.OKR_SECRET_KEY = savedKey;
    await harness?.close();
    if (webRoot) removeDir(webRoot);
  });

  it("fits every table at 375 px without losing what a row says", async () => {
    const { page, context } = await harness.newPage(NARROW);
    await signIn(page, harness.url);
    await api(page, "POST", "/api/users", {
      name: LONG_NAME,
      email: LONG_EMAIL,
      password: "a long enough first password",
      role: "editor",
    });
    await api(page, "POST", "/api/people", { name: LONG_NAME });
    await api(page, "POST", "/api/teams", { name: "Customer Success and Renewals" });
    await api(page, "POST", "/api/tokens", { name: TOKEN_NAME });
    await api(page, "POST", "/api/connections", {
      name: CONNECTION,
      kind: "gitlab",
      baseUrl: BASE_URL,
      token: "glpat-0123456789abcdefghij",
    });
    await api(page, "POST", "/api/webhooks", {
      url: HOOK_URL,
      description: "Chat of the customer success leadership team",
    });
    await api(page, "POST", "/api/periods", { label: "FY27-Q1" });

    await page.goto(`${harness.url}/#/settings`);
    const users = page.locator("#users table");
    const connections = page.getByRole("table", { name: "Connections" });
    const tokens = page.getByRole("table", { name: "Everyone's API tokens" });
    const access = page.getByRole("table", { name: "Sign-in access" });
    await users.getByRole("row", { name: new RegExp(LONG_NAME) }).waitFor();
    await connections.getByRole("row", { name: new RegExp(CONNECTION) }).waitFor();
    await tokens.getByRole("row", { name: new RegExp(TOKEN_NAME) }).waitFor();
    await access.getByRole("row", { name: new RegExp(LONG_NAME) }).waitFor();
    await page.locator("#webhooks").getByText(HOOK_URL).waitFor();

    expect(await overflowsHorizontally(page)).toBe(false);
    expect(await tablesScrollingSideways(page)).toEqual([]);

    // Each row still says everything, as labelled lines.
    const user = await visibleText(users.getByRole("row", { name: new RegExp(LONG_NAME) }));
    expect(user).toContain(`Email: ${LONG_EMAIL}`);
    expect(user).toContain("Role:");
    expect(user).toContain("Insider:");
    await users.getByLabel(`Role of ${LONG_NAME}`).waitFor();
    const connection = await visibleText(
      connections.getByRole("row", { name: new RegExp(CONNECTION) }),
    );
    expect(connection).toContain(`Base URL: ${BASE_URL}`);
    expect(connection).toContain("Kind: gitlab");
    expect(connection).toContain("Sources: 0");
    await connections.getByRole("button", { name: `Edit connection ${CONNECTION}` }).waitFor();
    const token = await visibleText(tokens.getByRole("row", { name: new RegExp(TOKEN_NAME) }));
    expect(token).toContain(`Whose: ${"Ada Admin"}`);
    expect(token).toContain("State: active");
    const signIns = await visibleText(access.getByRole("row", { name: new RegExp(LONG_NAME) }));
    expect(signIns).toContain(LONG_EMAIL);
    expect(signIns).toContain("Status: Active");
    await access.getByRole("button", { name: `Disable ${LONG_NAME}` }).waitFor();

    await saveScreenshot(page, "settings-375");
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });
});
