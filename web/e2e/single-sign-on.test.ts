/**
 * Single sign-on end to end in Chromium against a real OpenID provider (oidc-provider): the
 * authorization code flow with PKCE, state and nonce; accounts matched by verified email or made
 * with the default role; and every refusal — wrong issuer, expired code, altered ID token,
 * swapped nonce, another sign-in's state, unverified email, other domain, disabled account —
 * told on the sign-in page in words, never a stack trace.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OidcConfig } from "../../src/app/oidc-config.js";
import { SIGN_ON_PROBLEMS } from "../../src/core/sign-on-problems.js";
import { type RunningServer, startServer } from "../../src/server/start.js";
import { startOidcProvider, type TestOidcProvider } from "../../test/support/oidc-provider.js";
import {
  ADMIN,
  buildWebApp,
  DESKTOP,
  findChromium,
  overflowsHorizontally,
  PHONE,
  pageProblems,
  removeDir,
  saveScreenshot,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const CLIENT = { clientId: "okr-tests", clientSecret: "a client secret for the tests" };

describe.skipIf(!chromiumPath)("single sign-on with OpenID Connect in a real browser", () => {
  let webRoot: string;
  let provider: TestOidcProvider;
  let browser: Browser;
  /** Configured right; password sign-in on. */
  let app: RunningServer;
  /** Configured with the provider's address spelled differently (a wrong issuer); passwords off. */
  let misconfigured: RunningServer;
  const dirs: string[] = [];

  async function start(oidc: OidcConfig, passwordSignIn: boolean): Promise<RunningServer> {
    const dir = mkdtempSync(join(tmpdir(), "okr-e2e-sso-"));
    dirs.push(dir);
    const server = await startServer({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: `sqlite:${join(dir, "okr.db")}`,
      exampleData: false,
      handleSignals: false,
      logLevel: "silent",
      server: { webRoot, oidc, passwordSignIn },
    });
    const setup = await fetch(`http://127.0.0.1:${server.port}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
    return server;
  }

  const base = (server: RunningServer) => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    provider = await startOidcProvider();
    const oidc: OidcConfig = {
      issuer: provider.issuer,
      ...CLIENT,
      name: "Test ID",
      defaultRole: "editor",
      emailDomains: ["example.com"],
      publicUrl: null,
    };
    app = await start(oidc, true);
    misconfigured = await start(
      { ...oidc, issuer: `http://127.0.0.1:${provider.port}`, name: "Test ID" },
      false,
    );
    provider.configure([
      {
        ...CLIENT,
        redirectUris: [app, misconfigured].map((s) => `${base(s)}/api/auth/oidc/callback`),
      },
    ]);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  });
  afterEach(() => {
    provider.misbehave.expireCodes = false;
    provider.misbehave.tamperIdToken = false;
    provider.misbehave.swapNonce = false;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await misconfigured?.close();
    await provider?.close();
    for (const dir of [webRoot, ...dirs]) if (dir) removeDir(dir);
  });

  /** A fresh browser (no provider session, no app session) on the app's sign-in page. */
  async function open(server: RunningServer, viewport = DESKTOP) {
    const context = await browser.newContext({ viewport, baseURL: base(server) });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    (page as Page & { problems?: string[] }).problems = problems;
    await page.goto("/");
    await page.getByRole("heading", { name: "Sign in to OKR" }).waitFor();
    return { context, page };
  }

  /** Clicks "Sign in with Test ID" and signs in at the provider as `email`. */
  async function signOnAs(page: Page, email: string): Promise<void> {
    await page.getByRole("link", { name: "Sign in with Test ID" }).click();
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("any password will do");
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('input[name="prompt"][value="consent"]');
    const back = page.locator("header.app-header, .auth-page");
    await consent.or(back).first().waitFor({ state: "attached" });
    if ((await consent.count()) > 0) await page.locator('button[type="submit"]').click();
    await back.first().waitFor();
  }

  /** The refusal on the sign-in page; it must be the product's words, not a stack trace. */
  async function refusal(page: Page): Promise<string> {
    const alert = page.locator(".auth-page [role=alert]");
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).not.toMatch(/\bat \S+:\d+|Error:|TypeError/);
    expect(page.url()).not.toContain("sso_error");
    return text;
  }

  async function whoAmI(page: Page) {
    const session = await (await page.request.get("/api/session")).json();
    return session.user as { email: string; name: string; role: string } | null;
  }

  it("signs in with the provider (code flow, PKCE, state, nonce) and makes the account once", async () => {
    const { page, context } = await open(app);
    await expect
      .poll(() => page.getByRole("link", { name: "Sign in with Test ID" }).count())
      .toBe(1);
    await saveScreenshot(page, "sign-in-with-provider-1280");
    const authorization: URL[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.port === String(provider.port) && url.pathname === "/auth") authorization.push(url);
    });
    await signOnAs(page, "nia.lee@example.com");
    await page.locator("header.app-header").waitFor();
    expect(await whoAmI(page)).toMatchObject({
      email: "nia.lee@example.com",
      name: "Nia Lee",
      role: "editor",
    });
    const sent = authorization[0]?.searchParams;
    expect(sent?.get("code_challenge_method")).toBe("S256");
    expect(sent?.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(sent?.get("state")).toMatch(/^[\w-]{16,}$/);
    expect(sent?.get("nonce")).toMatch(/^[\w-]{16,}$/);
    expect(sent?.get("redirect_uri")).toBe(`${base(app)}/api/auth/oidc/callback`);
    expect(pageProblems(page)).toEqual([]);
    await context.close();

    // Again, from another browser: the same account, not a second one.
    const again = await open(app);
    await signOnAs(again.page, "NIA.LEE@example.com");
    await again.page.locator("header.app-header").waitFor();
    const users = await adminUsers();
    expect(users.filter((u) => u.email === "nia.lee@example.com")).toHaveLength(1);
    await again.context.close();
  });

  it("matches an existing account by its verified email, keeping its role", async () => {
    const { page, context } = await open(app);
    await signOnAs(page, ADMIN.email);
    await page.locator("header.app-header").waitFor();
    expect(await whoAmI(page)).toMatchObject({ email: ADMIN.email, role: "admin" });
    await context.close();
  });

  it("fits a phone: the provider's button and the password form", async () => {
    const { page, context } = await open(app, PHONE);
    await page.getByRole("link", { name: "Sign in with Test ID" }).waitFor();
    await page.getByLabel("Password").waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await saveScreenshot(page, "sign-in-with-provider-390");
    await context.close();
  });

  it("refuses an expired code", async () => {
    provider.misbehave.expireCodes = true;
    const { page, context } = await open(app);
    await signOnAs(page, "oscar@example.com");
    expect(await refusal(page)).toBe(SIGN_ON_PROBLEMS.code_rejected);
    expect(await whoAmI(page)).toBeNull();
    await context.close();
  });

  it("refuses an ID token altered after the provider signed it", async () => {
    provider.misbehave.tamperIdToken = true;
    const { page, context } = await open(app);
    await signOnAs(page, "pia@example.com");
    expect(await refusal(page)).toBe(SIGN_ON_PROBLEMS.id_token_invalid);
    expect(await whoAmI(page)).toBeNull();
    expect((await adminUsers()).map((u) => u.email)).not.toContain("mallory@example.com");
    await saveScreenshot(page, "sign-in-refused-1280");
    await context.close();
  });

  it("refuses an ID token issued for another nonce", async () => {
    provider.misbehave.swapNonce = true;
    const { page, context } = await open(app);
    await signOnAs(page, "quinn@example.com");
    expect(await refusal(page)).toBe(SIGN_ON_PROBLEMS.nonce_mismatch);
    expect(await whoAmI(page)).toBeNull();
    await context.close();
  });

  it("refuses an answer whose state belongs to an earlier sign-in in this browser", async () => {
    const { page, context } = await open(app);
    // The first sign-in waits at the provider while a second one starts in another tab.
    await page.getByRole("link", { name: "Sign in with Test ID" }).click();
    await page.locator('input[name="login"]').waitFor();
    const other = await context.newPage();
    await other.goto(`${base(app)}/api/auth/oidc/start`);
    await other.locator('input[name="login"]').waitFor();
    await page.locator('input[name="login"]').fill("rosa@example.com");
    await page.locator('input[name="password"]').fill("any");
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('input[name="prompt"][value="consent"]');
    const back = page.locator(".auth-page, header.app-header");
    await consent.or(back).first().waitFor({ state: "attached" });
    if ((await consent.count()) > 0) await page.locator('button[type="submit"]').click();
    expect(await refusal(page)).toBe(SIGN_ON_PROBLEMS.state_mismatch);
    expect(await whoAmI(page)).toBeNull();
    await context.close();
  });

  it("refuses an unverified email, an email of another domain, and a disabled account", async () => {
    const unverified = await open(app);
    await signOnAs(unverified.page, "unverified.uma@example.com");
    expect(await refusal(unverified.page)).toBe(SIGN_ON_PROBLEMS.email_unverified);
    await unverified.context.close();

    const outsider = await open(app);
    await signOnAs(outsider.page, "olga@elsewhere.org");
    expect(await refusal(outsider.page)).toBe(SIGN_ON_PROBLEMS.email_domain);
    await outsider.context.close();
    expect((await adminUsers()).map((u) => u.email)).not.toContain("olga@elsewhere.org");

    const nia = (await adminUsers()).find((u) => u.email === "nia.lee@example.com");
    await adminCall("POST", `/api/users/${nia?.id}/disable`);
    const disabled = await open(app);
    await signOnAs(disabled.page, "nia.lee@example.com");
    expect(await refusal(disabled.page)).toBe(SIGN_ON_PROBLEMS.account_disabled);
    await disabled.context.close();
    await adminCall("POST", `/api/users/${nia?.id}/enable`);
  });

  it("refuses a provider that answers as another issuer; with passwords off, only the button shows", async () => {
    const { page, context } = await open(misconfigured);
    await page.getByRole("link", { name: "Sign in with Test ID" }).waitFor();
    expect(await page.getByLabel("Password").count()).toBe(0);
    await page.getByRole("link", { name: "Sign in with Test ID" }).click();
    expect(await refusal(page)).toBe(SIGN_ON_PROBLEMS.wrong_issuer);
    const password = await fetch(`${base(misconfigured)}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(password.status).toBe(403);
    expect((await password.json()).error.message).toMatch(/Password sign-in is turned off/);
    await context.close();
  });

  /** The admin's API calls, with a token made for the purpose. */
  let adminToken: string | undefined;
  async function adminCall(method: string, path: string) {
    if (!adminToken) {
      const signIn = await fetch(`${base(app)}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const made = await fetch(`${base(app)}/api/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ name: "sign-on tests" }),
      });
      adminToken = ((await made.json()) as { secret: string }).secret;
    }
    const response = await fetch(`${base(app)}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}` },
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json();
  }
  async function adminUsers(): Promise<{ id: string; email: string }[]> {
    return ((await adminCall("GET", "/api/users")) as { users: { id: string; email: string }[] })
      .users;
  }
});
