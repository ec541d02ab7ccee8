/**
 * Check-in: POST a check-in over HTTP (validation, progress and roll-up of the key result,
 * audit event, one transaction) vs a raw INSERT of a check-in row in a transaction, run
 * alternately. Target ≤ 3×.
 */
import { randomUUID } from "node:crypto";
import { openDatabase } from "../src/store/database.js";
import { callApi } from "./support/http.js";
import { interleavedMedians } from "./support/measure.js";
import { BENCH_DIALECTS, withServedOrg } from "./support/served.js";
import type { Bench, BenchRow } from "./types.js";

const ORG = {
  people: 500,
  teams: 100,
  quarters: 1,
  objectives: 500,
  keyResults: 1500,
  checkIns: 15_000,
};

const bench: Bench = async (ctx) => {
  const runs = Math.max(50, Math.round(300 * ctx.scale));
  const rows: BenchRow[] = [];
  for (const dialect of BENCH_DIALECTS) {
    const row = await withServedOrg(ctx, dialect, "checkin", ORG, async (server, org) => {
      const ids = org.keyResultIds;
      const pick = (run: number) => ids[Math.abs(run * 31) % ids.length] as string;
      const opened = await openDatabase(org.url, { poolSize: 2 });
      try {
        const overHttp = async (run: number) => {
          const answer = await callApi(
            server.url,
            org.token,
            "POST",
            `/api/key-results/${pick(run)}/check-ins`,
            {
              value: Math.abs(run % 100),
              confidence: 7,
              note: "bench",
            },
          );
          if (answer.status >= 300)
            throw new Error(`check-in answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        };
        const rawInsert = (run: number) =>
          opened.db.transaction().execute((trx) =>
            trx
              .insertInto("check_ins")
              .values({
                id: randomUUID(),
                key_result_id: pick(run),
                value: Math.abs(run % 100),
                progress: null,
                health: null,
                confidence: 7,
                note: "bench",
                author_id: null,
                author_name: "bench",
                created_at: new Date().toISOString(),
              })
              .execute(),
          );
        ctx.progress(`check-in (${dialect}): ${runs} each over HTTP and as a raw insert`);
        const { ours, baseline } = await interleavedMedians(overHttp, rawInsert, runs);
        return {
          name: `check-in over HTTP (${dialect})`,
          value: ours,
          baseline,
          baselineName: "raw INSERT in a transaction",
          unit: "ms",
          ratio: ours / baseline,
          target: 3,
          note: `median of ${runs}, one at a time`,
        } satisfies BenchRow;
      } finally {
        await opened.close();
      }
    });
    rows.push(row);
  }
  return rows;
};

export default bench;
