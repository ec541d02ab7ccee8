/**
 * A key result that updates itself: in the browser, attach a GitLab issue list to a key result,
 * see the preview ("7 of 12 closed → 58%"), save, and find the new progress in the tree; a
 * signed GitLab webhook for a closed issue moves it, an unsigned one changes nothing. GitLab is
 * a real HTTP server answering as its REST documentation describes.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobStatus } from "../../src/app/jobs.js";
import {
  type ForgeFixtures,
  GITLAB_TOKEN,
  gitlabIssues,
  startForgeFixtures,
} from "../../test/support/forge-fixtures.js";
import {
  api,
  buildWebApp,
  createAdminViaApi,
  DESKTOP,
  findChromium,
  type Harness,
  pageProblems,
  removeDir,
  saveScreenshot,
  signIn,
  startHarness,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

const HOOK_SECRET = "e2e-gitlab-hook-secret";
const TITLE = "Close the launch issues";
/** Background work (the job runner polls each second, the page each second) gets this long. */
const WAIT = { timeout: 15_000, interval: 200 };

/** The key result's row in the period's tree, its progress as the bar says it. */
async function treeProgress(page: Page, periodId: string): Promise<string | null> {
  await page.goto(`/#/periods/${periodId}`);
  // The same hash again is no navigation: load the tree afresh.
  await page.reload();
  const row = page.locator(".tree-row.kr", { hasText: TITLE });
  await row.waitFor();
  return row.getByRole("progressbar").getAttribute("aria-valuetext");
}

describe.skipIf(!chromiumPath)("key results that update themselves from GitLab", () => {
  let harness: Harness;
  let webRoot: string;
  let forge: ForgeFixtures;
  const savedKey = process.env.OKR_SECRET_KEY;

  beforeAll(async () => {
    process.env.OKR_SECRET_KEY = randomBytes(32).toString("base64");
    forge = await startForgeFixtures();
    forge.gitlab.issues = gitlabIssues(12, 7, { labels: ["launch"] });
    webRoot = await buildWebApp();
    harness = await startHarness({ exampleData: false, webRoot });
    await createAdminViaApi(harness.url);
  });
  afterAll(async () => {
    process.env.OKR_SECRET_KEY = savedKey;
    await harness?.close();
    await forge?.close();
    if (webRoot) removeDir(webRoot);
  });

  const hook = (body: unknown, token?: string) =>
    fetch(`${harness.url}/api/hooks/gitlab`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": "Issue Hook",
        ...(token ? { "x-gitlab-token": token } : {}),
      },
      body: JSON.stringify(body),
    });
  const closeIssue = (iid: number) => {
    const issue = forge.gitlab.issues.find((i) => i.iid === iid);
    if (issue) issue.state = "closed";
    return {
      object_kind: "issue",
      project: { id: 42, path_with_namespace: "acme/app" },
      object_attributes: { iid, action: "close" },
    };
  };

  it("attaches an issue list with a preview, and webhooks move it only when signed", async () => {
    const { page } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    await api(page, "POST", "/api/connections", {
      name: "GitLab",
      kind: "gitlab",
      baseUrl: `${forge.url}/gitlab`,
      token: GITLAB_TOKEN,
      webhookSecret: HOOK_SECRET,
    });
    const period = await api<{ id: string }>(page, "POST", "/api/periods", { label: "2026-Q3" });
    const objective = await api<{ id: string }>(page, "POST", "/api/objectives", {
      periodId: period.id,
      title: "Launch the new app",
    });
    const kr = await api<{ id: string }>(page, "POST", "/api/key-results", {
      objectiveId: objective.id,
      title: TITLE,
      kind: "percentage",
    });

    await page.goto(`/#/key-results/${kr.id}`);
    const form = page.getByRole("form", { name: "Attach a source" });
    await form.getByLabel("Project").fill("acme/app");
    await form.getByLabel("Labels").fill("launch");
    await form.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => form.locator("output.source-preview").textContent(), WAIT)
      .toBe("7 of 12 closed → 58%");
    await saveScreenshot(page, "source-preview");
    await form.getByRole("button", { name: "Save source" }).click();
    await expect
      .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
      .toMatch(/^7 of 12 closed → 58%/);
    await expect
      .poll(
        () =>
          page
            .getByRole("progressbar", { name: "Progress" })
            .first()
            .getAttribute("aria-valuetext"),
        WAIT,
      )
      .toBe("58%");
    expect(await treeProgress(page, period.id)).toBe("58%");

    // Unsigned and mis-signed: refused, nothing queued, the tree unchanged.
    const refreshesBefore = await sourceRefreshes(harness);
    const unsigned = await hook(closeIssue(8));
    const misSigned = await hook(closeIssue(8), "not-the-secret");
    expect([unsigned.status, misSigned.status]).toEqual([401, 401]);
    expect(await sourceRefreshes(harness)).toEqual(refreshesBefore);
    expect(await treeProgress(page, period.id)).toBe("58%");

    // Signed: the matching source refreshes at once and the tree shows 8 of 12.
    const signed = await hook(closeIssue(8), HOOK_SECRET);
    expect(signed.status).toBe(202);
    expect(await signed.json()).toEqual({ connection: "GitLab", refreshing: [kr.id] });
    await expect.poll(async () => treeProgress(page, period.id), WAIT).toBe("67%");
    await saveScreenshot(page, "source-tree-after-webhook");
    await page.goto(`/#/periods/${period.id}/dashboard`);
    await expect.poll(() => page.getByTestId("company-score").textContent(), WAIT).toBe("0.67");

    // The key result shows the reading and the source as the author of its check-ins.
    await page.goto(`/#/key-results/${kr.id}`);
    await expect
      .poll(() => page.getByTestId("source-reading").textContent(), WAIT)
      .toMatch(/^8 of 12 closed → 67%/);
    await expect(page.getByRole("cell", { name: "source: GitLab" }).count()).resolves.toBe(2);
    expect(pageProblems(page)).toEqual([]);
  });

  it("shows a failing source's error on the key result and in Settings, keeping its value", async () => {
    const { page } = await harness.newPage(DESKTOP);
    await signIn(page, harness.url);
    forge.rateLimit(100, 3600);
    const { connections } = await api<{ connections: { id: string }[] }>(
      page,
      "GET",
      "/api/connections",
    );
    expect(connections).toHaveLength(1);
    const sources = await harness.server.deps.db
      .selectFrom("sources")
      .select("key_result_id")
      .execute();
    const id = sources[0]?.key_result_id as string;
    await page.goto(`/#/key-results/${id}`);
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect
      .poll(() => page.getByTestId("source-error").textContent(), WAIT)
      .toMatch(/^GitLab rate limit reached \(429\); try again in 3600 s/);
    expect(await page.getByTestId("source-reading").textContent()).toMatch(/^8 of 12 closed → 67%/);
    await page.goto("/#/settings");
    const table = page.getByRole("table", { name: "Connections" });
    await expect.poll(() => table.textContent(), WAIT).toContain("GitLab rate limit reached (429)");
    await expect.poll(() => table.textContent(), WAIT).toContain("1 (1 failing)");
    await saveScreenshot(page, "settings-connections");
    forge.rateLimit(0, 0);
    expect(pageProblems(page)).toEqual([]);
  });
});

/** How many source refreshes the queue has run or holds. */
async function sourceRefreshes(harness: Harness) {
  const [status] = await jobStatus(harness.server.deps, "source.refresh");
  return status
    ? { pending: status.pending, running: status.running, last: status.lastSuccessAt }
    : null;
}
