/** The audit log pages: 50 at a time with a cursor, every event once, names for the ids. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

interface Page {
  events: { id: string; at: string; entity: string; entityId: string; action: string }[];
  next: string | null;
  names: Record<string, { kind: string; name: string }>;
}

describe.each(DIALECTS)("audit log pages (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  const get = async (path: string) =>
    server.call(server.accounts.admin.token, "GET", path).then(async (r) => ({
      status: r.status,
      body: await readJson(r),
    }));

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    // Many events within the same milliseconds: paging must neither skip nor repeat ties.
    await Promise.all(
      Array.from({ length: 61 }, (_, i) =>
        server.call(server.accounts.admin.token, "POST", "/api/people", { name: `P${i}` }),
      ),
    );
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("answers 50 events a page and a cursor, until every event was shown once", async () => {
    const first = (await get("/api/audit?entity=person")).body as Page;
    expect(first.events).toHaveLength(50);
    expect(first.next).toEqual(expect.any(String));
    const second = (await get(`/api/audit?entity=person&cursor=${first.next}`)).body as Page;
    expect(second.events).toHaveLength(11);
    expect(second.next).toBeNull();
    const ids = [...first.events, ...second.events].map((e) => e.id);
    expect(new Set(ids).size).toBe(61);
    const times = [...first.events, ...second.events].map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("names the people, teams and periods an event refers to", async () => {
    const admin = server.accounts.admin.token;
    const team = await readJson(await server.call(admin, "POST", "/api/teams", { name: "Gitaly" }));
    const person = await readJson(
      await server.call(admin, "POST", "/api/people", { name: "Named Person" }),
    );
    await server.call(admin, "PATCH", `/api/people/${person.id}`, { teamId: team.id });
    const page = (await get(`/api/audit?entityId=${person.id}`)).body as Page;
    expect(page.events.map((e) => e.action)).toEqual(["update", "create"]);
    expect(page.names[person.id]).toEqual({ kind: "person", name: "Named Person" });
    expect(page.names[team.id]).toEqual({ kind: "team", name: "Gitaly" });
  });

  it("refuses a cursor it did not make, saying which parameter", async () => {
    const answer = await get("/api/audit?cursor=garbage");
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      { path: "cursor", message: "is not a `next` from an audit page" },
    ]);
  });
});
