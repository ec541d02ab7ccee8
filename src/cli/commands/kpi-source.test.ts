/**
 * `okr source … --kpi` and `okr connection edit` against a real JSON endpoint: a KPI named by
 * its name previews, saves, refreshes and shows its source; a connection's name, base URL and
 * token change (the token from the environment, never printed) and its sources keep reading.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { type JsonFixture, startJsonFixture } from "../../../test/support/json-fixture.js";
import { setSourceEnv } from "../../../test/support/source-fixtures.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { createKpi, getKpi } from "../../app/kpis.js";
import { withDatabase } from "./user.js";

describe.each(DIALECTS)("okr source --kpi and okr connection edit (%s)", (dialect) => {
  let database: EmptyDatabase;
  let metrics: JsonFixture;
  let kpiId: string;
  let restoreEnv: () => void;

  beforeAll(async () => {
    restoreEnv = setSourceEnv({
      METRICS_KEY: "cli-metrics-key-one",
      METRICS_KEY_NEW: "cli-metrics-key-two",
    });
    metrics = await startJsonFixture("cli-metrics-key-one");
    metrics.values.set("arr", 1.5);
    database = await createEmptyDatabase(dialect);
    kpiId = await withDatabase(
      database.url,
      async (deps) => (await createKpi(deps, SYSTEM_ACTOR, { name: "ARR", unit: "M€" })).id,
    );
  });
  afterAll(async () => {
    restoreEnv?.();
    await metrics?.close();
    await database?.drop();
  });

  it("sets, refreshes and shows a KPI's source; edits its connection; removes the source", async () => {
    const db = ["--database-url", database.url];
    const added = await okr([
      "connection",
      "add",
      "--name",
      "Metrics",
      "--kind",
      "http",
      "--base-url",
      `${metrics.url}/v1`,
      "--token-env",
      "METRICS_KEY",
      "--auth-header",
      "X-Api-Key",
      ...db,
    ]);
    expect(added.exitCode).toBe(0);
    const set = ["source", "set", "ARR", "--kpi", "--connection", "Metrics", "--kind", "http_json"];
    const where = ["--url", "finance/arr", "--path", "$.data.value"];
    expect((await okr([...set, ...where, "--preview", ...db])).stdout).toBe("value 1.5\n");
    expect((await okr([...set, ...where, ...db])).stdout).toBe(
      "Set http_json source via Metrics on ARR; its first refresh is queued\n",
    );
    expect((await okr(["source", "refresh", "ARR", "--kpi", ...db])).stdout).toBe("value 1.5\n");
    const detail = await withDatabase(database.url, (deps) => getKpi(deps, SYSTEM_ACTOR, kpiId));
    expect(detail.kpi).toMatchObject({ current: 1.5, sourceKind: "http_json" });
    expect(detail.readings).toMatchObject([{ value: 1.5, source: "http_json" }]);

    metrics.key = "cli-metrics-key-two";
    metrics.values.set("arr", 1.75);
    const edited = await okr([
      "connection",
      "edit",
      "Metrics",
      "--name",
      "Finance",
      "--base-url",
      `${metrics.url}/v2`,
      "--token-env",
      "METRICS_KEY_NEW",
      ...db,
    ]);
    expect(edited.stdout).toMatch(
      /^Changed \S+\tFinance\thttp\thttp:\/\/127\.0\.0\.1:\d+\/v2\ttoken set\n$/,
    );
    expect(edited.stdout + edited.stderr).not.toContain("cli-metrics-key");
    expect((await okr(["source", "refresh", kpiId, "--kpi", ...db])).stdout).toBe("value 1.75\n");
    expect(metrics.requests.at(-1)).toEqual({
      path: "/v2/finance/arr",
      key: "cli-metrics-key-two",
    });
    expect((await okr(["source", "show", "ARR", "--kpi", ...db])).stdout).toMatch(
      /^http_json via Finance: .*\nlast reading: value 1\.75 \(.+\)\n$/,
    );

    const both = await okr([
      "connection",
      "edit",
      "Finance",
      "--clear-token",
      "--token-env",
      "METRICS_KEY",
      ...db,
    ]);
    expect(both).toMatchObject({
      stderr: "okr: --clear-token and --token-env: give one of them (invalid_input)\n",
      exitCode: 2,
    });
    const noKpi = await okr(["source", "show", "NPS", "--kpi", ...db]);
    expect(noKpi.stderr).toBe("okr: KPI NPS not found (give its id or exact name) (not_found)\n");
    expect((await okr(["source", "remove", "ARR", "--kpi", ...db])).stdout).toBe(
      "Removed the source of ARR\n",
    );
    expect((await okr(["source", "show", "ARR", "--kpi", ...db])).stdout).toBe("No source.\n");
  });
});
