/**
 * The NUL character (U+0000), which PostgreSQL's text cannot hold, over HTTP on both databases:
 * in a field, a query or a path it is refused as `invalid_input` naming where, never a 500, and
 * nothing is written; in a handbook page it is read as U+FFFD, with the line named, and the
 * page the period keeps holds no NUL either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, type TestServer } from "./test-harness.js";

const NUL_MESSAGE = "must not contain the NUL character (U+0000)";
const PAGE =
  "# 2027-Q2 OKRs\n\n- CEO: Grow re\u0000venue\n    - Raise ARR from $1M to $2M => 40%\n";

describe.each(DIALECTS)("the NUL character (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let keyResultId: string;
  let periodId: string;

  const call = async (method: string, path: string, body?: unknown, type?: string) => {
    const response = await server.call(
      server.accounts.admin.token,
      method,
      path,
      body,
      type ? { "content-type": type } : {},
    );
    const text = await response.text();
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    return { status: response.status, text, json: isJson && text ? JSON.parse(text) : null };
  };

  const expectRefused = (answer: { status: number; json: unknown }, path: string) => {
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: {
        code: "invalid_input",
        message: `Invalid input: '${path}': ${NUL_MESSAGE}`,
        details: [{ path, message: NUL_MESSAGE }],
      },
    });
  };

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const itemOf = (body: Record<string, { id: string }>) =>
      body.keyResult ?? body.objective ?? body.period ?? (body as unknown as { id: string });
    periodId = itemOf((await call("POST", "/api/periods", { label: "2027-Q1" })).json).id;
    const objective = await call("POST", "/api/objectives", { periodId, title: "Grow" });
    const kr = await call("POST", "/api/key-results", {
      objectiveId: itemOf(objective.json).id,
      title: "Raise MR Rate from 8 to 10",
      kind: "metric",
      start: 8,
      target: 10,
    });
    keyResultId = itemOf(kr.json).id;
  });

  afterAll(async () => {
    await opened?.close();
  });

  it("refuses a check-in whose note holds one, and records nothing", async () => {
    const path = `/api/key-results/${keyResultId}/check-ins`;
    expectRefused(await call("POST", path, { value: 9, note: "on\u0000track" }), "note");
    expect((await call("GET", path)).json.checkIns).toEqual([]);
    expect((await call("POST", path, { value: 9, note: "on track" })).status).toBe(201);
  });

  it("refuses a title, a query and a path that hold one", async () => {
    expectRefused(
      await call("POST", "/api/objectives", { periodId, title: "Gr\u0000ow" }),
      "title",
    );
    expectRefused(await call("GET", "/api/search?q=gr%00ow"), "query.q");
    expectRefused(await call("GET", "/api/key-results/01M%00/check-ins"), "param.id");
  });

  it("refuses the options of a page sent as text that hold one", async () => {
    const sent = await call("POST", "/api/import/apply?periodId=01M%00", PAGE, "text/markdown");
    expectRefused(sent, "query.periodId");
    const labelled = await call(
      "POST",
      "/api/import/apply?periodLabel=Q%00",
      PAGE,
      "text/markdown",
    );
    expectRefused(labelled, "query.periodLabel");
  });

  it("refuses a canonical JSON document that holds one, naming the field", async () => {
    const document = JSON.parse(JSON.stringify(parseHandbook("# 2027-Q3 OKRs\n\n- CEO: Grow\n")));
    document.items[0].title = "Gr\u0000ow";
    const answer = await call("POST", "/api/import/apply", {
      markdown: JSON.stringify(document),
      format: "json",
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_input");
    expect(answer.json.error.message).toContain(`items.0.title: ${NUL_MESSAGE}`);
  });

  it("reads a page's NUL as U+FFFD, names its line, and keeps the page without it", async () => {
    const sent = await call("POST", "/api/import/apply", PAGE, "text/markdown");
    expect(sent.status).toBe(200);
    expect(sent.json.problems).toEqual([
      expect.objectContaining({ line: 3, severity: "warning", code: "nul_character" }),
    ]);
    const tree = await call("GET", `/api/periods/${sent.json.periodId}/tree`);
    expect(tree.json.roots[0].objective.title).toBe("Grow re\uFFFDvenue");
    const exported = await call(
      "GET",
      `/api/export?periodId=${sent.json.periodId}&format=md&style=source`,
    );
    expect(exported.status).toBe(200);
    expect(exported.text).toBe(PAGE.replace("\u0000", "\uFFFD"));
  });

  it("reads the page the same way when it comes inside a JSON body", async () => {
    const page = PAGE.replace("2027-Q2", "2027-Q4");
    const sent = await call("POST", "/api/import/apply", { markdown: page });
    expect(sent.status).toBe(200);
    const tree = await call("GET", `/api/periods/${sent.json.periodId}/tree`);
    expect(tree.json.roots[0].objective.title).toBe("Grow re\uFFFDvenue");
  });
});
