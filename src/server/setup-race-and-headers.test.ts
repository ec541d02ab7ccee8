/**
 * Two attacks on a fresh or any server: racing the first-admin setup, and framing or sniffing
 * its answers. Setup is claimed in the database, so many requests over two connections (as
 * two server processes would have) make one admin; every answer carries the security headers.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS, type EmptyDatabase } from "../../test/support/databases.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { countAdmins } from "../store/users.repository.js";
import { createApp } from "./app.js";
import { CONTENT_SECURITY_POLICY } from "./security-headers.js";
import { depsOf, readJson, request } from "./test-harness.js";

describe.each(DIALECTS)("first-admin setup race (%s)", (dialect) => {
  const opened: OpenedDatabase[] = [];
  let empty: EmptyDatabase | undefined;
  afterAll(async () => {
    for (const db of opened) await db.close();
    await empty?.drop();
  });

  it("20 parallel POST /api/setup over two processes' connections make exactly one admin", async () => {
    empty = await createEmptyDatabase(dialect);
    opened.push(await openDatabase(empty.url, { migrate: true }));
    opened.push(await openDatabase(empty.url, { migrate: true }));
    const apps = opened.map((db) => createApp(depsOf(db)));
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(apps[i % 2] as ReturnType<typeof createApp>, "POST", "/api/setup", {
          email: `admin${i}@example.com`,
          name: `Admin ${i}`,
          password: "correct horse battery staple",
        }).then(async (r) => ({ status: r.status, body: await readJson(r) })),
      ),
    );
    expect(statuses.filter((s) => s.status === 201)).toHaveLength(1);
    const refused = statuses.filter((s) => s.status !== 201);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.message).toContain("Setup is done");
    }
    expect(await countAdmins((opened[0] as OpenedDatabase).db)).toBe(1);
  });
});

describe("security headers", () => {
  it("every answer forbids framing, sniffing and scripts from anywhere but the server", async () => {
    const db = await openDatabase("sqlite::memory:", { migrate: true });
    const app = createApp(depsOf(db));
    for (const path of ["/", "/api/health", "/api/no-such-route", "/api/objectives", "/okrs"]) {
      const response = await request(app, "GET", path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy, path).toBe(CONTENT_SECURITY_POLICY);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).not.toContain("unsafe-inline");
    }
    await db.close();
  });

  it("the API documentation page allows exactly its own inline script, by hash", async () => {
    const db = await openDatabase("sqlite::memory:", { migrate: true });
    const app = createApp(depsOf(db));
    const response = await request(app, "GET", "/api/docs");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    await db.close();
  });
});
