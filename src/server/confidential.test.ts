/**
 * No endpoint leaks a confidential number or a confidential objective to a non-insider:
 * every GET route is crawled (as a viewer, and as the owner of the OKR) and every body grepped.
 * The crawl is driven by the registered routes, so a new read endpoint is covered at once.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { DASHBOARD_LISTS } from "../app/dashboard.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { ROUTE_ACCESS } from "./route.js";
import { addAccount, openTestServer, readJson, type TestServer } from "./test-harness.js";

/** Distinctive numbers: any of their digits in a body means a leak. */
const SECRET_TARGET = 987654321;
const SECRET_VALUE = 987654300;
const SECRET_START = 987600000;
const SECRET_DIGITS = /9876\d{3}/;
const SECRET_TITLE = "Acquire Zanzibar Holdings quietly";

describe.each(DIALECTS)("confidential values stay hidden (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let ownerToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const personId = server.deps.newId();
    await insertPerson(server.deps.db, {
      id: personId,
      name: "Olive Owner",
      email: null,
      title: null,
      teamId: null,
    });
    ownerToken = (await addAccount(server.deps, "owner@example.com", "viewer", { personId })).token;
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(server.accounts.admin.token, method, path, body);
      const json = await readJson(response);
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    const objective = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Grow expansion revenue",
      owner: "Olive Owner",
    });
    const kr = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Reach [*$N0*] in expansion IARR",
      kind: "metric",
      unit: "currency",
      start: SECRET_START,
      target: SECRET_TARGET,
      targetConfidential: true,
    });
    await admin("POST", `/api/key-results/${kr.id}/check-ins`, {
      value: SECRET_VALUE,
      note: "good quarter",
    });
    // A title and an outcome that spell the hidden numbers out.
    const spelled = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: `Grow expansion revenue from $${SECRET_START.toLocaleString("en")} to $${SECRET_TARGET}`,
      outcome: `$${SECRET_VALUE.toLocaleString("en")} so far`,
      owner: "Olive Owner",
      kind: "metric",
      unit: "currency",
      start: SECRET_START,
      target: SECRET_TARGET,
      targetConfidential: true,
    });
    await admin("POST", `/api/key-results/${spelled.id}/check-ins`, { value: SECRET_VALUE });
    const secret = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: SECRET_TITLE,
      confidential: true,
    });
    const secretKr = await admin("POST", "/api/key-results", {
      objectiveId: secret.id,
      title: "Close the deal",
      kind: "milestone",
    });
    const team = await admin("POST", "/api/teams", { name: "Expansion" });
    // The hidden key result follows a KPI everyone reads: the KPI must not name it.
    const kpi = await admin("POST", "/api/kpis", { name: "Deals closed" });
    await admin("PUT", `/api/key-results/${secretKr.id}/kpi`, { kpiId: kpi.id });
    await admin("POST", `/api/kpis/${kpi.id}/readings`, { value: 3 });
    const webhook = await admin("POST", "/api/webhooks", { url: "http://127.0.0.1:9/crawl" });
    Object.assign(ids, {
      kpiId: kpi.id,
      webhookId: webhook.webhook.id,
      personId,
      teamId: team.id,
      periodId: period.id,
      objectiveId: objective.id,
      keyResultId: kr.id,
      spelledKeyResultId: spelled.id,
      secretObjectiveId: secret.id,
      secretKeyResultId: secretKr.id,
      userId: server.accounts.viewer.user.id,
    });
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** URLs to read for a GET route: its path with real ids, and the queries worth trying. */
  function urlsOf(path: string): string[] {
    const byResource: Record<string, string[]> = {
      periods: [ids.periodId as string],
      objectives: [ids.objectiveId as string, ids.secretObjectiveId as string],
      "key-results": [
        ids.keyResultId as string,
        ids.spelledKeyResultId as string,
        ids.secretKeyResultId as string,
      ],
      users: [ids.userId as string],
      people: [ids.personId as string],
      teams: [ids.teamId as string],
      kpis: [ids.kpiId as string],
      webhooks: [ids.webhookId as string],
    };
    let bases = [path];
    if (path.includes("{id}")) {
      const resource = path.split("/")[2] ?? "";
      const values = byResource[resource];
      if (!values) throw new Error(`The crawl does not know what to put for {id} in ${path}`);
      bases = values.map((value) => path.replace("{id}", value));
    }
    if (path.includes("{list}"))
      bases = bases.flatMap((base) => DASHBOARD_LISTS.map((list) => base.replace("{list}", list)));
    if (/\{\w+\}/.test(bases[0] ?? "")) throw new Error(`The crawl cannot fill ${path}`);
    const p = ids.periodId;
    const queries = [
      "",
      `?periodId=${p}`,
      `?periodId=${p}&format=json`,
      `?periodId=${p}&format=md`,
      `?periodId=${p}&format=csv`,
      `?periodId=${p}&format=md&public=true`,
      "?q=expansion",
      "?q=Zanzibar",
      "?includeArchived=true",
      "?staleDays=1",
      `?entity=key_result&entityId=${ids.keyResultId}`,
    ];
    return bases.flatMap((base) => queries.map((query) => base + query));
  }

  it("in no GET answer, as a viewer or as the owner", async () => {
    const getRoutes = [...ROUTE_ACCESS.keys()]
      .filter((key) => key.startsWith("GET "))
      .map((key) => key.slice(4));
    expect(getRoutes.length).toBeGreaterThan(5);
    // An insider reads first: answers cached for insiders must never reach the others.
    for (const route of getRoutes)
      for (const url of urlsOf(route)) await server.call(server.accounts.insider.token, "GET", url);
    const leaks: string[] = [];
    let read = 0;
    for (const route of getRoutes) {
      for (const url of urlsOf(route)) {
        for (const [who, token] of [
          ["viewer", server.accounts.viewer.token],
          ["owner", ownerToken],
        ] as const) {
          const response = await server.call(token, "GET", url);
          const text = await response.text();
          read++;
          // The hidden objective's id may only come back where the caller sent it (a 404 naming it).
          const secretId = ids.secretObjectiveId as string;
          const idLeak = text.includes(secretId) && !url.includes(secretId);
          if (SECRET_DIGITS.test(text) || text.includes(SECRET_TITLE) || idLeak) {
            leaks.push(`${who} GET ${url} -> ${response.status}: ${text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(read).toBeGreaterThan(getRoutes.length);
  });

  it("while insiders see the numbers (the crawl would notice them)", async () => {
    const response = await server.call(
      server.accounts.insider.token,
      "GET",
      `/api/key-results/${ids.keyResultId}`,
    );
    const body = await readJson(response);
    expect(body.target).toBe(SECRET_TARGET);
    const tree = await (
      await server.call(server.accounts.insider.token, "GET", `/api/periods/${ids.periodId}/tree`)
    ).text();
    expect(tree).toContain(SECRET_TITLE);
    expect(tree).toMatch(SECRET_DIGITS);
  });

  it("shows non-insiders the progress and a placeholder instead", async () => {
    const body = await readJson(
      await server.call(server.accounts.viewer.token, "GET", `/api/key-results/${ids.keyResultId}`),
    );
    expect(body).toMatchObject({ target: null, start: null, current: null, hidden: true });
    expect(body.progress).toBeGreaterThan(0.99);
    expect(body.placeholder).toEqual(expect.any(String));
    expect(body.placeholder).not.toBe("");
  });

  it("in no answer to the owner's writes, nor in their errors", async () => {
    const checkIn = await server.call(
      ownerToken,
      "POST",
      `/api/key-results/${ids.keyResultId}/check-ins`,
      {
        progress: 0.5,
        note: "from the owner",
      },
    );
    expect(checkIn.status).toBe(201);
    expect(await checkIn.text()).not.toMatch(SECRET_DIGITS);
    const stale = await server.call(ownerToken, "PATCH", `/api/key-results/${ids.keyResultId}`, {
      version: 1,
      title: "Renamed",
    });
    expect(stale.status).toBe(409);
    const text = await stale.text();
    expect(text).toContain("version_conflict");
    expect(text).not.toMatch(SECRET_DIGITS);
    const hidden = await server.call(
      ownerToken,
      "PATCH",
      `/api/objectives/${ids.secretObjectiveId}`,
      {
        version: 1,
        title: "Peek",
      },
    );
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain(SECRET_TITLE);
  });

  it("in no import preview, import answer or error text", async () => {
    const editor = server.accounts.editor.token;
    const pages = [
      `# 2026-Q1 OKRs\n\n- ${SECRET_TITLE}\n    - Close the deal => 50%\n`,
      "# 2026-Q1 OKRs\n\n- Olive Owner: Grow expansion revenue\n    - Reach $N0 in expansion IARR => 50%\n",
    ];
    const texts: string[] = [];
    for (const markdown of pages) {
      for (const path of ["/api/import/preview", "/api/import/apply"]) {
        const response = await server.call(editor, "POST", path, { markdown });
        const body = await response.text();
        // What the editor sent comes back in the preview's document; anything else is a leak.
        texts.push(body.replaceAll(SECRET_TITLE, ""));
      }
    }
    for (const [method, path] of [
      ["GET", `/api/objectives/${ids.secretObjectiveId}`],
      ["PATCH", `/api/objectives/${ids.secretObjectiveId}`],
      ["POST", `/api/objectives/${ids.secretObjectiveId}/carry-over`],
      ["POST", `/api/key-results/${ids.secretKeyResultId}/check-ins`],
      ["POST", `/api/key-results/${ids.spelledKeyResultId}/check-ins`],
      ["PATCH", `/api/key-results/${ids.spelledKeyResultId}`],
    ] as const) {
      for (const token of [editor, ownerToken, server.accounts.viewer.token]) {
        const body = method === "GET" ? undefined : { version: 1, value: 5 };
        const response = await server.call(token, method, path, body);
        texts.push(`${response.status} ${await response.text()}`);
      }
    }
    const leaks = texts.filter((t) => SECRET_DIGITS.test(t) || t.includes("Zanzibar"));
    expect(leaks).toEqual([]);
    expect(texts.some((t) => t.startsWith("404 "))).toBe(true);
  });
});
