/** Import choices and roll-up settings over HTTP, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const page = (start: string, end: string) => `---
title: FY20-Q2 OKRs
period: FY20-Q2
start: ${start}
end: ${end}
---

1. **CEO: Grow.**
    1. Customer Success KR: Renew 90% of accounts => 80%
    1. CMO KR: Launch the partner page
`;

describe.each(DIALECTS)("import choices and roll-up settings over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("previews owners and the period, maps an owner, imports closed, keeps other dates apart", async () => {
    const admin = server.accounts.admin.token;
    const editor = server.accounts.editor.token;
    const team = await readJson(
      await server.call(admin, "POST", "/api/teams", { name: "Support" }),
    );
    const first = page("2019-05-01", "2019-07-31");
    const preview = await readJson(
      await server.call(editor, "POST", "/api/import/preview", {
        markdown: first,
        ownerMap: { "Customer Success": "team:Support" },
      }),
    );
    expect(preview.period).toMatchObject({ label: "FY20-Q2", exists: false, past: true });
    expect(preview.owners).toContainEqual({
      name: "Customer Success",
      lines: [9],
      matches: null,
      owner: { kind: "team", id: team.id, name: "Support" },
      mapped: true,
    });
    const applied = await readJson(
      await server.call(editor, "POST", "/api/import/apply", {
        markdown: first,
        ownerMap: { "Customer Success": "team:Support" },
        closed: true,
      }),
    );
    expect(applied).toMatchObject({ created: 3, closed: true, notice: "" });
    const tree = await readJson(
      await server.call(editor, "GET", `/api/periods/${applied.periodId}/tree`),
    );
    expect(tree.period.closedAt).not.toBeNull();
    // 0.8 from the renewal; the launch has no progress and is not scored.
    expect(tree.score.score).toBeCloseTo(0.8);
    const explained = await readJson(
      await server.call(editor, "GET", `/api/objectives/${tree.roots[0].objective.id}/roll-up`),
    );
    expect(explained.explanation).toContain('Not scored yet: "Launch the partner page"');

    const bad = await server.call(editor, "POST", "/api/import/apply", {
      markdown: first,
      ownerMap: { "Customer Success": "team:Nowhere" },
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.message).toContain('no team named "Nowhere"');

    const later = page("2020-05-01", "2020-07-31");
    const text = await server.call(editor, "POST", "/api/import/apply?closed=false", later, {
      "content-type": "text/markdown",
    });
    const second = await readJson(text);
    expect(second.periodId).not.toBe(applied.periodId);
    expect(second.notice).toContain("They are kept apart");
    const periods = await readJson(await server.call(editor, "GET", "/api/periods"));
    expect(periods.periods.map((p: { label: string }) => p.label)).toEqual([
      "FY20-Q2",
      "FY20-Q2 (2020)",
    ]);
  });

  it("changes the roll-up options with a partial PUT and the scores follow", async () => {
    const admin = server.accounts.admin.token;
    const periods = await readJson(await server.call(admin, "GET", "/api/periods"));
    const id = periods.periods[1].id;
    const put = await server.call(admin, "PUT", "/api/settings", { rollUp: { unscored: "zero" } });
    expect(put.status).toBe(200);
    const settings = await readJson(put);
    expect(settings.rollUp).toEqual({ cap: 1, includeChildObjectives: true, unscored: "zero" });
    expect(settings.calendar).toEqual({ startMonth: 1, naming: "start" });
    const tree = await readJson(await server.call(admin, "GET", `/api/periods/${id}/tree`));
    expect(tree.score.score).toBeCloseTo(0.4);
    const wrong = await server.call(admin, "PUT", "/api/settings", {
      rollUp: { unscored: "half" },
    });
    expect(wrong.status).toBe(400);
    const viewer = await server.call(server.accounts.viewer.token, "PUT", "/api/settings", {
      rollUp: { unscored: "excluded" },
    });
    expect(viewer.status).toBe(403);
  });
});
