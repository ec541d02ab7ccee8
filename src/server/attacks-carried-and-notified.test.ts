/**
 * Two ways a curious colleague learned of a confidential item they may read nothing of: the
 * carry-over link of an item they see, naming its copy (or origin) in the other period, and a
 * notification written before the item was made confidential (decisions/0066).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("carry-over links and notifications of hidden items (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  const as = async (token: string, method: string, path: string, body?: unknown): Promise<any> => {
    const response = await server.call(token, method, path, body);
    const json = await readJson(response);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  const admin = (method: string, path: string, body?: unknown): Promise<any> =>
    as(server.accounts.admin.token, method, path, body);
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  const editor = (method: string, path: string, body?: unknown): Promise<any> =>
    as(server.accounts.editor.token, method, path, body);

  /** Sets an objective's confidential mark as the admin (an insider). */
  const markConfidential = async (id: string, confidential: boolean) => {
    const objective = await admin("GET", `/api/objectives/${id}`);
    await admin("PATCH", `/api/objectives/${id}`, { version: objective.version, confidential });
  };

  let q1: string;
  let q2: string;
  let origin: { objective: string; keyResult: string };
  let copy: { objective: string; keyResult: string };

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    q1 = (await admin("POST", "/api/periods", { label: "2026-Q1" })).id;
    const objective = await admin("POST", "/api/objectives", {
      periodId: q1,
      title: "Open the Lisbon office",
    });
    const keyResult = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Sign a lease",
      kind: "milestone",
    });
    origin = { objective: objective.id, keyResult: keyResult.id };
    const carried = await admin("POST", `/api/key-results/${keyResult.id}/carry-over`, {
      version: keyResult.version,
    });
    q2 = carried.periodId;
    copy = { objective: carried.objectiveId, keyResult: carried.id };
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** Every face of the origin's period an editor reads: tree, item reads, search. */
  async function originAsEditorReads(): Promise<string> {
    const faces = await Promise.all([
      editor("GET", `/api/periods/${q1}/tree`),
      editor("GET", `/api/periods/${q1}/tree?includeArchived=true`),
      editor("GET", `/api/objectives/${origin.objective}`),
      editor("GET", `/api/key-results/${origin.keyResult}`),
      editor("GET", `/api/search?q=Lisbon&periodId=${q1}`),
      editor("GET", `/api/search?q=lease`),
    ]);
    return JSON.stringify(faces);
  }

  it("a copy made confidential since is no longer named by its origin, and is again once public", async () => {
    // Read first, so each answer is kept; the change must reach what was kept.
    const before = await originAsEditorReads();
    expect(before).toContain(copy.objective);
    expect(before).toContain(copy.keyResult);

    await markConfidential(copy.objective, true);
    const after = await originAsEditorReads();
    expect(after).not.toContain(copy.objective);
    expect(after).not.toContain(copy.keyResult);
    const tree = await editor("GET", `/api/periods/${q1}/tree`);
    expect(tree.roots[0].objective).toMatchObject({ id: origin.objective, carriedToId: null });
    expect(tree.roots[0].keyResults[0].keyResult).toMatchObject({
      id: origin.keyResult,
      carriedToId: null,
    });
    // A write's answer says no more: a check-in on the origin (its period is open).
    const checkedIn = await editor("POST", `/api/key-results/${origin.keyResult}/check-ins`, {
      progress: 0,
      note: "still looking",
    });
    expect(checkedIn.keyResult.carriedToId).toBeNull();
    // Insiders keep the ids.
    const insiderTree = await as(server.accounts.insider.token, "GET", `/api/periods/${q1}/tree`);
    expect(insiderTree.roots[0].objective.carriedToId).toBe(copy.objective);
    expect((await admin("GET", `/api/key-results/${origin.keyResult}`)).carriedToId).toBe(
      copy.keyResult,
    );

    await markConfidential(copy.objective, false);
    const again = await originAsEditorReads();
    expect(again).toContain(copy.objective);
    expect(again).toContain(copy.keyResult);
  });

  it("a copy moved under a confidential objective is no longer named by its origin", async () => {
    await originAsEditorReads();
    const vault = await admin("POST", "/api/objectives", {
      periodId: q2,
      title: "Vault",
      confidential: true,
    });
    const moved = await admin("GET", `/api/objectives/${copy.objective}`);
    await admin("POST", `/api/objectives/${copy.objective}/move`, {
      version: moved.version,
      parentObjectiveId: vault.id,
    });
    const after = await originAsEditorReads();
    expect(after).not.toContain(copy.objective);
    expect(after).not.toContain(copy.keyResult);
    const back = await admin("GET", `/api/objectives/${copy.objective}`);
    await admin("POST", `/api/objectives/${copy.objective}/move`, {
      version: back.version,
      parentObjectiveId: null,
    });
    expect(await originAsEditorReads()).toContain(copy.objective);
  });

  it("an origin made confidential since is no longer named by its copy", async () => {
    const faces = async () =>
      JSON.stringify(
        await Promise.all([
          editor("GET", `/api/periods/${q2}/tree`),
          editor("GET", `/api/objectives/${copy.objective}`),
          editor("GET", `/api/key-results/${copy.keyResult}`),
          editor("GET", `/api/search?q=lease&periodId=${q2}`),
        ]),
      );
    expect(await faces()).toContain(origin.keyResult);
    await markConfidential(origin.objective, true);
    const after = await faces();
    expect(after).not.toContain(origin.objective);
    expect(after).not.toContain(origin.keyResult);
    const tree = await editor("GET", `/api/periods/${q2}/tree`);
    const node = tree.roots.find(
      (r: { objective: { id: string } }) => r.objective.id === copy.objective,
    );
    expect(node.objective.carriedFromId).toBeNull();
    expect(node.keyResults[0].keyResult.carriedFromId).toBeNull();
    expect(
      (await editor("POST", `/api/key-results/${copy.keyResult}/check-ins`, { progress: 0 }))
        .keyResult.carriedFromId,
    ).toBeNull();
    expect((await admin("GET", `/api/key-results/${copy.keyResult}`)).carriedFromId).toBe(
      origin.keyResult,
    );
    await markConfidential(origin.objective, false);
    expect(await faces()).toContain(origin.keyResult);
  });

  it("a notification about an item made confidential since says nothing of it, and all once public again", async () => {
    const objective = await admin("POST", "/api/objectives", {
      periodId: q2,
      title: "Acquire Brightwave",
    });
    const keyResult = await admin("POST", "/api/key-results", {
      objectiveId: objective.id,
      title: "Close the Brightwave deal at 40 million",
      start: 0,
      target: 40,
    });
    await editor("POST", `/api/key-results/${keyResult.id}/follow`);
    await admin("POST", `/api/key-results/${keyResult.id}/check-ins`, {
      value: 12,
      note: "Brightwave board says yes",
    });
    await admin("POST", `/api/key-results/${keyResult.id}/comments`, {
      body: "Brightwave wants a second meeting",
    });
    const told = await editor("GET", "/api/notifications");
    const about = told.notifications.filter((n: { itemId: string }) => n.itemId === keyResult.id);
    expect(about.length).toBeGreaterThan(0);
    expect(JSON.stringify(about)).toContain("Brightwave");

    await markConfidential(objective.id, true);
    const hidden = await editor("GET", "/api/notifications");
    const text = JSON.stringify(hidden);
    expect(text).not.toContain("Brightwave");
    expect(text).not.toContain(keyResult.id);
    expect(text).not.toContain(objective.id);
    expect(hidden.notifications.length).toBe(told.notifications.length);
    expect(hidden.unread).toBe(told.unread);
    for (const n of hidden.notifications.filter((n: { id: string }) =>
      about.some((a: { id: string }) => a.id === n.id),
    )) {
      expect(n).toMatchObject({
        title: "An item you can no longer see",
        body: null,
        link: "/notifications",
        itemId: null,
      });
    }
    // The unread ones too.
    expect(JSON.stringify(await editor("GET", "/api/notifications?unread=true"))).not.toContain(
      "Brightwave",
    );

    await markConfidential(objective.id, false);
    const again = await editor("GET", "/api/notifications");
    expect(again).toEqual(told);
  });
});
