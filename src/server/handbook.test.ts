import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const SEEDS = join(import.meta.dirname, "..", "..", "..", "shared", "seeds");

const PAGE = `# FY20-Q2 OKRs

- CEO: Grow use of GitLab for all stages of the DevOps lifecycle
  - VP Product: Raise MR Rate from 8 to 10 => 94%
  - VP Engineering: Ship 4 features => 2 of 4
`;

describe.each(DIALECTS)("import and export over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("previews a page sent as text/markdown without writing, then applies it", async () => {
    const token = server.accounts.editor.token;
    const preview = await server.call(token, "POST", "/api/import/preview", PAGE, {
      "content-type": "text/markdown; charset=utf-8",
    });
    expect(preview.status).toBe(200);
    const body = await readJson(preview);
    expect(body.document.format).toBe("okr/1");
    expect(
      body.changes.filter((c: { action: string }) => c.action === "create").length,
    ).toBeGreaterThanOrEqual(3);
    const before = await readJson(await server.call(token, "GET", "/api/periods"));
    expect(before.periods).toHaveLength(0);

    const applied = await server.call(token, "POST", "/api/import/apply", { markdown: PAGE });
    expect(applied.status).toBe(200);
    const result = await readJson(applied);
    expect(result).toMatchObject({ created: 3, periodCreated: true });
    const again = await readJson(
      await server.call(token, "POST", "/api/import/apply", { markdown: PAGE }),
    );
    expect(again).toMatchObject({ created: 0, unchanged: 3, periodId: result.periodId });

    const exported = await server.call(
      token,
      "GET",
      `/api/export?periodId=${result.periodId}&format=md`,
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.md"/);
    expect(await exported.text()).toContain("Raise MR Rate from 8 to 10");
    const csv = await server.call(
      token,
      "GET",
      `/api/export?periodId=${result.periodId}&format=csv`,
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
  });

  it("exports an imported page in its own style, or the house style when asked", async () => {
    const token = server.accounts.insider.token;
    const periods = await readJson(await server.call(token, "GET", "/api/periods"));
    const periodId = periods.periods[0].id;
    const own = await server.call(token, "GET", `/api/export?periodId=${periodId}&format=md`);
    expect(own.headers.get("x-okr-export-style")).toBe("source");
    expect(await own.text()).toBe(PAGE);
    const house = await server.call(
      token,
      "GET",
      `/api/export?periodId=${periodId}&format=md&style=house`,
    );
    expect(house.headers.get("x-okr-export-style")).toBe("house");
    expect(await house.text()).toContain("## OKRs");
    const wrong = await server.call(
      token,
      "GET",
      `/api/export?periodId=${periodId}&format=md&style=fancy`,
    );
    expect(wrong.status).toBe(400);
    // A reader who is not an insider gets the public export, which is always the house style.
    const outsider = await server.call(
      server.accounts.viewer.token,
      "GET",
      `/api/export?periodId=${periodId}&format=md`,
    );
    expect(outsider.headers.get("x-okr-export-style")).toBe("house");
  });

  it("refuses empty pages, unknown formats and other media types clearly", async () => {
    const token = server.accounts.editor.token;
    const empty = await server.call(token, "POST", "/api/import/preview", "  \n", {
      "content-type": "text/markdown",
    });
    expect(empty.status).toBe(400);
    expect((await readJson(empty)).error.message).toMatch(/empty/);
    const xml = await server.call(token, "POST", "/api/import/preview", "<okr/>", {
      "content-type": "application/xml",
    });
    expect(xml.status).toBe(415);
    const format = await server.call(token, "GET", "/api/export?periodId=x&format=pdf");
    expect(format.status).toBe(400);
    expect((await readJson(format)).error.details).toEqual([
      expect.objectContaining({ path: "query.format" }),
    ]);
    const missing = await server.call(token, "GET", "/api/export?periodId=01NOPE&format=md");
    expect(missing.status).toBe(404);
  });

  it("takes import bodies up to 10 MB while other routes stop at 2 MB", async () => {
    const token = server.accounts.editor.token;
    const padding = `${"\n".repeat(3 * 1024 * 1024)}`;
    const big = await server.call(token, "POST", "/api/import/preview", PAGE + padding, {
      "content-type": "text/markdown",
    });
    expect(big.status).toBe(200);
    const tooBig = await server.call(
      token,
      "POST",
      "/api/import/preview",
      PAGE + padding.repeat(4),
      {
        "content-type": "text/markdown",
      },
    );
    expect(tooBig.status).toBe(413);
    const people = await server.call(token, "POST", "/api/people", { name: "x", title: padding });
    expect(people.status).toBe(413);
  });

  // The HTTP path matters here, not the dialect: the store suites cover imports on PostgreSQL.
  it.skipIf(!existsSync(SEEDS) || dialect !== "sqlite")(
    "imports every seed page (../shared/seeds)",
    async () => {
      const token = server.accounts.admin.token;
      for (const file of readdirSync(SEEDS).sort()) {
        const text = readFileSync(join(SEEDS, file), "utf8");
        const response = await server.call(token, "POST", "/api/import/apply", text, {
          "content-type": "text/markdown",
        });
        const body = await readJson(response);
        expect(response.status, `${file}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
        expect(body.created + body.updated + body.unchanged, file).toBeGreaterThan(0);
      }
    },
  );
});
