/**
 * Retrospectives edited in the app (PUT /api/periods/{id}/retrospectives) are written back into
 * the imported page in the page's own style: only the changed part's lines change, and a new
 * team's retrospective follows the others, shaped like them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diffComm } from "node-diff3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const SEEDS = join(import.meta.dirname, "..", "..", "..", "shared", "seeds");
const seeds = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((f) => /^\d{3}_/.test(f))
      .map((f) => ({ name: f, text: readFileSync(join(SEEDS, f), "utf8") }))
      .filter((s) => parseHandbook(s.text).retrospectives.length > 0)
  : [];
if (seeds.length === 0) console.warn(`source-export-retros.test: no seeds at ${SEEDS}; skipped`);

interface Retro {
  team: string;
  good: string[];
  bad: string[];
  try: string[];
}

/** Lines of `a` gone in `b`, and lines of `b` not in `a`. */
function changes(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffComm(a.split("\n"), b.split("\n"))) {
    if ("buffer1" in part) {
      removed.push(...(part.buffer1 as string[]));
      added.push(...(part.buffer2 as string[]));
    }
  }
  return { removed, added };
}

describe.each(DIALECTS)("retrospectives written back into their page (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response;
  };
  const exportMd = async (periodId: string) =>
    (await call("GET", `/api/export?periodId=${periodId}&format=md`)).text();

  it.runIf(seeds.length > 0).each(seeds.map((s) => [s.name, s.text]))(
    "%s: an edited entry changes its own line, a new team is added after the others",
    async (_name, seed) => {
      const { periodId } = await readJson(
        await call("POST", "/api/import/apply", { markdown: seed }),
      );
      expect(await exportMd(periodId)).toBe(seed);
      const path = `/api/periods/${periodId}/retrospectives`;
      const { retrospectives } = (await readJson(await call("GET", path))) as {
        retrospectives: Retro[];
      };
      const team = retrospectives.find((r) => r.good.length > 0) as Retro;
      const original = team.good[0] as string;
      const edited = retrospectives.map((r) =>
        r === team ? { ...r, good: ["Edited in the app", ...r.good.slice(1)] } : r,
      );
      await call("PUT", path, { retrospectives: edited });
      const afterEdit = await exportMd(periodId);
      const diff = changes(seed, afterEdit);
      expect(diff.added).toHaveLength(1);
      expect(diff.added[0]).toMatch(/^\s*(?:[-*+]|\d+[.)])\s+Edited in the app$/);
      expect(diff.removed.join(" ")).toContain(original.slice(0, 20));
      // Every other team's lines are as the page wrote them.
      expect(parseHandbook(afterEdit).retrospectives).toEqual(
        edited.map(({ team, good, bad, try: t }) => ({ team, good, bad, try: t })),
      );

      const security = {
        team: "Guild of Reviewers",
        good: ["Bounties paid off"],
        bad: [],
        try: ["More"],
      };
      await call("PUT", path, { retrospectives: [...edited, security] });
      const afterNew = await exportMd(periodId);
      const added = changes(afterEdit, afterNew);
      expect(added.removed).toEqual([]);
      expect(added.added).toContain(
        added.added.find((l) => /^\s*(?:[-*+]|\d+[.)])\s+Bounties paid off$/.test(l)),
      );
      expect(added.added.some((l) => /^#{2,6} Guild of Reviewers$/.test(l))).toBe(true);
      const reread = parseHandbook(afterNew).retrospectives;
      expect(reread[reread.length - 1]).toEqual(security);
      // The items' lines did not move relative to each other: the export still re-imports clean.
      const again = await readJson(await call("POST", "/api/import/apply", { markdown: afterNew }));
      expect(again).toMatchObject({ created: 0, periodId });
      expect(await exportMd(periodId)).toBe(afterNew);
    },
  );

  it("writes back a part in a page of bold heads and numbered entries", async () => {
    const page = [
      "# FY22-Q1 OKRs",
      "",
      "- Sales: Grow the pipeline => 50%",
      "",
      "## Sales",
      "",
      "**Good:**",
      "",
      "1. Demos landed",
      "2. Pricing held",
      "",
      "**Bad:**",
      "",
      "1. Churn rose",
      "",
    ].join("\n");
    const { periodId } = await readJson(
      await call("POST", "/api/import/apply", { markdown: page }),
    );
    const path = `/api/periods/${periodId}/retrospectives`;
    await call("PUT", path, {
      retrospectives: [
        {
          team: "Sales",
          good: ["Demos landed", "Pricing held", "Partners signed"],
          bad: ["Churn rose"],
          try: ["Weekly pipeline review"],
        },
      ],
    });
    expect(await exportMd(periodId)).toBe(
      page.replace(
        "2. Pricing held\n\n**Bad:**\n\n1. Churn rose\n",
        "2. Pricing held\n3. Partners signed\n\n**Bad:**\n\n1. Churn rose\n\n**Try:**\n\n1. Weekly pipeline review\n",
      ),
    );
  });
});
