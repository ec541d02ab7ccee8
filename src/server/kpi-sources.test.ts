/**
 * KPIs fed by sources and connections edited, over HTTP on SQLite and PostgreSQL, against a
 * real JSON endpoint: a KPI's source previews, saves and refreshes as a key result's does, each
 * new reading joins the KPI's history with its raw reading and moves the key results that
 * follow it; a failure keeps the last good value; a connection's name, base URL and token
 * change without its sources noticing, the token never shown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { type JsonFixture, startJsonFixture } from "../../test/support/json-fixture.js";
import { openSourceServer, type SourceServer } from "../../test/support/source-fixtures.js";
import { JOB_KINDS } from "../app/job-kinds.js";
import { createJobRunner } from "../app/jobs.js";
import { readJson } from "./test-harness.js";

const KEY = "metrics-key-one";
const NEW_KEY = "metrics-key-two";

describe.each(DIALECTS)("KPI sources and connection edits (%s)", (dialect) => {
  let server: SourceServer;
  let metrics: JsonFixture;
  let kpiId: string;
  let keyResultId: string;

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await server.call(token, method, path, body);
    return {
      status: response.status,
      json: response.status === 204 ? null : await readJson(response),
    };
  };
  const admin: SourceServer["admin"] = (method, path, body) => server.admin(method, path, body);
  const runJobs = () => createJobRunner(server.deps, { kinds: JOB_KINDS }).runOnce();
  const kpi = async () => admin("GET", `/api/kpis/${kpiId}`);
  const source = {
    connection: "Metrics",
    config: { kind: "http_json", url: "mttr", path: "$.data.value" },
  };

  beforeAll(async () => {
    metrics = await startJsonFixture(KEY);
    metrics.values.set("mttr", 31);
    server = await openSourceServer(dialect);
    await admin("POST", "/api/connections", {
      name: "Metrics",
      kind: "http",
      baseUrl: `${metrics.url}/v1`,
      token: KEY,
      authHeader: "X-Api-Key",
    });
    kpiId = (await admin("POST", "/api/kpis", { name: "MTTR", unit: "min", targetHigh: 20 })).id;
    const [kr] = await server.addKeyResults(
      { period: "2026-Q4", objective: "Recover faster" },
      { title: "Move MTTR from 34 to 20 minutes", kind: "metric", start: 34, target: 20 },
    );
    keyResultId = kr.id;
    await admin("PUT", `/api/key-results/${keyResultId}/kpi`, { kpiId });
  });
  afterAll(async () => {
    await metrics?.close();
    await server?.close();
  });

  it("previews a KPI's source, saves it, and a refresh appends to the history and moves the key result that follows", async () => {
    expect(await admin("GET", `/api/kpis/${kpiId}/source`)).toEqual({ source: null });
    expect(await admin("POST", `/api/kpis/${kpiId}/source/preview`, source)).toEqual({
      reading: { type: "value", value: 31 },
      description: "value 31",
      value: 31,
      progress: null,
    });
    expect((await kpi()).readings).toEqual([]);
    const saved = await admin("PUT", `/api/kpis/${kpiId}/source`, source);
    expect(saved).toMatchObject({
      kpiId,
      keyResultId: null,
      connectionName: "Metrics",
      kind: "http_json",
      lastReading: null,
    });
    expect((await kpi()).kpi.sourceKind).toBe("http_json");
    // The answer never waited for the service: the reading comes with the queued refresh.
    expect((await kpi()).kpi.current).toBeNull();
    await runJobs();
    const after = await kpi();
    expect(after.kpi).toMatchObject({ current: 31, bandStatus: "above" });
    expect(after.readings).toMatchObject([
      { value: 31, source: "http_json", authorName: "source: Metrics", note: "Metrics: value 31" },
    ]);
    const raw = await server.opened.db.selectFrom("kpi_readings").select("reading").execute();
    expect(raw.map((r) => JSON.parse(r.reading ?? "null"))).toEqual([{ type: "value", value: 31 }]);
    const kr = await admin("GET", `/api/key-results/${keyResultId}`);
    expect(kr).toMatchObject({ current: 31 });
    expect(kr.progress).toBeCloseTo(3 / 14);

    metrics.values.set("mttr", 27);
    const asked = await call(
      server.accounts.viewer.token,
      "POST",
      `/api/kpis/${kpiId}/source/refresh`,
    );
    expect(asked).toEqual({ status: 202, json: { queued: true } });
    await runJobs();
    expect((await kpi()).readings.map((r: { value: number }) => r.value)).toEqual([31, 27]);
    expect((await admin("GET", `/api/key-results/${keyResultId}`)).current).toBe(27);
    // The same reading again records nothing new.
    await admin("POST", `/api/kpis/${kpiId}/source/refresh`);
    await runJobs();
    expect((await kpi()).readings).toHaveLength(2);
  });

  it("a failing KPI source keeps the last good value and shows its error", async () => {
    metrics.values.set("mttr", null);
    await admin("POST", `/api/kpis/${kpiId}/source/refresh`);
    await runJobs();
    const { source: shown } = await admin("GET", `/api/kpis/${kpiId}/source`);
    expect(shown).toMatchObject({
      description: "value 27",
      lastError: expect.stringContaining("$.data.value"),
    });
    expect((await kpi()).kpi.current).toBe(27);
    metrics.values.set("mttr", 25);
  });

  it("only editors set a KPI's source; a source of the wrong kind of connection is refused by field", async () => {
    const viewer = await call(
      server.accounts.viewer.token,
      "PUT",
      `/api/kpis/${kpiId}/source`,
      source,
    );
    expect(viewer.status).toBe(403);
    const wrongKind = await call(server.accounts.admin.token, "PUT", `/api/kpis/${kpiId}/source`, {
      connection: "Metrics",
      config: { kind: "prometheus", query: "up" },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.error.details).toEqual([
      { path: "connection", message: "must be a prometheus connection" },
    ]);
  });

  it("edits a connection's name, base URL and token; its sources keep working and the token shows nowhere", async () => {
    const { connections } = await admin("GET", "/api/connections");
    const id = connections[0].id;
    metrics.key = NEW_KEY;
    const changed = await admin("PATCH", `/api/connections/${id}`, {
      name: "Grafana",
      baseUrl: `${metrics.url}/v2/`,
      token: NEW_KEY,
    });
    expect(changed).toMatchObject({
      id,
      name: "Grafana",
      baseUrl: `${metrics.url}/v2`,
      hasToken: true,
      authHeader: "X-Api-Key",
      sources: 1,
    });
    await admin("POST", `/api/kpis/${kpiId}/source/refresh`);
    await runJobs();
    expect(metrics.requests.at(-1)).toEqual({ path: "/v2/mttr", key: NEW_KEY });
    expect((await kpi()).kpi.current).toBe(25);
    expect((await admin("GET", `/api/kpis/${kpiId}/source`)).source).toMatchObject({
      connectionName: "Grafana",
      lastError: null,
    });

    // A token left blank is kept.
    await admin("PATCH", `/api/connections/${id}`, { token: "" });
    metrics.values.set("mttr", 24);
    await admin("POST", `/api/kpis/${kpiId}/source/refresh`);
    await runJobs();
    expect((await kpi()).kpi.current).toBe(24);

    const audit = JSON.stringify(await admin("GET", "/api/audit"));
    expect(audit).toContain("connection_updated");
    expect(audit).toContain('"tokenChanged":true');
    for (const text of [JSON.stringify(changed), audit]) {
      expect(text).not.toContain(NEW_KEY);
      expect(text).not.toContain(KEY);
    }

    await admin("POST", "/api/connections", { name: "Other", kind: "http", baseUrl: metrics.url });
    const taken = await call(server.accounts.admin.token, "PATCH", `/api/connections/${id}`, {
      name: "Other",
    });
    expect(taken.status).toBe(409);
    const kind = await call(server.accounts.admin.token, "PATCH", `/api/connections/${id}`, {
      kind: "gitlab",
    });
    expect(kind.status).toBe(400);
    const badUrl = await call(server.accounts.admin.token, "PATCH", `/api/connections/${id}`, {
      baseUrl: "ftp://x",
    });
    expect(badUrl.json.error.details).toEqual([
      { path: "baseUrl", message: "must be an http(s) URL" },
    ]);
    const editor = await call(server.accounts.editor.token, "PATCH", `/api/connections/${id}`, {
      name: "Mine",
    });
    expect(editor.status).toBe(403);
    // null removes the token.
    const cleared = await admin("PATCH", `/api/connections/${id}`, { token: null });
    expect(cleared).toMatchObject({ name: "Grafana", hasToken: false });
  });

  it("removing a KPI's source keeps its history and makes it manual again", async () => {
    await admin("DELETE", `/api/kpis/${kpiId}/source`);
    const after = await kpi();
    expect(after.kpi).toMatchObject({ sourceKind: "manual", sourceId: null, current: 24 });
    expect(after.readings.length).toBeGreaterThanOrEqual(3);
    expect(await admin("GET", `/api/kpis/${kpiId}/source`)).toEqual({ source: null });
    const again = await call(server.accounts.admin.token, "DELETE", `/api/kpis/${kpiId}/source`);
    expect(again.json.error).toMatchObject({
      code: "not_found",
      message: `KPI ${kpiId} has no source`,
    });
  });
});
