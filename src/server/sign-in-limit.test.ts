/**
 * The password sign-in limit over real sockets, on every dialect: per account and client
 * address, read from X-Forwarded-For only behind a trusted proxy, and one count for every
 * process over the database.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { createApp, type ServerOptions } from "./app.js";
import { depsOf, openTestServer, PASSWORD } from "./test-harness.js";

const LIMIT = { max: 3, windowMs: 60_000 };

describe.each(DIALECTS)("the sign-in limit (%s)", (dialect) => {
  let opened: OpenedDatabase;
  /** A second process: its own connection pool and app over the same database. */
  let second: OpenedDatabase;
  const servers: ReturnType<typeof serve>[] = [];

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    await openTestServer(opened);
    second = await openDatabase(opened.url, { migrate: false, poolSize: 2 });
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await second?.close();
    await opened?.close();
  });

  /** A real HTTP server on 127.0.0.1 for an app; answers its base URL. */
  async function listen(db: OpenedDatabase, options: ServerOptions): Promise<string> {
    const app = createApp(depsOf(db), { signInLimit: LIMIT, ...options });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function signIn(base: string, email: string, password: string, forwardedFor?: string) {
    const response = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password }),
    });
    return response.status;
  }

  it("behind a trusted proxy, guessing from one address does not lock the owner out elsewhere", async () => {
    const base = await listen(opened, { trustedProxies: "127.0.0.1" });
    for (let i = 0; i < 3; i++) {
      expect(await signIn(base, "admin@example.com", "guess", "203.0.113.66")).toBe(401);
    }
    expect(await signIn(base, "admin@example.com", PASSWORD, "203.0.113.66")).toBe(429);
    // The owner, at home: another address, the same account.
    expect(await signIn(base, "admin@example.com", PASSWORD, "198.51.100.10")).toBe(200);
    // The guesser's address may still sign in to another account.
    expect(await signIn(base, "editor@example.com", PASSWORD, "203.0.113.66")).toBe(200);
  });

  it("without trusted proxies, a made-up X-Forwarded-For does not escape the limit", async () => {
    const base = await listen(opened, {});
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(await signIn(base, "viewer@example.com", "guess", `192.0.2.${i + 1}`));
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("is one count for every process over the database", async () => {
    const first = await listen(opened, {});
    const other = await listen(second, {});
    expect(await signIn(first, "insider@example.com", "guess")).toBe(401);
    expect(await signIn(other, "insider@example.com", "guess")).toBe(401);
    expect(await signIn(first, "insider@example.com", "guess")).toBe(401);
    expect(await signIn(other, "insider@example.com", PASSWORD)).toBe(429);
    expect(await signIn(first, "insider@example.com", PASSWORD)).toBe(429);
  });

  it("a successful sign-in starts the count afresh", async () => {
    const base = await listen(opened, { trustedProxies: "127.0.0.1" });
    const from = "198.51.100.20";
    expect(await signIn(base, "editor@example.com", "guess", from)).toBe(401);
    expect(await signIn(base, "editor@example.com", "guess", from)).toBe(401);
    expect(await signIn(base, "editor@example.com", PASSWORD, from)).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(await signIn(base, "editor@example.com", "guess", from)).toBe(401);
    }
    expect(await signIn(base, "editor@example.com", PASSWORD, from)).toBe(429);
  });
});
