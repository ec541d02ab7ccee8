/**
 * The attack, repeated over HTTP on both databases: a non-insider editor, a viewer who owns
 * OKRs through his role title, and a viewer with no person try each hole that was found (the
 * setup race, the security headers and the gzip bomb have files of their own). Every answer
 * is searched for what only insiders may see: the confidential objective's title, the hidden
 * target's numbers, however written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { MAX_JSON_DEPTH } from "../app/import-read.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { addAccount, openTestServer, type TestServer } from "./test-harness.js";

/** The hidden title and numbers; a number counts only on its own (not inside an id like `01M…V10000000…`). */
const SECRET =
  /Zanzibar|(?<![0-9A-Za-z])(?:2[.,]5\s?M|2,500,000|2500000|1[.,]0\s?M|1,000,000|1000000|1750000)(?![0-9A-Za-z])/;
const PAGE = `# 2026-Q1 OKRs

- VP Partnerships: Grow partner business
    - Reach [*$N<sub>0</sub>*][N0] in partner bookings => 40%
- CFO: Acquire Zanzibar Holdings quietly
    - Close the Zanzibar deal => 10%

[N0]: https://example.com/n0
`;

describe.each(DIALECTS)("the attack, repeated (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let roleViewer: string;
  const ids: Record<string, string> = {};
  /** Every answer body the attackers got, for the final search. */
  const seen: string[] = [];

  const as = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await server.call(token, method, path, body);
    const text = await response.text();
    // What the attackers read, less echoes of a page they wrote themselves.
    const ownPage = SECRET.test(JSON.stringify(body ?? ""));
    if (token !== server.accounts.admin.token && !ownPage)
      seen.push(`${method} ${path} -> ${text}`);
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    return { status: response.status, text, json: isJson && text ? JSON.parse(text) : null };
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await as(server.accounts.admin.token, method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.text}`);
    return answer.json;
  };
  const editor = () => server.accounts.editor.token;
  const viewer = () => server.accounts.viewer.token;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const personId = server.deps.newId();
    await insertPerson(server.deps.db, {
      id: personId,
      name: "Vic Partner",
      email: null,
      title: "VP Partnerships",
      teamId: null,
    });
    roleViewer = (await addAccount(server.deps, "vic@example.com", "viewer", { personId })).token;
    const imported = await admin("POST", "/api/import/apply", { markdown: PAGE });
    const tree = await admin("GET", `/api/periods/${imported.periodId}/tree`);
    const [partners, zanzibar] = tree.roots;
    ids.periodId = imported.periodId;
    ids.partners = partners.objective.id;
    ids.bookings = partners.keyResults[0].keyResult.id;
    ids.zanzibar = zanzibar.objective.id;
    await admin("PATCH", `/api/objectives/${ids.zanzibar}`, { version: 1, confidential: true });
    const integrate = await admin("POST", "/api/objectives", {
      periodId: ids.periodId,
      parentObjectiveId: ids.zanzibar,
      title: "Integrate Zanzibar teams",
    });
    ids.integrate = integrate.id;
    const bookings = await admin("GET", `/api/key-results/${ids.bookings}`);
    await admin("PATCH", `/api/key-results/${ids.bookings}`, {
      version: bookings.version,
      kind: "metric",
      unit: "currency",
      start: 1_000_000,
      target: 2_500_000,
    });
    const spelled = await admin("POST", "/api/key-results", {
      objectiveId: ids.partners,
      title: "Grow partner revenue from $1.0M to $2.5M",
      outcome: "$1.75M so far",
      owner: "VP Partnerships",
      kind: "metric",
      unit: "currency",
      start: 1_000_000,
      target: 2_500_000,
      targetConfidential: true,
    });
    ids.spelled = spelled.id;
    await admin("POST", `/api/key-results/${ids.spelled}/check-ins`, { value: 1_750_000 });
    const cfo = await admin("POST", "/api/objectives", {
      periodId: ids.periodId,
      title: "Close the books faster",
      owner: "CFO",
    });
    ids.cfo = cfo.id;
    const enablement = await admin("POST", "/api/objectives", {
      periodId: ids.periodId,
      title: "Partner enablement",
      owner: "VP Partnerships",
    });
    ids.enablement = enablement.id;
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("1. an editor's import naming a hidden target's path cannot make it public", async () => {
    const unmasked = PAGE.replace(
      "Reach [*$N<sub>0</sub>*][N0] in partner bookings",
      "Reach $N0 in partner bookings",
    );
    const preview = await as(editor(), "POST", "/api/import/preview", { markdown: unmasked });
    expect(preview.status).toBe(200);
    expect(preview.json.problems).toContainEqual(
      expect.objectContaining({ code: "forbidden", line: 4 }),
    );
    const applied = await as(editor(), "POST", "/api/import/apply", { markdown: unmasked });
    expect(applied.status).toBe(403);
    expect(applied.json.error.message).toContain("Line 4: Only insiders");
    const stored = await admin("GET", `/api/key-results/${ids.bookings}`);
    expect(stored).toMatchObject({ targetConfidential: true, target: 2_500_000 });
    const shown = await as(viewer(), "GET", `/api/key-results/${ids.bookings}`);
    expect(shown.json).toMatchObject({ target: null, hidden: true });
  });

  it("1. an editor's import cannot set a confidential target on a new key result", async () => {
    const page = `# 2026-Q1 OKRs\n\n- VP Partnerships: Grow partner business\n    - Reach [*$N<sub>0</sub>*][N0] in new partner deals => 5%\n\n[N0]: https://example.com/n0\n`;
    const applied = await as(editor(), "POST", "/api/import/apply", { markdown: page });
    expect(applied.status).toBe(403);
    expect(applied.json.error.code).toBe("forbidden");
  });

  it("1. an import preview cannot tell a hidden title from a wrong guess", async () => {
    const guess = (title: string) =>
      `# 2026-Q1 OKRs\n\n- CFO: ${title}\n    - Close the Zanzibar deal => 90%\n`;
    const hidden = await as(editor(), "POST", "/api/import/preview", {
      markdown: guess("Acquire Zanzibar Holdings quietly"),
    });
    const wrong = await as(editor(), "POST", "/api/import/preview", {
      markdown: guess("Acquire Atlantis Holdings quietly"),
    });
    const actions = (answer: { json: { changes: { action: string; entity: string }[] } }) =>
      answer.json.changes.map((c) => `${c.action} ${c.entity}`);
    expect(actions(hidden)).toEqual(actions(wrong));
    expect(actions(hidden)).toEqual(["unchanged period", "create objective", "create key_result"]);
  });

  it("2. the owner of a hidden-target key result cannot check in values or change its numbers", async () => {
    const checkIn = (body: unknown) =>
      as(roleViewer, "POST", `/api/key-results/${ids.bookings}/check-ins`, body);
    const first = await checkIn({ value: 10_000 });
    expect(first.status).toBe(403);
    expect(first.json.error.message).toContain("check in its progress instead");
    const progress = await checkIn({ progress: 0.5, note: "halfway" });
    expect(progress.status).toBe(201);
    expect(progress.json.keyResult).toMatchObject({ start: null, target: null, current: null });
    const version = progress.json.keyResult.version;
    for (const patch of [{ kind: "percentage" }, { direction: "below" }, { unit: "count" }]) {
      const answer = await as(roleViewer, "PATCH", `/api/key-results/${ids.bookings}`, {
        version,
        ...patch,
      });
      expect(answer.status, JSON.stringify(patch)).toBe(403);
    }
    const stored = await admin("GET", `/api/key-results/${ids.bookings}`);
    expect(stored).toMatchObject({ kind: "metric", start: 1_000_000, target: 2_500_000 });
  });

  it("3. a title and outcome that spell the hidden target read with placeholders", async () => {
    for (const token of [editor(), viewer(), roleViewer]) {
      const item = await as(token, "GET", `/api/key-results/${ids.spelled}`);
      expect(item.json.title).toBe(
        "Grow partner revenue from [*$N<sub>0</sub>*][N0] to [*$N<sub>0</sub>*][N0]",
      );
      expect(item.json.outcome).not.toContain("1.75");
      await as(token, "GET", `/api/periods/${ids.periodId}/tree`);
      await as(token, "GET", `/api/periods/${ids.periodId}/dashboard`);
      await as(token, "GET", `/api/search?q=partner`);
      await as(token, "GET", `/api/export?periodId=${ids.periodId}&format=md`);
      await as(token, "GET", "/api/me/okrs");
      const byNumber = await as(token, "GET", "/api/search?q=2.5M");
      expect(byNumber.json.hits).toEqual([]);
    }
    const mine = await as(roleViewer, "GET", "/api/me/okrs");
    expect(JSON.stringify(mine.json)).toContain("Grow partner revenue from [*$N<sub>0</sub>*]");
  });

  it("4. adversarial pages do not hold the server: a long line is refused, health answers meanwhile", async () => {
    const longLine = `# 2026-Q1 OKRs\n\n- CEO: Grow ${"[a](".repeat(40_000)} => 50%\n- CEO: Ship => 5%\n`;
    const refused = await as(editor(), "POST", "/api/import/preview", { markdown: longLine });
    expect(refused.status).toBe(200);
    expect(refused.json.problems).toContainEqual(
      expect.objectContaining({ line: 3, code: "line_too_long" }),
    );
    const lines = Array.from(
      { length: 200 },
      (_, i) => `- CEO: Grow ${i} ${"[a](\\<b ".repeat(1_100)} => 50%`,
    );
    const heavy = `# 2026-Q1 OKRs\n\n${lines.join("\n")}\n`;
    const order: string[] = [];
    const preview = as(editor(), "POST", "/api/import/preview", { markdown: heavy }).then((a) => {
      order.push("preview");
      return a;
    });
    const health = await server.call(null, "GET", "/api/health");
    order.push("health");
    expect(health.status).toBe(200);
    expect((await preview).status).toBe(200);
    expect(order).toEqual(["health", "preview"]);
  });

  it("8. a viewer cannot move his objective under another's, nor create a period by carrying over", async () => {
    const enablement = await admin("GET", `/api/objectives/${ids.enablement}`);
    const under = await as(roleViewer, "POST", `/api/objectives/${ids.enablement}/move`, {
      version: enablement.version,
      parentObjectiveId: ids.cfo,
    });
    expect(under.status).toBe(403);
    const own = await as(roleViewer, "POST", `/api/objectives/${ids.enablement}/move`, {
      version: enablement.version,
      parentObjectiveId: ids.partners,
    });
    expect(own.status).toBe(200);
    const { periods } = await admin("GET", "/api/periods");
    const carried = await as(roleViewer, "POST", `/api/objectives/${ids.enablement}/carry-over`, {
      version: own.json.version,
    });
    expect(carried.status).toBe(403);
    expect(carried.json.error.message).toContain("Only editors create periods");
    expect((await admin("GET", "/api/periods")).periods).toHaveLength(periods.length);
  });

  it("5. carrying over the child of a confidential objective keeps the copy hidden", async () => {
    const integrate = await admin("GET", `/api/objectives/${ids.integrate}`);
    const copy = await admin("POST", `/api/objectives/${ids.integrate}/carry-over`, {
      version: integrate.version,
    });
    expect(copy).toMatchObject({ confidential: true, parentObjectiveId: null });
    for (const token of [editor(), viewer(), roleViewer]) {
      const found = await as(token, "GET", "/api/search?q=Integrate");
      expect(found.json.hits).toEqual([]);
      const tree = await as(token, "GET", `/api/periods/${copy.periodId}/tree`);
      expect(tree.json.roots).toEqual([]);
    }
  });

  it("7. a hidden id and a missing id get the same answer", async () => {
    const zanzibar = ids.zanzibar as string;
    const missing = `${zanzibar.slice(0, 10)}${"0".repeat(16)}`;
    for (const token of [editor(), viewer(), roleViewer]) {
      for (const path of ["/api/objectives/", "/api/key-results/"]) {
        const hidden = await as(token, "GET", `${path}${zanzibar}`);
        const absent = await as(token, "GET", `${path}${missing}`);
        expect(hidden.status).toBe(404);
        expect(absent.status).toBe(404);
        expect(hidden.json.error.message.replace(zanzibar, "X")).toBe(
          absent.json.error.message.replace(missing, "X"),
        );
      }
    }
  });

  it("10. a canonical document nested 1,000 levels deep answers 400 with the limit", async () => {
    let item: Record<string, unknown> = {
      kind: "objective",
      owner: null,
      title: "Deep",
      outcome: null,
      progress: null,
      status: null,
      links: [],
      line: 1,
      children: [],
    };
    for (let i = 0; i < 1_000; i++) item = { ...item, children: [item] };
    const doc = {
      format: "okr/1",
      title: null,
      period: null,
      items: [item],
      retrospectives: [],
      references: {},
      problems: [],
    };
    for (const path of ["/api/import/preview", "/api/import/apply"]) {
      const answer = await as(editor(), "POST", path, {
        markdown: JSON.stringify(doc),
        format: "json",
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toContain(`more than ${MAX_JSON_DEPTH} levels deep`);
    }
  });

  it("no answer to any attacker holds a hidden title or number", () => {
    const leaks = seen.filter((text) => SECRET.test(text.slice(text.indexOf(" -> "))));
    expect(leaks.map((l) => l.slice(0, 300).concat(" … ", SECRET.exec(l)?.[0] ?? ""))).toEqual([]);
    expect(seen.length).toBeGreaterThan(40);
  });
});
