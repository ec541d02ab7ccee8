/**
 * Dashboard read: GET a 1,000-item quarter's dashboard through the real HTTP server vs the
 * same aggregates in raw SQL plus JSON.stringify (score distribution, the first page and total
 * of at-risk and stale key results, objectives counted by owner), on SQLite and PostgreSQL.
 * Rows: reads between writes (target ≤ 2×), the first read after a write (the roll-up and
 * progress over time computed again), and the answer's size (target ≤ 30 kB).
 */
import { sql } from "kysely";
import { openDatabase } from "../src/store/database.js";
import { noteReadScopes } from "../src/store/read-versions.repository.js";
import { checkInBetween } from "./support/check-in-between.js";
import { callApi } from "./support/http.js";
import { interleavedMedians } from "./support/measure.js";
import { BENCH_DIALECTS, withServedOrg } from "./support/served.js";
import type { Bench, BenchRow } from "./types.js";

/** Two quarters of 250 objectives and 750 key results each: 1,000 items in the open one. */
const ORG = {
  people: 300,
  teams: 60,
  quarters: 2,
  objectives: 500,
  keyResults: 1500,
  checkIns: 20_000,
};

const bench: Bench = async (ctx) => {
  const runs = Math.max(9, Math.round(31 * ctx.scale));
  const rows: BenchRow[] = [];
  for (const dialect of BENCH_DIALECTS) {
    const produced = await withServedOrg(ctx, dialect, "dashboard", ORG, async (server, org) => {
      const path = `/api/periods/${org.periodId}/dashboard`;
      let bytes = 0;
      const read = async () => {
        const answer = await callApi(server.url, org.token, "GET", path);
        if (answer.status !== 200) {
          throw new Error(`GET ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        }
        bytes = Buffer.byteLength(answer.text);
      };
      const opened = await openDatabase(org.url, { poolSize: 2 });
      const db = opened.db;
      const p = org.periodId;
      const live = sql`period_id = ${p} and archived = 0 and (status is null or status <> 'cancelled')`;
      let rawBytes = 0;
      const baseline = async () => {
        const [distribution, atRisk, stale, owners] = await Promise.all([
          sql`select case when progress is null then -1 when progress > 1 then 10
                else cast(progress * 10 as integer) end as bucket, count(*) as n, sum(progress) as s
              from key_results where ${live} group by 1`.execute(db),
          sql`select id, objective_id, title, owner_name, health, progress, last_check_in_at,
                count(*) over () as total
              from key_results where ${live} and health in ('at_risk', 'needs_attention')
              order by coalesce(progress, 0), title, id limit 20`.execute(db),
          sql`select id, objective_id, title, owner_name, health, progress, last_check_in_at,
                count(*) over () as total
              from key_results where ${live}
                and (status is null or status not in ('done', 'cancelled', 'carried_over', 'missed'))
                and (last_check_in_at is null or last_check_in_at < ${new Date(Date.now() - 14 * 86_400_000).toISOString()})
              order by coalesce(last_check_in_at, ''), title, id limit 20`.execute(db),
          sql`select owner_kind, owner_id, owner_name, count(*) as n
              from objectives where ${live} group by owner_kind, owner_id, owner_name
              order by owner_name limit 20`.execute(db),
        ]);
        rawBytes = JSON.stringify({
          distribution: distribution.rows,
          atRisk: atRisk.rows,
          stale: stale.rows,
          owners: owners.rows,
        }).length;
      };
      try {
        ctx.progress(`dashboard read (${dialect}): ${org.items} items, ${runs} runs each`);
        const cached = await interleavedMedians(read, baseline, runs);
        const afterWrite = await interleavedMedians(
          async () => {
            await noteReadScopes(db, [p]);
            await read();
          },
          async () => {
            await noteReadScopes(db, [p]);
            await baseline();
          },
          Math.max(5, Math.round(runs / 3)),
        );
        // A check-in between reads: the period's model is brought forward, not read whole.
        const checkIn = checkInBetween(server.url, org.token, org.keyResultIds);
        const afterCheckIn = await interleavedMedians(
          async (run) => {
            await checkIn(run);
            await read();
          },
          async (run) => {
            await checkIn(run);
            await baseline();
          },
          Math.max(5, Math.round(runs / 3)),
        );
        const label = `${org.items} items (${dialect})`;
        return [
          {
            name: `dashboard read between writes, ${label}`,
            value: cached.ours,
            baseline: cached.baseline,
            baselineName: "the same aggregates in raw SQL + JSON.stringify",
            unit: "ms",
            ratio: cached.ours / cached.baseline,
            target: 2,
            note: `median of ${runs}; scores from the answer cache, lists and counts from the database`,
          },
          {
            name: `dashboard read after a write, ${label}`,
            value: afterWrite.ours,
            baseline: afterWrite.baseline,
            baselineName: "the same aggregates in raw SQL + JSON.stringify",
            unit: "ms",
            ratio: afterWrite.ours / afterWrite.baseline,
            note: "the period's write counter bumped before each read: roll-up and progress over time computed again",
          },
          {
            name: `dashboard read after a check-in, ${label}`,
            value: afterCheckIn.ours,
            baseline: afterCheckIn.baseline,
            baselineName: "the same check-in, then the same aggregates in raw SQL",
            unit: "ms",
            ratio: afterCheckIn.ours / afterCheckIn.baseline,
            note: "a check-in over HTTP before each read, and before each baseline query: scores from the model brought forward, progress over time rolled up again only where it moved",
          },
          {
            name: `dashboard answer size, ${label}`,
            value: bytes / 1024,
            baseline: rawBytes / 1024,
            baselineName: "the raw aggregates as JSON",
            unit: "kB",
            ratio: bytes / rawBytes,
            target: 30,
            targetOn: "value",
          },
        ] satisfies BenchRow[];
      } finally {
        await opened.close();
      }
    });
    rows.push(...produced);
  }
  return rows;
};

export default bench;
