/**
 * Property: random retrospective edits made through the API to an imported page, then a
 * Markdown export. Re-parsing the export gives the database's retrospectives, the OKR lines are
 * byte-identical, and every team whose retrospective was not edited keeps its lines verbatim.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const OKRS = [
  "# FY24-Q1 OKRs",
  "",
  "1. **Sales: Grow the pipeline.** => 50%",
  "    1. Sales KR: Book 40 demos. => 25%",
  "",
].join("\n");

/** Each team's block, as the page writes it (three styles). */
const BLOCKS: Record<string, string> = {
  Infrastructure: [
    "### Infrastructure",
    "",
    "- GOOD",
    "  1. We made it to 72%",
    "- BAD",
    "  1. We focused too much on OKRs,",
    "     so production suffered.",
    "- TRY",
    "  1. Move to data-driven KRs",
    "",
  ].join("\n"),
  Delivery: [
    "### Delivery",
    "",
    "**Good:**",
    "",
    "1. Auto-deploy went well",
    "2. Demos helped",
    "",
    "**Bad:**",
    "",
    "1. Security releases are still hard",
    "",
  ].join("\n"),
  Support: [
    "### Support",
    "",
    "#### Good",
    "",
    "- Answers got faster",
    "",
    "#### Try",
    "",
    "- Publish more articles",
    "",
  ].join("\n"),
};
const PAGE = `${OKRS}## Retrospective\n\n${Object.values(BLOCKS).join("\n")}`;
const TEAMS = Object.keys(BLOCKS);
const PARTS = ["good", "bad", "try"] as const;

type Edit =
  | { kind: "add"; team: number; part: number; words: string[] }
  | { kind: "replace"; team: number; part: number; words: string[] }
  | { kind: "remove"; team: number; part: number }
  | { kind: "new-team"; n: number; words: string[] };

const words = fc.array(fc.constantFrom("faster", "reviews", "on-call", "demos", "50%", "again"), {
  minLength: 1,
  maxLength: 4,
});
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), team: fc.nat(2), part: fc.nat(2), words }),
  fc.record({ kind: fc.constant("replace" as const), team: fc.nat(2), part: fc.nat(2), words }),
  fc.record({ kind: fc.constant("remove" as const), team: fc.nat(2), part: fc.nat(2) }),
  fc.record({ kind: fc.constant("new-team" as const), n: fc.nat(3), words }),
);

interface Retro {
  team: string;
  good: string[];
  bad: string[];
  try: string[];
}

describe.each(DIALECTS)("retrospectives written back under random API edits (%s)", (dialect) => {
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

  it("re-parses to the database's retrospectives and keeps every untouched team's lines", async () => {
    const token = server.accounts.admin.token;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(token, method, path, body);
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return readJson(response);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 5 }), async (edits) => {
        const label = `${2200 + run++}-Q1`;
        const { periodId } = await call("POST", "/api/import/apply", {
          markdown: PAGE,
          periodLabel: label,
        });
        const path = `/api/periods/${periodId}/retrospectives`;
        const { retrospectives } = (await call("GET", path)) as { retrospectives: Retro[] };
        const retros = retrospectives.map(({ team, good, bad, try: t }) => ({
          team,
          good: [...good],
          bad: [...bad],
          try: [...t],
        }));
        const touched = new Set<string>();
        for (const edit of edits) {
          if (edit.kind === "new-team") {
            const team = `Team ${edit.n}`;
            if (retros.some((r) => r.team === team)) continue;
            retros.push({ team, good: [edit.words.join(" ")], bad: [], try: [] });
            continue;
          }
          const retro = retros[edit.team % retros.length] as Retro;
          const part = retro[PARTS[edit.part] ?? "good"];
          touched.add(retro.team);
          if (edit.kind === "add") part.push(edit.words.join(" "));
          else if (edit.kind === "replace") part.splice(0, 1, edit.words.join(" "));
          else part.pop();
        }
        await call("PUT", path, { retrospectives: retros });
        const exported = await server.call(
          token,
          "GET",
          `/api/export?periodId=${periodId}&format=md`,
        );
        const text = await exported.text();
        expect(parseHandbook(text).retrospectives).toEqual(
          retros.filter(
            (r) => r.good.length + r.bad.length + r.try.length > 0 || TEAMS.includes(r.team),
          ),
        );
        expect(text.startsWith(OKRS)).toBe(true);
        for (const team of TEAMS) {
          if (!touched.has(team)) expect(text, team).toContain(BLOCKS[team]);
        }
      }),
      { numRuns: dialect === "sqlite" ? 40 : 10 },
    );
  });
});
