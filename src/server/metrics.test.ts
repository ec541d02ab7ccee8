/**
 * `/metrics`: Prometheus text, open by default and behind a bearer token when one is set;
 * requests counted by route template (no ids, names or titles in any label), check-ins counted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { setSourceLastSuccess } from "../app/metrics.js";
import type { OpenedDatabase } from "../store/database.js";
import { createApp } from "./app.js";
import { openTestServer, readJson, request, type TestServer } from "./test-harness.js";

/** The value of one series in a Prometheus text page, or undefined when it is absent. */
function seriesValue(page: string, series: string): number | undefined {
  const line = page.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(DIALECTS)("/metrics (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(() => opened.close());

  it("answers without a token in Prometheus's text format", async () => {
    const response = await request(server.app, "GET", "/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const page = await response.text();
    expect(page).toContain("# TYPE okr_http_requests_total counter");
    expect(page).toContain("# TYPE okr_http_request_duration_seconds histogram");
    expect(page).toContain("# TYPE okr_check_ins_recorded_total counter");
    expect(page).toContain("# TYPE okr_source_last_success_timestamp_seconds gauge");
    expect(page).toContain("# TYPE okr_jobs gauge");
  });

  it("shows the job queue's depth and the sources' last success", async () => {
    const editor = server.accounts.admin.token;
    // A switched-on webhook to nowhere: each new objective queues one delivery.
    await server.call(editor, "POST", "/api/webhooks", {
      url: "http://127.0.0.1:9/nowhere",
      events: ["item.created"],
    });
    const period = await readJson(
      await server.call(editor, "POST", "/api/periods", { label: "2031-Q3" }),
    );
    await server.call(editor, "POST", "/api/objectives", { periodId: period.id, title: "One" });
    await server.call(editor, "POST", "/api/objectives", { periodId: period.id, title: "Two" });
    setSourceLastSuccess("src-1", "prometheus", new Date("2026-04-01T00:00:00Z"));
    const page = await (await request(server.app, "GET", "/metrics")).text();
    expect(seriesValue(page, 'okr_jobs{kind="webhook.deliver",state="pending"}')).toBe(2);
    expect(
      seriesValue(
        page,
        'okr_source_last_success_timestamp_seconds{source_id="src-1",kind="prometheus"}',
      ),
    ).toBe(Date.parse("2026-04-01T00:00:00Z") / 1000);
  });

  it("counts requests by route template and status, and check-ins, never showing an id or a title", async () => {
    // An admin sees confidential objectives (and the check-ins are counted as a token's).
    const editor = server.accounts.admin.token;
    const period = await readJson(
      await server.call(editor, "POST", "/api/periods", { label: "2031-Q1" }),
    );
    const objective = await readJson(
      await server.call(editor, "POST", "/api/objectives", {
        periodId: period.id,
        title: "Secret acquisition of Initech",
        confidential: true,
      }),
    );
    const kr = await readJson(
      await server.call(editor, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Sign the term sheet",
        kind: "metric",
        start: 0,
        target: 10,
      }),
    );
    const before = await (await request(server.app, "GET", "/metrics")).text();
    const series =
      'okr_http_requests_total{route="/api/key-results/:id/check-ins",method="POST",status="201"}';
    const checkIns = 'okr_check_ins_recorded_total{by="token"}';
    for (const value of [1, 2, 3]) {
      const answer = await server.call(editor, "POST", `/api/key-results/${kr.id}/check-ins`, {
        value,
      });
      expect(answer.status).toBe(201);
    }
    // The same route answering another status is another series.
    const refused = await server.call(editor, "POST", `/api/key-results/${kr.id}/check-ins`, {
      confidence: 99,
    });
    expect(refused.status).toBe(400);
    const missing = await server.call(editor, "GET", "/api/key-results/nope-not-there");
    expect(missing.status).toBe(404);
    const page = await (await request(server.app, "GET", "/metrics")).text();
    expect((seriesValue(page, series) ?? 0) - (seriesValue(before, series) ?? 0)).toBe(3);
    expect((seriesValue(page, checkIns) ?? 0) - (seriesValue(before, checkIns) ?? 0)).toBe(3);
    const refusedSeries = series.replace('status="201"', 'status="400"');
    expect(
      (seriesValue(page, refusedSeries) ?? 0) - (seriesValue(before, refusedSeries) ?? 0),
    ).toBe(1);
    expect(page).toContain('route="/api/key-results/:id",method="GET",status="404"');
    expect(page).toMatch(
      /okr_http_request_duration_seconds_count\{route="\/api\/key-results\/:id\/check-ins",method="POST"\} \d+/,
    );
    for (const secret of [kr.id, objective.id, "Initech", "term sheet", "editor@example.com"]) {
      expect(page).not.toContain(secret);
    }
  });

  it("wants the bearer token when OKR_METRICS_TOKEN is set", async () => {
    const app = createApp(server.deps, { metricsToken: "scrape-me-0123456789" });
    expect((await request(app, "GET", "/metrics")).status).toBe(401);
    const wrong = await request(app, "GET", "/metrics", undefined, {
      authorization: "Bearer nope",
    });
    expect(wrong.status).toBe(401);
    const right = await request(app, "GET", "/metrics", undefined, {
      authorization: "Bearer scrape-me-0123456789",
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("# TYPE");
  });
});
