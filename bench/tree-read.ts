/**
 * Tree read: GET a period's tree of 6,000 objectives and key results, with scores, through the
 * real HTTP server (auth, roll-up, visibility, JSON) vs the raw SQL select of the same rows
 * plus JSON.stringify, on SQLite and PostgreSQL. Three rows per dialect:
 * - reads between writes (the answer cache; target ≤ 1.5×),
 * - the first read after a write (the counter bumped before each read: the whole tree is
 *   read, rolled up and encoded again),
 * - the answer's size against the raw rows' JSON (target ≤ 1.3×).
 * Ours and the baseline run alternately so a busy spell on the machine falls on both.
 */
import http from "node:http";
import { sql } from "kysely";
import { openDatabase } from "../src/store/database.js";
import { noteReadScopes } from "../src/store/read-versions.repository.js";
import { checkInBetween } from "./support/check-in-between.js";
import { interleavedMedians, medianMs } from "./support/measure.js";
import { BENCH_DIALECTS, withServedOrg } from "./support/served.js";
import type { Bench, BenchRow } from "./types.js";

/** Two quarters; the open one holds 1,500 objectives and 4,500 key results (6,000 items). */
const ORG = {
  people: 2000,
  teams: 400,
  quarters: 2,
  objectives: 3000,
  keyResults: 9000,
  checkIns: 60_000,
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** GETs `path` with a bearer token and receives the whole body as bytes, unparsed. */
function fetchBytes(
  baseUrl: string,
  token: string,
  path: string,
  encoding: string,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method: "GET",
        agent,
        headers: {
          accept: "application/json",
          authorization: `Bearer ${token}`,
          "accept-encoding": encoding,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.setTimeout(60_000, () =>
      request.destroy(new Error(`no answer to GET ${path} within 60 s`)),
    );
    request.on("error", reject);
    request.end();
  });
}

const bench: Bench = async (ctx) => {
  const runs = Math.max(7, Math.round(25 * ctx.scale));
  const rows: BenchRow[] = [];
  for (const dialect of BENCH_DIALECTS) {
    const produced = await withServedOrg(ctx, dialect, "tree", ORG, async (server, org) => {
      const path = `/api/periods/${org.periodId}/tree`;
      let bytes = 0;
      // The whole answer is received, but not parsed: parsing 5 MB of JSON is the client's
      // work (tens of ms), and the baseline does not parse what it stringifies either.
      const read = async (encoding: string) => {
        const answer = await fetchBytes(server.url, org.token, path, encoding);
        if (answer.status !== 200) {
          const text = answer.body.toString("utf8").slice(0, 300);
          throw new Error(`GET ${path} answered ${answer.status}: ${text}`);
        }
        if (encoding === "identity") bytes = answer.body.byteLength;
      };
      const opened = await openDatabase(org.url, { poolSize: 2 });
      try {
        let rawBytes = 0;
        const select = async () => {
          const objectives =
            await sql`select * from objectives where period_id = ${org.periodId}`.execute(
              opened.db,
            );
          const keyResults =
            await sql`select * from key_results where period_id = ${org.periodId}`.execute(
              opened.db,
            );
          const links = await sql`select * from links where period_id = ${org.periodId}`.execute(
            opened.db,
          );
          rawBytes = JSON.stringify({
            objectives: objectives.rows,
            keyResults: keyResults.rows,
            links: links.rows,
          }).length;
        };
        ctx.progress(
          `tree read (${dialect}): ${org.items} items, ${runs} runs each of HTTP and the raw select`,
        );
        const cached = await interleavedMedians(() => read("identity"), select, runs);
        const gzip = await medianMs(() => read("gzip"), Math.max(3, Math.round(runs / 3)), 1);
        // A write between reads: bump the period's counter as every write does, then read.
        const afterWrite = await interleavedMedians(
          async () => {
            await noteReadScopes(opened.db, [org.periodId]);
            await read("identity");
          },
          async () => {
            await noteReadScopes(opened.db, [org.periodId]);
            await select();
          },
          Math.max(5, Math.round(runs / 2)),
        );
        // A check-in between reads: the period's model is brought forward, not read whole.
        const checkIn = checkInBetween(server.url, org.token, org.keyResultIds);
        const afterCheckIn = await interleavedMedians(
          async (run) => {
            await checkIn(run);
            await read("identity");
          },
          async (run) => {
            await checkIn(run);
            await select();
          },
          Math.max(5, Math.round(runs / 2)),
        );
        const label = `${org.items} items (${dialect})`;
        return [
          {
            name: `tree read between writes, ${label}`,
            value: cached.ours,
            baseline: cached.baseline,
            baselineName: "raw select + JSON.stringify",
            unit: "ms",
            ratio: cached.ours / cached.baseline,
            target: 1.5,
            note: `median of ${runs}, from the answer cache; asking for gzip (as browsers do) takes ${Math.round(gzip)} ms`,
          },
          {
            name: `tree read after a write, ${label}`,
            value: afterWrite.ours,
            baseline: afterWrite.baseline,
            baselineName: "raw select + JSON.stringify",
            unit: "ms",
            ratio: afterWrite.ours / afterWrite.baseline,
            note: "the period's write counter bumped before each read: rows read, rolled up, encoded again",
          },
          {
            name: `tree read after a check-in, ${label}`,
            value: afterCheckIn.ours,
            baseline: afterCheckIn.baseline,
            baselineName: "the same check-in, then raw select + JSON.stringify",
            unit: "ms",
            ratio: afterCheckIn.ours / afterCheckIn.baseline,
            note: "a check-in over HTTP before each read, and before each baseline select: only the changed paths rolled up and encoded again",
          },
          {
            name: `tree answer size, ${label}`,
            value: bytes / 1024,
            baseline: rawBytes / 1024,
            baselineName: "the raw rows as JSON",
            unit: "kB",
            ratio: bytes / rawBytes,
            target: 1.3,
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
