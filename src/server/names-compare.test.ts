/**
 * Over HTTP, names compare by one key (decisions/0059): an objective's owner typed in another
 * case, with a decomposed accent or extra spaces is the person of that name, and a team whose
 * name differs from another's only by a letter's case is refused, accented letters as plain ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("names over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(() => opened.close());

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    const json = await readJson(response);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  it("gives an objective owned by 'émilie dupont' to the person Émilie Dupont", async () => {
    const emilie = await admin("POST", "/api/people", {
      name: "Émilie Dupont",
      title: "Chief Product Officer",
    });
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    for (const owner of ["émilie dupont", "E\u0301MILIE DUPONT", "  Émilie   Dupont "]) {
      const objective = await admin("POST", "/api/objectives", {
        periodId: period.id,
        title: `Ship the data platform (${owner.trim()})`,
        owner,
      });
      expect(objective.owner).toEqual({ kind: "person", id: emilie.id, name: "Émilie Dupont" });
    }
    const mine = await readJson(
      await server.call(
        server.accounts.admin.token,
        "GET",
        `/api/search?periodId=${period.id}&owner=${encodeURIComponent("ÉMILIE")}`,
      ),
    );
    expect(mine.hits).toHaveLength(3);
  });

  it("refuses a team whose name differs only by case, accented letters too, as ASCII ones", async () => {
    await admin("POST", "/api/teams", { name: "Sales" });
    const ascii = await server.call(server.accounts.admin.token, "POST", "/api/teams", {
      name: "SALES",
    });
    expect(ascii.status).toBe(409);
    expect((await readJson(ascii)).error).toMatchObject({
      code: "conflict",
      message: 'A team named "Sales" already exists.',
    });

    const data = await admin("POST", "/api/teams", { name: "Équipe données" });
    for (const name of ["équipe données", "ÉQUIPE DONNÉES", "E\u0301quipe  donne\u0301es"]) {
      const again = await server.call(server.accounts.admin.token, "POST", "/api/teams", { name });
      expect(again.status).toBe(409);
      expect((await readJson(again)).error).toMatchObject({
        code: "conflict",
        message: 'A team named "Équipe données" already exists.',
      });
    }
    const other = await admin("POST", "/api/teams", { name: "Ventes" });
    const renamed = await server.call(
      server.accounts.admin.token,
      "PATCH",
      `/api/teams/${other.id}`,
      { name: "ÉQUIPE DONNÉES" },
    );
    expect(renamed.status).toBe(409);
    expect((await readJson(renamed)).error.message).toBe(
      'A team named "Équipe données" already exists.',
    );
    const teams = await admin("GET", "/api/teams");
    const names = (teams.teams ?? teams).map((t: { name: string }) => t.name);
    expect(names.filter((n: string) => n.toLowerCase().includes("équipe"))).toEqual([
      "Équipe données",
    ]);
    // Its own name in another case is no clash with itself.
    expect(await admin("PATCH", `/api/teams/${data.id}`, { name: "Équipe Données" })).toMatchObject(
      { id: data.id, name: "Équipe Données" },
    );
  });
});
