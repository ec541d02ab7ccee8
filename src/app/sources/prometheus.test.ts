/**
 * A key result and a KPI follow a Prometheus query on their schedule: a real Prometheus
 * scrapes a gauge the test sets; the sources' schedule (run by the job queue under a test
 * clock) reads it, checks the value in on the key result, its progress computed from start and
 * target ("reduce the p99 from 0.5 s to 0.2 s"), and adds it to the KPI's history.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../../test/support/databases.js";
import {
  hasPrometheus,
  type PrometheusHarness,
  startPrometheus,
} from "../../../test/support/prometheus.js";
import { addKeyResultUnder } from "../../../test/support/source-fixtures.js";
import { depsOf } from "../../server/test-harness.js";
import type { OpenedDatabase } from "../../store/database.js";
import { addConnection } from "../connections.js";
import { SYSTEM_ACTOR } from "../deps.js";
import { JOB_KINDS, SCHEDULES } from "../job-kinds.js";
import { createJobRunner } from "../jobs.js";
import { getKeyResult } from "../key-results.js";
import { createKpi, getKpi } from "../kpis.js";
import { getSourceOf, keyResultOwner, kpiOwner, setSourceOf } from "../owner-sources.js";

const GAUGE = "okr_test_request_p99_seconds";
const present = hasPrometheus();
if (!present)
  console.warn("Skipping the Prometheus test: no prometheus on PATH (apt-get install prometheus).");

describe.skipIf(!present)("a key result following a Prometheus query", () => {
  let prometheus: PrometheusHarness;
  beforeAll(async () => {
    process.env.OKR_SECRET_KEY ??= randomBytes(32).toString("hex");
    prometheus = await startPrometheus(GAUGE, 0.35);
    await prometheus.waitForValue(GAUGE, 0.35);
  });
  afterAll(() => prometheus?.close());

  describe.each(DIALECTS)("%s", (dialect) => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
    });
    afterAll(() => opened?.close());

    it("updates on the sources' schedule, and only then", async () => {
      prometheus.setGauge(0.35);
      await prometheus.waitForValue(GAUGE, 0.35);
      let clock = new Date();
      const deps = { ...depsOf(opened), now: () => clock };
      await addConnection(deps, SYSTEM_ACTOR, {
        name: "Prometheus",
        kind: "prometheus",
        baseUrl: prometheus.url,
      });
      const kr = await addKeyResultUnder(
        deps,
        { period: "2026-Q4", objective: "Fast pages" },
        {
          title: "Reduce the p99 from 0.5 s to 0.2 s",
          kind: "metric",
          start: 0.5,
          target: 0.2,
        },
      );
      await setSourceOf(deps, SYSTEM_ACTOR, keyResultOwner(kr.id), {
        connection: "Prometheus",
        config: { kind: "prometheus", query: GAUGE },
      });
      // A KPI on the same query: the same model, schedule and real Prometheus.
      const kpi = await createKpi(deps, SYSTEM_ACTOR, { name: "p99", unit: "s", targetHigh: 0.3 });
      await setSourceOf(deps, SYSTEM_ACTOR, kpiOwner(kpi.id), {
        connection: "Prometheus",
        config: { kind: "prometheus", query: GAUGE },
      });
      const runner = createJobRunner(deps, { kinds: JOB_KINDS, schedules: SCHEDULES });
      await runner.runOnce();
      expect(await getKeyResult(deps, SYSTEM_ACTOR, kr.id)).toMatchObject({ current: 0.35 });
      expect((await getKeyResult(deps, SYSTEM_ACTOR, kr.id)).progress).toBeCloseTo(0.5);

      prometheus.setGauge(0.26);
      await prometheus.waitForValue(GAUGE, 0.26);
      await runner.runOnce();
      // No slot of the schedule has come yet: the key result keeps the last reading.
      expect(await getKeyResult(deps, SYSTEM_ACTOR, kr.id)).toMatchObject({ current: 0.35 });

      clock = new Date(clock.getTime() + 16 * 60_000);
      await runner.runOnce();
      const after = await getKeyResult(deps, SYSTEM_ACTOR, kr.id);
      expect(after.current).toBe(0.26);
      expect(after.progress).toBeCloseTo(0.8);
      expect((await getSourceOf(deps, SYSTEM_ACTOR, keyResultOwner(kr.id)))?.description).toBe(
        "value 0.26 → 80%",
      );
      const { kpi: read, readings } = await getKpi(deps, SYSTEM_ACTOR, kpi.id);
      expect(read).toMatchObject({
        current: 0.26,
        bandStatus: "in_band",
        sourceKind: "prometheus",
      });
      expect(readings.map((r) => [r.value, r.source, r.authorName])).toEqual([
        [0.35, "prometheus", "source: Prometheus"],
        [0.26, "prometheus", "source: Prometheus"],
      ]);
    });
  });
});
