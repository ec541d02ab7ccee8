import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { createApp } from "./app.js";
import { statusOf } from "./errors.js";
import { addAccount, depsOf, readJson, request } from "./test-harness.js";

describe("the error table", () => {
  it("maps general codes to their statuses and domain codes to 422", () => {
    expect(statusOf("invalid_input")).toBe(400);
    expect(statusOf("unauthenticated")).toBe(401);
    expect(statusOf("forbidden")).toBe(403);
    expect(statusOf("not_found")).toBe(404);
    expect(statusOf("version_conflict")).toBe(409);
    expect(statusOf("payload_too_large")).toBe(413);
    expect(statusOf("unsupported_media_type")).toBe(415);
    expect(statusOf("rate_limited")).toBe(429);
    expect(statusOf("database_unavailable")).toBe(503);
    expect(statusOf("internal_error")).toBe(500);
    expect(statusOf("target_equals_start")).toBe(422);
    expect(statusOf("tree_cycle")).toBe(422);
    expect(statusOf("period_closed")).toBe(422);
  });
});

describe.each(DIALECTS)("errors the server cannot prevent (%s)", (dialect) => {
  it("answers 503 database_unavailable when the database is gone", async () => {
    const opened = await openTestDatabase(dialect);
    const app = createApp(depsOf(opened));
    expect((await request(app, "GET", "/api/health")).status).toBe(200);
    await opened.close();
    const health = await request(app, "GET", "/api/health");
    expect(health.status).toBe(503);
    expect((await readJson(health)).error.code).toBe("database_unavailable");
  });

  it("answers 500 internal_error with a request id, logs the stack, and never sends it", async () => {
    const opened = await openTestDatabase(dialect);
    try {
      const deps = depsOf(opened);
      const account = await addAccount(deps, "clock@example.com", "editor");
      const lines: string[] = [];
      const logger = pino(
        { level: "error" },
        new Writable({
          write(chunk, _encoding, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      );
      const broken = {
        ...deps,
        now: () => {
          throw new Error("the clock broke");
        },
      };
      const app = createApp(broken, { logger });
      const response = await request(app, "GET", "/api/session", undefined, {
        authorization: `Bearer ${account.token}`,
        "x-request-id": "req-42",
      });
      expect(response.status).toBe(500);
      const body = await readJson(response);
      expect(body.error).toMatchObject({ code: "internal_error", requestId: "req-42" });
      const text = JSON.stringify(body);
      expect(text).not.toContain("clock broke");
      expect(text).not.toMatch(/at .*\.ts:\d+/);
      expect(lines.join("\n")).toContain("the clock broke");
      expect(lines.join("\n")).toContain("req-42");
    } finally {
      await opened.close();
    }
  });
});
