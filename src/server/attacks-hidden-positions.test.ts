/**
 * A confidential objective does not exist for a non-insider (decisions/0005): nor may the
 * places of the objectives beside it give it away. Positions a non-insider reads are places
 * among what they see, and a place they send is read the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("positions beside a confidential objective (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  const as = async (
    who: "admin" | "editor",
    method: string,
    path: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers
  ): Promise<any> => {
    const response = await server.call(server.accounts[who].token, method, path, body);
    return { status: response.status, json: await readJson(response) };
  };
  let periodId: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers
  let first: any;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers
  let last: any;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers
  let childAfterSecret: any;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    periodId = (await as("admin", "POST", "/api/periods", { label: "2026-Q1" })).json.id;
    const add = async (title: string, extra: Record<string, unknown> = {}) =>
      (await as("admin", "POST", "/api/objectives", { periodId, title, ...extra })).json;
    first = await add("Grow revenue");
    await add("Buy a competitor", { confidential: true });
    last = await add("Hire well");
    await add("Child one", { parentObjectiveId: first.id });
    await add("Secret child", { parentObjectiveId: first.id, confidential: true });
    childAfterSecret = await add("Child two", { parentObjectiveId: first.id });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("the tree shows no gap where a hidden objective sits", async () => {
    const tree = (await as("editor", "GET", `/api/periods/${periodId}/tree`)).json;
    // biome-ignore lint/suspicious/noExplicitAny: tree nodes
    const places = (nodes: any[]) => nodes.map((n) => [n.objective.title, n.objective.position]);
    expect(places(tree.roots)).toEqual([
      ["Grow revenue", 0],
      ["Hire well", 1],
    ]);
    expect(places(tree.roots[0].children)).toEqual([
      ["Child one", 0],
      ["Child two", 1],
    ]);
    // An insider sees the stored places.
    const insider = await server.call(
      server.accounts.insider.token,
      "GET",
      `/api/periods/${periodId}/tree`,
    );
    expect(places((await readJson(insider)).roots)).toEqual([
      ["Grow revenue", 0],
      ["Buy a competitor", 1],
      ["Hire well", 2],
    ]);
  });

  it("one objective read alone, or found by search, shows its place among what is seen", async () => {
    expect((await as("editor", "GET", `/api/objectives/${last.id}`)).json.position).toBe(1);
    expect(
      (await as("editor", "GET", `/api/objectives/${childAfterSecret.id}`)).json.position,
    ).toBe(1);
    const found = (await as("editor", "GET", "/api/search?q=hire")).json;
    expect(found.hits.map((h: { item: { position: number } }) => h.item.position)).toEqual([1]);
  });

  it("a version conflict shows the objective in the place the reader sees it", async () => {
    const stale = await as("editor", "PATCH", `/api/objectives/${childAfterSecret.id}`, {
      version: childAfterSecret.version + 5,
      title: "Child two, renamed",
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.current.position).toBe(1);
  });

  it("a place past the end answers the last place seen, not the count with hidden ones", async () => {
    const moved = await as("editor", "POST", `/api/objectives/${last.id}/reorder`, {
      version: last.version,
      position: 50,
    });
    expect(moved.status).toBe(200);
    expect(moved.json.position).toBe(1);
    last = moved.json;
  });

  it("a place sent by a non-insider is a place among what they see", async () => {
    // "Grow revenue" after "Hire well", as the editor sees them.
    const moved = await as("editor", "POST", `/api/objectives/${first.id}/reorder`, {
      version: first.version,
      position: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.json.position).toBe(1);
    const tree = (await as("editor", "GET", `/api/periods/${periodId}/tree`)).json;
    expect(tree.roots.map((n: { objective: { title: string } }) => n.objective.title)).toEqual([
      "Hire well",
      "Grow revenue",
    ]);
  });

  it("a webhook's event, written for a non-insider, shows no gap either", async () => {
    const hook = await as("admin", "POST", "/api/webhooks", {
      url: "https://hooks.example.com/okr",
      events: ["item.created"],
    });
    expect(hook.status).toBe(201);
    const after = (
      await as("admin", "POST", "/api/objectives", { periodId, title: "Open an office" })
    ).json;
    const deliveries = (
      await as("admin", "GET", `/api/webhooks/${hook.json.webhook.id}/deliveries`)
    ).json.deliveries;
    const sent = deliveries.find((d: { body: string }) => JSON.parse(d.body).entityId === after.id);
    // Stored at 3, with a hidden sibling before it: at 2 among what is seen.
    expect(after.position).toBe(3);
    expect(JSON.parse(sent.body).data.position).toBe(2);
    const removed = await server.call(
      server.accounts.admin.token,
      "DELETE",
      `/api/webhooks/${hook.json.webhook.id}`,
    );
    expect(removed.status).toBe(204);
  });
});
