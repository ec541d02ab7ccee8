/**
 * An objective moved in the app (POST /api/objectives/{id}/move) takes its whole block of page
 * lines along in the source export: its key results, aligned objectives and continuation lines,
 * re-indented for the new depth. Every other line stays as the page wrote it.
 */
import { diffComm } from "node-diff3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const PAGE = [
  "# FY23-Q2 OKRs",
  "",
  "- Sales: Grow the pipeline => 50%",
  "  - Sales: Book 40 demos => 25%",
  "  - Marketing: Run campaigns",
  "    - Marketing: Launch 3 campaigns",
  "      carried over from last quarter",
  "    - Marketing: Publish 10 posts => 40%",
  "- Support: Answer quickly",
  "  - Support: First answer within 4 hours => Done",
  "",
  "Closing prose.",
  "",
].join("\n");

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

describe.each(DIALECTS)("a moved objective's block of lines (%s)", (dialect) => {
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

  it("moves to the top level with its key results and their notes, one level out", async () => {
    const { periodId } = await readJson(
      await call("POST", "/api/import/apply", { markdown: PAGE, periodLabel: "FY23-Q2" }),
    );
    const { objectives } = await listPeriodItems(opened.db, periodId);
    const marketing = objectives.find((o) => o.title === "Run campaigns");
    const support = objectives.find((o) => o.title === "Answer quickly");
    await call("POST", `/api/objectives/${marketing?.id}/move`, {
      version: marketing?.version,
      parentObjectiveId: null,
      parentKeyResultId: null,
      position: (support?.position ?? 0) + 1,
    });
    const page = await exportMd(periodId);
    expect(page).toBe(
      [
        "# FY23-Q2 OKRs",
        "",
        "- Sales: Grow the pipeline => 50%",
        "  - Sales: Book 40 demos => 25%",
        "- Support: Answer quickly",
        "  - Support: First answer within 4 hours => Done",
        "- Marketing: Run campaigns",
        "  - Marketing: Launch 3 campaigns",
        "    carried over from last quarter",
        "  - Marketing: Publish 10 posts => 40%",
        "",
        "Closing prose.",
        "",
      ].join("\n"),
    );
    const top = parseHandbook(page).items.map((i) => [i.title, i.children.length]);
    expect(top).toEqual([
      ["Grow the pipeline", 1],
      ["Answer quickly", 1],
      ["Run campaigns", 2],
    ]);
  });

  it("moves under another objective one level in, after its key results", async () => {
    const { periodId } = await readJson(
      await call("POST", "/api/import/apply", { markdown: PAGE, periodLabel: "FY23-Q3" }),
    );
    const { objectives } = await listPeriodItems(opened.db, periodId);
    const marketing = objectives.find((o) => o.title === "Run campaigns");
    const support = objectives.find((o) => o.title === "Answer quickly");
    await call("POST", `/api/objectives/${marketing?.id}/move`, {
      version: marketing?.version,
      parentObjectiveId: support?.id,
    });
    const page = await exportMd(periodId);
    // The same lines, only the block re-indented: nothing added, nothing lost.
    const diff = changes(PAGE, page);
    expect(diff.added.map((l) => l.trim()).sort()).toEqual(
      diff.removed.map((l) => l.trim()).sort(),
    );
    expect(page.split("\n").slice(2, 10)).toEqual([
      "- Sales: Grow the pipeline => 50%",
      "  - Sales: Book 40 demos => 25%",
      "- Support: Answer quickly",
      "  - Support: First answer within 4 hours => Done",
      "  - Marketing: Run campaigns",
      "    - Marketing: Launch 3 campaigns",
      "      carried over from last quarter",
      "    - Marketing: Publish 10 posts => 40%",
    ]);
  });
});
