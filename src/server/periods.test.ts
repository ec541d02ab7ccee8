/**
 * `POST /api/periods` refusals name the field they are about, as every validation error does:
 * `details.field` for a rule of the domain, each detail's `path` for the request's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import type { ErrorBody } from "./errors.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe("period input errors name their field (sqlite)", () => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
    token = server.accounts.editor.token;
  });
  afterAll(async () => {
    await opened?.close();
  });

  async function refused(body: unknown): Promise<{ status: number; error: ErrorBody["error"] }> {
    const response = await server.call(token, "POST", "/api/periods", body);
    return { status: response.status, error: (await readJson(response)).error };
  }

  it("a label the calendar cannot read names the label", async () => {
    const { status, error } = await refused({ label: "next spring" });
    expect(status).toBe(422);
    expect(error.code).toBe("unknown_period_label");
    expect(error.message).toContain('"next spring"');
    expect(error.details).toMatchObject({ field: "label", label: "next spring" });
  });

  it("a label already used names the label and the period that has it", async () => {
    const period = await readJson(
      await server.call(token, "POST", "/api/periods", { label: "2026-Q1" }),
    );
    const { status, error } = await refused({ label: "2026-Q1" });
    expect(status).toBe(409);
    expect(error.code).toBe("conflict");
    expect(error.details).toEqual({ field: "label", periodId: period.id });
  });

  it("a label or days of the wrong shape name their path", async () => {
    const empty = await refused({ label: " " });
    expect(empty.status).toBe(400);
    expect(empty.error.details).toEqual([{ path: "label", message: "must not be empty" }]);
    const half = await refused({ label: "Spring 2026", start: "2026-03-01" });
    expect(half.status).toBe(400);
    expect(half.error.details).toEqual([
      { path: "end", message: "give both start and end, or neither" },
    ]);
    const backwards = await refused({
      label: "Spring 2026",
      start: "2026-06-01",
      end: "2026-03-01",
    });
    expect(backwards.error.details).toEqual([{ path: "end", message: "must not be before start" }]);
    const noDay = await refused({ label: "Spring 2026", start: "2026-02-30", end: "2026-05-31" });
    expect(noDay.status).toBe(400);
    expect(noDay.error.details).toEqual([
      { path: "start", message: "must be a day like 2019-11-01" },
    ]);
  });
});
