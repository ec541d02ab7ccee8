/**
 * Property: random edits made through the API to an imported page, then a Markdown export.
 * Re-parsing the export gives the database's state (owners, titles, progress of every key
 * result), and every line no edit touched is still there, byte for byte.
 */

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { DocumentItem } from "../core/document.js";
import type { KeyResult } from "../core/types.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const PAGE = [
  "# FY21-Q3 OKRs",
  "",
  "Prose before the OKRs stays as it is.",
  "",
  "1. **Sales: Grow the pipeline.** => 50%",
  "    1. Sales KR: Book 40 demos. => 25%",
  "    1. Sales KR: Close 10 deals.",
  "    1. Sales KR: Open 3 regional offices. => 1 of 3",
  "1. **Support: Answer quickly.**",
  "    1. Support KR: First answer within 4 hours. => Done",
  "    1. Support KR: Publish 20 help articles. => 40%",
  "",
  "| a | table |",
  "|---|-------|",
  "",
].join("\n");

type Edit =
  | { kind: "check-in"; kr: number; progress: number }
  | { kind: "title"; kr: number; word: string }
  | { kind: "outcome"; kr: number; outcome: string }
  | { kind: "archive"; kr: number }
  | { kind: "add"; objective: number; n: number }
  | { kind: "move"; kr: number; objective: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("check-in" as const),
    kr: fc.nat(4),
    progress: fc.integer({ min: 0, max: 150 }).map((n) => n / 100),
  }),
  fc.record({
    kind: fc.constant("title" as const),
    kr: fc.nat(4),
    word: fc.constantFrom("soon", "again", "in EMEA"),
  }),
  fc.record({
    kind: fc.constant("outcome" as const),
    kr: fc.nat(4),
    outcome: fc.constantFrom("Done", "55%", "2 of 4"),
  }),
  fc.record({ kind: fc.constant("archive" as const), kr: fc.nat(4) }),
  fc.record({ kind: fc.constant("add" as const), objective: fc.nat(1), n: fc.nat(999) }),
  fc.record({ kind: fc.constant("move" as const), kr: fc.nat(4), objective: fc.nat(1) }),
);

function keyResultsOf(items: DocumentItem[]): DocumentItem[] {
  return items.flatMap((i) => [
    ...(i.kind === "key_result" ? [i] : []),
    ...keyResultsOf(i.children),
  ]);
}

describe.each(DIALECTS)("source-preserving export under random API edits (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let run = 0;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("re-parses to the database's state and keeps every untouched line", async () => {
    const token = server.accounts.admin.token;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(token, method, path, body);
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return readJson(response);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 6 }), async (edits) => {
        const label = `${2100 + run++}-Q1`;
        const { periodId } = await call("POST", "/api/import/apply", {
          markdown: PAGE,
          periodLabel: label,
        });
        const touched = new Set<string>();
        const added: string[] = [];
        for (const edit of edits) {
          const { objectives, keyResults } = await listPeriodItems(opened.db, periodId);
          const krs = keyResults
            .filter((k) => !k.archived)
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
          if (edit.kind === "add") {
            const objective = objectives[edit.objective % objectives.length];
            const title = `New result ${edit.n}-${added.length}.`;
            added.push(title);
            await call("POST", "/api/key-results", {
              objectiveId: objective?.id,
              title,
              kind: "percentage",
              owner: objective?.owner?.name,
              position: 99,
            });
            continue;
          }
          const kr = krs[edit.kr % Math.max(krs.length, 1)] as KeyResult | undefined;
          if (kr === undefined) continue;
          if (!added.includes(kr.title)) touched.add(kr.id);
          if (edit.kind === "check-in") {
            await call("POST", `/api/key-results/${kr.id}/check-ins`, { progress: edit.progress });
          } else if (edit.kind === "move") {
            const objective = objectives[edit.objective % objectives.length];
            await call("POST", `/api/key-results/${kr.id}/move`, {
              version: kr.version,
              objectiveId: objective?.id,
              position: 50,
            });
          } else if (edit.kind === "archive") {
            await call("POST", `/api/key-results/${kr.id}/archive`, { version: kr.version });
          } else if (edit.kind === "title") {
            await call("PATCH", `/api/key-results/${kr.id}`, {
              version: kr.version,
              title: kr.title.replace(/\.$/, ` ${edit.word}.`),
            });
          } else {
            await call("PATCH", `/api/key-results/${kr.id}`, {
              version: kr.version,
              outcome: edit.outcome,
            });
          }
        }
        const exported = await server.call(
          token,
          "GET",
          `/api/export?periodId=${periodId}&format=md`,
        );
        const text = await exported.text();

        // The database's key results, as the re-parsed page says them.
        const { keyResults } = await listPeriodItems(opened.db, periodId);
        const live = keyResults.filter((k) => !k.archived);
        const parsed = keyResultsOf(parseHandbook(text).items);
        expect(parsed.map((k) => k.title).sort()).toEqual(live.map((k) => k.title).sort());
        for (const kr of live) {
          const found = parsed.find((p) => p.title === kr.title);
          expect(found?.owner, kr.title).toBe(kr.owner?.name ?? null);
          // An outcome set in the app is written as set; otherwise the page says the progress.
          if (found?.outcome !== kr.outcome && kr.progress !== null) {
            expect(found?.progress, kr.title).toBeCloseTo(kr.progress, 4);
          }
        }

        // Every line no edit touched is still there, byte for byte and in the same order.
        const edited = keyResults.filter((k) => touched.has(k.id));
        const untouched = PAGE.split("\n").filter(
          (line) =>
            !edited.some((k) => line.includes(`KR: ${k.title.split(" ").slice(0, 2).join(" ")}`)),
        );
        const written = text.split("\n");
        let at = 0;
        for (const line of untouched) {
          const found = written.indexOf(line, at);
          expect(found, `"${line}" is gone or out of order`).toBeGreaterThanOrEqual(0);
          at = found + 1;
        }
      }),
      { numRuns: dialect === "sqlite" ? 60 : 15 },
    );
  });
});
