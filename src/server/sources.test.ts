/**
 * Sources of progress over HTTP, on SQLite and PostgreSQL, against GitLab and GitHub fixtures
 * served by a real HTTP server: a connection's token never comes back, a preview reads "7 of 12
 * closed → 58%", a refresh checks in as the source with its raw reading kept, a failure keeps
 * the last good value and shows its error, and webhooks in move progress only when signed.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import {
  type ForgeFixtures,
  GITHUB_TOKEN,
  GITLAB_TOKEN,
  gitlabIssues,
  startForgeFixtures,
} from "../../test/support/forge-fixtures.js";
import { openSourceServer, type SourceServer } from "../../test/support/source-fixtures.js";
import { readJson, request } from "./test-harness.js";

const GITLAB_HOOK_SECRET = "gitlab-hook-secret";
const GITHUB_HOOK_SECRET = "github-hook-secret";

describe.each(DIALECTS)("sources of progress (%s)", (dialect) => {
  let server: SourceServer;
  let forge: ForgeFixtures;
  let keyResultId: string;
  let githubKeyResultId: string;

  const admin: SourceServer["admin"] = (method, path, body) => server.admin(method, path, body);
  // A webhook's refresh waits HOOK_MERGE_MS for the rest of its burst: the runner looks past it.
  const runJobs = () => server.runJobs();
  const progressOf = async (id: string) => (await admin("GET", `/api/key-results/${id}`)).progress;

  beforeAll(async () => {
    forge = await startForgeFixtures();
    server = await openSourceServer(dialect);
    [keyResultId, githubKeyResultId] = (
      await server.addKeyResults(
        { period: "2026-Q1", objective: "Ship it" },
        { title: "Close the OKR issues", kind: "percentage" },
        { title: "Close the milestone", kind: "percentage" },
      )
    ).map((kr) => kr.id);
  });
  afterAll(async () => {
    await forge?.close();
    await server?.close();
  });

  it("keeps a connection's token encrypted, out of every answer and out of the audit trail", async () => {
    const added = await admin("POST", "/api/connections", {
      name: "GitLab",
      kind: "gitlab",
      baseUrl: `${forge.url}/gitlab/`,
      token: GITLAB_TOKEN,
      webhookSecret: GITLAB_HOOK_SECRET,
    });
    expect(added).toMatchObject({ name: "GitLab", hasToken: true, hasWebhookSecret: true });
    await admin("POST", "/api/connections", {
      name: "GitHub",
      kind: "github",
      baseUrl: `${forge.url}/github`,
      token: GITHUB_TOKEN,
      webhookSecret: GITHUB_HOOK_SECRET,
    });
    const listed = await (
      await server.call(server.accounts.viewer.token, "GET", "/api/connections")
    ).text();
    const audit = await (
      await server.call(server.accounts.admin.token, "GET", "/api/audit")
    ).text();
    const rows = JSON.stringify(
      await server.opened.db.selectFrom("connections").selectAll().execute(),
    );
    for (const text of [JSON.stringify(added), listed, audit, rows]) {
      expect(text).not.toContain(GITLAB_TOKEN);
      expect(text).not.toContain(GITLAB_HOOK_SECRET);
    }
    expect(audit).toContain("[redacted]");
    expect(JSON.parse(listed).connections.map((c: { name: string }) => c.name)).toEqual([
      "GitHub",
      "GitLab",
    ]);
    const asEditor = await server.call(server.accounts.editor.token, "POST", "/api/connections", {
      name: "Mine",
      kind: "http",
      baseUrl: "https://example.com",
    });
    expect(asEditor.status).toBe(403);
  });

  it("refuses to store a token without OKR_SECRET_KEY, saying how to set it", async () => {
    const key = process.env.OKR_SECRET_KEY;
    delete process.env.OKR_SECRET_KEY;
    try {
      const answer = await server.call(server.accounts.admin.token, "POST", "/api/connections", {
        name: "No key",
        kind: "github",
        baseUrl: "https://api.github.com",
        token: "ghp_x",
      });
      expect(answer.status).toBe(422);
      expect((await readJson(answer)).error).toMatchObject({
        code: "invalid_config",
        message: expect.stringContaining("OKR_SECRET_KEY is not set"),
      });
    } finally {
      process.env.OKR_SECRET_KEY = key;
    }
  });

  it("previews an issue list's reading, saves it, and the refresh checks in as the source", async () => {
    forge.gitlab.issues = gitlabIssues(12, 7, { labels: ["okr"] });
    const body = {
      connection: "GitLab",
      config: { kind: "gitlab_issues", project: "acme/app", labels: "okr" },
    };
    const preview = await admin("POST", `/api/key-results/${keyResultId}/source/preview`, body);
    expect(preview).toMatchObject({ description: "7 of 12 closed → 58%", value: 58.33 });
    expect(await admin("GET", `/api/key-results/${keyResultId}/source`)).toEqual({ source: null });

    const saved = await admin("PUT", `/api/key-results/${keyResultId}/source`, body);
    expect(saved).toMatchObject({
      kind: "gitlab_issues",
      connectionName: "GitLab",
      lastReading: null,
    });
    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    expect(await progressOf(keyResultId)).toBeCloseTo(7 / 12);
    const source = (await admin("GET", `/api/key-results/${keyResultId}/source`)).source;
    expect(source).toMatchObject({ description: "7 of 12 closed → 58%", lastError: null });
    const history = await admin("GET", `/api/key-results/${keyResultId}/check-ins`);
    const last = history.checkIns?.at?.(-1) ?? history.at?.(-1);
    expect(last).toMatchObject({
      authorName: "source: GitLab",
      note: "GitLab: 7 of 12 closed → 58%",
    });
    const kept = await server.opened.db.selectFrom("source_readings").selectAll().execute();
    expect(kept.map((r) => JSON.parse(r.reading))).toEqual([
      { type: "ratio", done: 7, total: 12, unit: "closed" },
    ]);

    // Asked again with nothing changed: no new check-in.
    expect(
      (
        await server.call(
          server.accounts.viewer.token,
          "POST",
          `/api/key-results/${keyResultId}/source/refresh`,
        )
      ).status,
    ).toBe(202);
    await runJobs();
    const again = await admin("GET", `/api/key-results/${keyResultId}/check-ins`);
    expect(JSON.stringify(again)).toBe(JSON.stringify(history));
  });

  it("says why a preview cannot be read and refuses a connection of the wrong kind", async () => {
    const wrongProject = await server.call(
      server.accounts.admin.token,
      "POST",
      `/api/key-results/${keyResultId}/source/preview`,
      {
        connection: "GitLab",
        config: { kind: "gitlab_issues", project: "acme/nope" },
      },
    );
    expect(wrongProject.status).toBe(502);
    expect((await readJson(wrongProject)).error).toMatchObject({
      code: "upstream_failed",
      message: expect.stringMatching(/GitLab has nothing at .*acme%2Fnope.* \(404 Not Found\)/),
    });
    const wrongKind = await server.call(
      server.accounts.admin.token,
      "PUT",
      `/api/key-results/${keyResultId}/source`,
      {
        connection: "GitHub",
        config: { kind: "gitlab_epic", group: "acme", epic: 1 },
      },
    );
    expect(wrongKind.status).toBe(400);
    expect((await readJson(wrongKind)).error.message).toContain(
      "reads through a gitlab connection; 'GitHub' is github",
    );
    const noProject = await server.call(
      server.accounts.admin.token,
      "PUT",
      `/api/key-results/${keyResultId}/source`,
      {
        connection: "GitLab",
        config: { kind: "gitlab_issues" },
      },
    );
    expect(noProject.status).toBe(400);
    expect((await readJson(noProject)).error.details).toEqual([
      { path: "config.project", message: "give a project or a group (one of them)" },
    ]);
    const viewer = await server.call(
      server.accounts.viewer.token,
      "PUT",
      `/api/key-results/${keyResultId}/source`,
      {
        connection: "GitLab",
        config: { kind: "gitlab_issues", project: "acme/app" },
      },
    );
    expect(viewer.status).toBe(403);
  });

  it("a signed GitLab webhook moves the key result; an unsigned or mis-signed one changes nothing", async () => {
    forge.gitlab.issues[8] = {
      ...(forge.gitlab.issues[8] as (typeof forge.gitlab.issues)[number]),
      state: "closed",
    };
    const event = JSON.stringify({
      object_kind: "issue",
      project: { id: 42, path_with_namespace: "acme/app" },
      object_attributes: { iid: 9, action: "close" },
    });
    const unsigned = await request(server.app, "POST", "/api/hooks/gitlab", event);
    const misSigned = await request(server.app, "POST", "/api/hooks/gitlab", event, {
      "x-gitlab-token": "guess",
    });
    expect([unsigned.status, misSigned.status]).toEqual([401, 401]);
    expect(await runJobs()).toBe(0);
    expect(await progressOf(keyResultId)).toBeCloseTo(7 / 12);

    const signed = await request(server.app, "POST", "/api/hooks/gitlab", event, {
      "x-gitlab-token": GITLAB_HOOK_SECRET,
    });
    expect(signed.status).toBe(202);
    expect(await readJson(signed)).toEqual({ connection: "GitLab", refreshing: [keyResultId] });
    await runJobs();
    expect(await progressOf(keyResultId)).toBeCloseTo(8 / 12);

    const otherProject = JSON.stringify({
      object_kind: "issue",
      project: { id: 7, path_with_namespace: "other/thing" },
    });
    const elsewhere = await request(server.app, "POST", "/api/hooks/gitlab", otherProject, {
      "x-gitlab-token": GITLAB_HOOK_SECRET,
    });
    expect(await readJson(elsewhere)).toEqual({ connection: "GitLab", refreshing: [] });
  });

  it("a GitHub webhook counts only with the HMAC of its raw body", async () => {
    forge.github.milestones.set(3, { open: 6, closed: 4 });
    await admin("PUT", `/api/key-results/${githubKeyResultId}/source`, {
      connection: "GitHub",
      config: { kind: "github_milestone", repo: "acme/app", milestone: 3 },
    });
    await runJobs();
    expect(await progressOf(githubKeyResultId)).toBeCloseTo(0.4);
    forge.github.milestones.set(3, { open: 5, closed: 5 });
    const event = JSON.stringify({ action: "closed", repository: { full_name: "acme/app" } });
    const sign = (secret: string, body: string) =>
      `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    const wrong = await request(server.app, "POST", "/api/hooks/github", event, {
      "x-hub-signature-256": sign("not the secret", event),
    });
    const tampered = await request(server.app, "POST", "/api/hooks/github", `${event} `, {
      "x-hub-signature-256": sign(GITHUB_HOOK_SECRET, event),
    });
    expect([wrong.status, tampered.status]).toEqual([401, 401]);
    expect(await runJobs()).toBe(0);
    const good = await request(server.app, "POST", "/api/hooks/github", event, {
      "x-hub-signature-256": sign(GITHUB_HOOK_SECRET, event),
    });
    expect(good.status).toBe(202);
    await runJobs();
    expect(await progressOf(githubKeyResultId)).toBeCloseTo(0.5);
  });

  it("a failing source keeps its last good value and shows its error on the key result and the connection", async () => {
    forge.rateLimit(10, 3600);
    await admin("POST", `/api/key-results/${keyResultId}/source/refresh`);
    await runJobs();
    const source = (await admin("GET", `/api/key-results/${keyResultId}/source`)).source;
    expect(source).toMatchObject({
      description: "8 of 12 closed → 67%",
      lastError: "GitLab rate limit reached (429); try again in 3600 s",
    });
    expect(await progressOf(keyResultId)).toBeCloseTo(8 / 12);
    const { connections } = await admin("GET", "/api/connections");
    expect(connections.find((c: { name: string }) => c.name === "GitLab")).toMatchObject({
      failingSources: 1,
      lastError: "GitLab rate limit reached (429); try again in 3600 s",
    });
    forge.rateLimit(0, 0);
    const removing = await server.call(
      server.accounts.admin.token,
      "DELETE",
      "/api/connections/GitLab",
    );
    expect(removing.status).toBe(409);
    expect((await readJson(removing)).error.message).toBe(
      "1 source reads through 'GitLab': remove it from its key result or KPI first",
    );
    await admin("DELETE", `/api/key-results/${keyResultId}/source`);
    expect(await admin("GET", `/api/key-results/${keyResultId}/source`)).toEqual({ source: null });
    expect(await progressOf(keyResultId)).toBeCloseTo(8 / 12);
  });
});
