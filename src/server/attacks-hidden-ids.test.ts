/**
 * An id that names something on a confidential objective answers a non-insider exactly as an
 * id that names nothing: the answer must not say it exists, nor name what it hangs on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe("ids of what hangs on a confidential objective", () => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let objectiveId: string;
  let linkId: string;
  const missing = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
    const admin = server.accounts.admin.token;
    const period = await readJson(
      await server.call(admin, "POST", "/api/periods", { label: "2026-Q1" }),
    );
    const objective = await readJson(
      await server.call(admin, "POST", "/api/objectives", {
        periodId: period.id,
        title: "Buy a competitor",
        confidential: true,
      }),
    );
    objectiveId = objective.id;
    const link = await readJson(
      await server.call(admin, "POST", `/api/objectives/${objective.id}/links`, {
        kind: "document",
        text: "Term sheet",
        url: "https://docs.example.com/term-sheet",
      }),
    );
    linkId = link.id;
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("removing a link on it answers as removing a link that does not exist", async () => {
    const editor = server.accounts.editor.token;
    const hidden = await server.call(editor, "DELETE", `/api/links/${linkId}`);
    const none = await server.call(editor, "DELETE", `/api/links/${missing}`);
    const hiddenBody = await readJson(hidden);
    expect(hidden.status).toBe(none.status);
    expect(hiddenBody).toEqual({
      error: { code: "not_found", message: `Link ${linkId} not found` },
    });
    expect(JSON.stringify(hiddenBody)).not.toContain(objectiveId);
    expect((await readJson(none)).error.message).toBe(`Link ${missing} not found`);
    // An insider still removes it.
    const insider = await server.call(
      server.accounts.admin.token,
      "DELETE",
      `/api/links/${linkId}`,
    );
    expect(insider.status).toBe(204);
  });
});
