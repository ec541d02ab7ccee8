/**
 * A burst of webhooks in makes one refresh per matching source, not one per event: 50 signed
 * GitLab issue events at once for one project read the GitLab fixture (a real HTTP server
 * counting its calls) once for the key result and once for the KPI that read that project.
 * An event after that refresh started asks for one more. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import {
  type ForgeFixtures,
  GITLAB_TOKEN,
  gitlabIssues,
  startForgeFixtures,
} from "../../test/support/forge-fixtures.js";
import { openSourceServer, type SourceServer } from "../../test/support/source-fixtures.js";
import { readJson, request } from "./test-harness.js";

const SECRET = "gitlab-burst-secret";

describe.each(DIALECTS)("webhook bursts (%s)", (dialect) => {
  let server: SourceServer;
  let forge: ForgeFixtures;
  let keyResultId: string;
  let kpiId: string;

  const admin: SourceServer["admin"] = (method, path, body) => server.admin(method, path, body);
  // The runner as it sees the queue once the merge window has passed.
  const runJobs = () => server.runJobs();
  const issueListCalls = () =>
    forge.requests.filter((r) => r.url.startsWith("/gitlab/api/v4/projects/acme%2Fapp/issues"))
      .length;
  const closeIssue = (iid: number) => {
    const issue = forge.gitlab.issues.find((i) => i.iid === iid);
    if (issue) issue.state = "closed";
    return JSON.stringify({
      object_kind: "issue",
      project: { id: 42, path_with_namespace: "acme/app" },
      object_attributes: { iid, action: "close" },
    });
  };
  const hook = (body: string) =>
    request(server.app, "POST", "/api/hooks/gitlab", body, { "x-gitlab-token": SECRET });

  beforeAll(async () => {
    forge = await startForgeFixtures();
    forge.gitlab.issues = gitlabIssues(100, 20);
    server = await openSourceServer(dialect);
    await admin("POST", "/api/connections", {
      name: "GitLab",
      kind: "gitlab",
      baseUrl: `${forge.url}/gitlab`,
      token: GITLAB_TOKEN,
      webhookSecret: SECRET,
    });
    const [kr] = await server.addKeyResults(
      { period: "2026-Q4", objective: "Clear the backlog" },
      { title: "Close the app's issues", kind: "percentage" },
    );
    keyResultId = kr.id;
    kpiId = (await admin("POST", "/api/kpis", { name: "Issues closed", unit: "%" })).id;
    const source = { connection: "GitLab", config: { kind: "gitlab_issues", project: "acme/app" } };
    await admin("PUT", `/api/key-results/${keyResultId}/source`, source);
    await admin("PUT", `/api/kpis/${kpiId}/source`, source);
    await runJobs();
  });
  afterAll(async () => {
    await forge?.close();
    await server?.close();
  });

  it("50 events at once for one project make one refresh per matching source", async () => {
    expect((await admin("GET", `/api/kpis/${kpiId}`)).kpi.current).toBe(20);
    // What one refresh of one source costs upstream (the list is paged).
    const before = issueListCalls();
    await admin("POST", `/api/key-results/${keyResultId}/source/refresh`);
    await runJobs();
    const perRefresh = issueListCalls() - before;
    expect(perRefresh).toBeGreaterThan(0);

    const start = issueListCalls();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, k) => hook(closeIssue(21 + k))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    expect(await readJson(answers[0] as Response)).toMatchObject({
      refreshing: expect.arrayContaining([keyResultId, kpiId]),
    });
    expect(await runJobs()).toBe(2);
    expect(issueListCalls() - start).toBe(2 * perRefresh);
    expect((await admin("GET", `/api/key-results/${keyResultId}`)).progress).toBeCloseTo(0.7);
    const { kpi, readings } = await admin("GET", `/api/kpis/${kpiId}`);
    expect(kpi.current).toBe(70);
    expect(readings.map((r: { value: number }) => r.value)).toEqual([20, 70]);

    // The next event after those refreshes ran asks for one more of each.
    const next = issueListCalls();
    await hook(closeIssue(71));
    await hook(closeIssue(72));
    expect(await runJobs()).toBe(2);
    expect(issueListCalls() - next).toBe(2 * perRefresh);
    expect((await admin("GET", `/api/kpis/${kpiId}`)).kpi.current).toBe(72);
  });

  it("a webhook secret changed on the connection: the old one is refused, the new one accepted", async () => {
    const changed = await admin("PATCH", "/api/connections/GitLab", {
      webhookSecret: "a-new-burst-secret",
    });
    expect(changed).toMatchObject({ name: "GitLab", hasToken: true, hasWebhookSecret: true });
    const event = closeIssue(73);
    expect((await hook(event)).status).toBe(401);
    const fresh = await request(server.app, "POST", "/api/hooks/gitlab", event, {
      "x-gitlab-token": "a-new-burst-secret",
    });
    expect(fresh.status).toBe(202);
    expect(await runJobs()).toBe(2);
    expect((await admin("GET", `/api/kpis/${kpiId}`)).kpi.current).toBe(73);
  });
});
