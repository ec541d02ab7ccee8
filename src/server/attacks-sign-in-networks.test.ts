/**
 * The sign-in limit counts per account and client address. One IPv6 host is handed a whole
 * /64 network (2^64 addresses) and may send each guess from a new one: an IPv6 client is
 * counted by its /64, so changing the last 64 bits gains no more guesses.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { createApp } from "./app.js";
import { depsOf, openTestServer, PASSWORD } from "./test-harness.js";

describe("the sign-in limit and IPv6 clients", () => {
  let opened: OpenedDatabase;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    await openTestServer(opened);
    // Behind a proxy on 127.0.0.1, which names each client in X-Forwarded-For.
    const app = createApp(depsOf(opened), {
      signInLimit: { max: 3, windowMs: 60_000 },
      trustedProxies: "127.0.0.1",
    });
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await opened?.close();
  });

  async function signIn(client: string, password: string): Promise<number> {
    const response = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ email: "admin@example.com", password }),
    });
    await response.body?.cancel();
    return response.status;
  }

  it("gives no more guesses to a client that moves through its /64", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++)
      statuses.push(await signIn(`2001:db8:7:9::${i.toString(16)}`, "guess"));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Written out in full, or with other zeros left out, it is the same network.
    expect(await signIn("2001:0db8:0007:0009:ffff:0:0:1", "guess")).toBe(429);
    // Another network, or an IPv4 client, is counted on its own; the owner still signs in.
    expect(await signIn("2001:db8:7:a::1", PASSWORD)).toBe(200);
    expect(await signIn("198.51.100.7", PASSWORD)).toBe(200);
  });
});
