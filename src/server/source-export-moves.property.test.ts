/**
 * Property: objectives moved at random through the API (under another objective, or to the top
 * level), then a Markdown export. Re-parsing the export gives the database's tree (every
 * objective under the parent the database says, with its key results), and no line is lost or
 * made up: the page holds the same lines, only moved and re-indented.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { DocumentItem } from "../core/document.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const PAGE = [
  "# Quarter OKRs",
  "",
  "- Sales: Grow the pipeline => 50%",
  "  - Sales: Book 40 demos => 25%",
  "  - Marketing: Run campaigns",
  "    - Marketing: Launch 3 campaigns",
  "      with the partner team",
  "- Support: Answer quickly",
  "  - Support: First answer in 4 hours => Done",
  "- Product: Ship pricing",
  "  - Product: Publish the price page",
  "",
  "Closing prose.",
  "",
].join("\n");

interface Move {
  objective: number;
  /** Index of the new parent objective; 3 or more: the top level. */
  parent: number;
}
const moveArb: fc.Arbitrary<Move> = fc.record({ objective: fc.nat(3), parent: fc.nat(4) });

/** Title of each objective's parent objective (null at the top), and its key results' titles. */
function shape(items: readonly DocumentItem[]): Map<string, [string | null, string[]]> {
  const out = new Map<string, [string | null, string[]]>();
  const walk = (list: readonly DocumentItem[], parent: string | null) => {
    for (const item of list) {
      if (item.kind !== "objective") continue;
      const krs = item.children.filter((c) => c.kind === "key_result").map((c) => c.title);
      out.set(item.title, [parent, krs.sort()]);
      walk(item.children, item.title);
    }
  };
  walk(items, null);
  return out;
}

const trimmed = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .sort();

describe.each(DIALECTS)("source export under random objective moves (%s)", (dialect) => {
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

  it("re-parses to the database's tree and keeps every line", async () => {
    const token = server.accounts.admin.token;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(moveArb, { minLength: 1, maxLength: 4 }), async (moves) => {
        const label = `${2300 + run++}-Q1`;
        const imported = await server.call(token, "POST", "/api/import/apply", {
          markdown: PAGE,
          periodLabel: label,
        });
        const { periodId } = await readJson(imported);
        for (const move of moves) {
          const { objectives } = await listPeriodItems(opened.db, periodId);
          const sorted = objectives.sort((a, b) => a.title.localeCompare(b.title));
          const objective = sorted[move.objective % sorted.length];
          const parent = move.parent < sorted.length ? sorted[move.parent] : null;
          if (objective === undefined || parent?.id === objective.id) continue;
          const response = await server.call(
            token,
            "POST",
            `/api/objectives/${objective.id}/move`,
            {
              version: objective.version,
              parentObjectiveId: parent?.id ?? null,
              parentKeyResultId: null,
            },
          );
          // A move under its own descendant is refused (tree_cycle); every other one applies.
          const body = await readJson(response);
          if (response.status < 300) applied++;
          if (response.status >= 300)
            expect(body.error?.code, JSON.stringify(body)).toBe("tree_cycle");
        }
        const exported = await server.call(
          token,
          "GET",
          `/api/export?periodId=${periodId}&format=md`,
        );
        const text = await exported.text();

        const { objectives, keyResults } = await listPeriodItems(opened.db, periodId);
        const title = new Map(objectives.map((o) => [o.id, o.title]));
        const expected = new Map<string, [string | null, string[]]>(
          objectives.map((o) => [
            o.title,
            [
              o.parentObjectiveId === null ? null : (title.get(o.parentObjectiveId) ?? null),
              keyResults
                .filter((k) => k.objectiveId === o.id)
                .map((k) => k.title)
                .sort(),
            ],
          ]),
        );
        expect(shape(parseHandbook(text).items)).toEqual(expected);
        expect(trimmed(text)).toEqual(trimmed(PAGE));
      }),
      { numRuns: dialect === "sqlite" ? 40 : 10 },
    );
    // The runs moved objectives for real, not only tried.
    expect(applied).toBeGreaterThan(5);
  });
});
