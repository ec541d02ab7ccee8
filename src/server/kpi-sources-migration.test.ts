/**
 * Migration 0012 on SQLite and PostgreSQL: a key result's source saved before it moves to
 * `sources` with its reading and error, and keeps working through the app; a source belongs
 * to exactly one key result or KPI, and goes with it.
 */
import { PassThrough, Readable } from "node:stream";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase, openTestDatabaseAt } from "../../test/support/databases.js";
import { addKeyResultUnder } from "../../test/support/source-fixtures.js";
import {
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
} from "../../test/support/store-fixtures.js";
import { addConnection } from "../app/connections.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { createKpi, deleteKpi } from "../app/kpis.js";
import { getSourceOf, keyResultOwner, setSourceOf } from "../app/owner-sources.js";
import { restoreBackup, writeBackup } from "../store/backup.js";
import { insertKeyResult } from "../store/key-results.repository.js";
import { migrateToLatest } from "../store/migrate.js";
import { insertObjective } from "../store/objectives.repository.js";
import { insertPeriod } from "../store/periods.repository.js";
import { depsOf } from "./test-harness.js";

/** Where the key result of each test goes. */
const SHIP = { period: "2026-Q1", objective: "Ship" };

describe.each(DIALECTS)("migration 0012-kpi-sources (%s)", (dialect) => {
  it("moves key results' sources to sources, readings and errors kept; one owner each", async () => {
    const { opened, raw } = await openTestDatabaseAt(dialect, "0010-read-changes");
    try {
      const deps = depsOf(opened);
      // Written straight into the store: today's use cases also write tables 0010 had not
      // made yet (the audit journal).
      await insertPeriod(opened.db, makePeriod({ id: "P1", label: SHIP.period }));
      await insertObjective(
        opened.db,
        makeNewObjective({ id: "O1", periodId: "P1", title: SHIP.objective }),
      );
      const kr = { id: "K1" };
      await insertKeyResult(
        opened.db,
        makeNewKeyResult({
          ...kr,
          periodId: "P1",
          objectiveId: "O1",
          title: "Close the issues",
          kind: "percentage",
        }),
      );
      const at = "2026-02-01T10:00:00.000Z";
      await raw
        .insertInto("connections")
        .values({
          id: "c1",
          name: "GitLab",
          kind: "gitlab",
          base_url: "https://gitlab.example.com",
          created_at: at,
          updated_at: at,
        })
        .execute();
      const config = { kind: "gitlab_issues", project: "acme/app", measure: "count" };
      await raw
        .insertInto("key_result_sources")
        .values({
          key_result_id: kr.id,
          connection_id: "c1",
          kind: "gitlab_issues",
          config: JSON.stringify(config),
          last_reading: JSON.stringify({ type: "ratio", done: 7, total: 12, unit: "closed" }),
          last_success_at: at,
          last_error: "GitLab rate limit reached (429); try again in 3600 s",
          last_error_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();

      expect((await migrateToLatest(opened.db)).applied).toContain("0012-kpi-sources");
      expect(
        await raw.selectFrom("sources").select(["id", "key_result_id", "kpi_id"]).execute(),
      ).toEqual([{ id: kr.id, key_result_id: kr.id, kpi_id: null }]);
      expect(await getSourceOf(deps, SYSTEM_ACTOR, keyResultOwner(kr.id))).toMatchObject({
        keyResultId: kr.id,
        kpiId: null,
        connectionName: "GitLab",
        config,
        description: "7 of 12 closed → 58%",
        lastSuccessAt: at,
        lastError: "GitLab rate limit reached (429); try again in 3600 s",
      });

      const row = (id: string, owner: Record<string, string | null>) => ({
        id,
        ...owner,
        connection_id: "c1",
        kind: "prometheus",
        config: "{}",
        created_at: at,
        updated_at: at,
      });
      await expect(
        raw
          .insertInto("sources")
          .values(row("s1", { key_result_id: null, kpi_id: null }))
          .execute(),
      ).rejects.toThrow();
      const kpi = await createKpi(deps, SYSTEM_ACTOR, { name: "MTTR" });
      await expect(
        raw
          .insertInto("sources")
          .values(row("s2", { key_result_id: kr.id, kpi_id: kpi.id }))
          .execute(),
      ).rejects.toThrow();
      await raw
        .insertInto("sources")
        .values(row("s3", { kpi_id: kpi.id }))
        .execute();
      await deleteKpi(deps, SYSTEM_ACTOR, kpi.id);
      const left = await sql<{ n: number | string }>`select count(*) as n from sources`.execute(
        raw,
      );
      expect(Number(left.rows[0]?.n)).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it("restores a backup made before 0012, its key results' sources moved to sources", async () => {
    const from = await openTestDatabase(dialect);
    const into = await openTestDatabase(dialect);
    try {
      const deps = depsOf(from);
      await addConnection(deps, SYSTEM_ACTOR, {
        name: "Metrics",
        kind: "http",
        baseUrl: "http://127.0.0.1:9",
      });
      const kr = await addKeyResultUnder(deps, SHIP, {
        title: "Fast pages",
        kind: "metric",
        start: 1,
        target: 0.2,
      });
      await setSourceOf(deps, SYSTEM_ACTOR, keyResultOwner(kr.id), {
        connection: "Metrics",
        config: { kind: "http_json", url: "p99", path: "$.value" },
      });
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on("data", (chunk: Buffer) => chunks.push(chunk));
      await writeBackup(from.db, out, { source: dialect });
      out.end();
      // The same backup as okr wrote it before 0012: key_result_sources, no ids, no kpi_id.
      const old = Buffer.concat(chunks)
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const record = JSON.parse(line);
          const rename = (counts: Record<string, number>) => {
            const { sources, ...rest } = counts;
            return { ...rest, key_result_sources: sources };
          };
          if (record.format) {
            record.migrations = record.migrations.filter((m: string) => m !== "0012-kpi-sources");
            record.counts = rename(record.counts);
          } else if (record.end) record.counts = rename(record.counts);
          else if (record.table === "sources") {
            const { id: _id, kpi_id: _kpi, ...row } = record.row;
            return JSON.stringify({ table: "key_result_sources", row });
          }
          return JSON.stringify(record);
        });
      expect(old.filter((line) => line.includes('"table":"key_result_sources"'))).toHaveLength(1);
      const restored = await restoreBackup(into.db, Readable.from([`${old.join("\n")}\n`]));
      expect(restored.sources).toBe(1);
      expect(await getSourceOf(depsOf(into), SYSTEM_ACTOR, keyResultOwner(kr.id))).toMatchObject({
        keyResultId: kr.id,
        kpiId: null,
        connectionName: "Metrics",
        config: { kind: "http_json", url: "p99", path: "$.value" },
      });
    } finally {
      await from.close();
      await into.close();
    }
  });
});
