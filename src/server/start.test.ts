import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS, type EmptyDatabase } from "../../test/support/databases.js";
import { createApiToken, createUser } from "../app/accounts.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { silentLogger } from "./logger.js";
import { type RunningServer, startServer } from "./start.js";
import { readJson } from "./test-harness.js";

describe.each(DIALECTS)("the server over a real socket (%s)", (dialect) => {
  let empty: EmptyDatabase;
  let server: RunningServer;
  let webRoot: string;
  let token: string;

  beforeAll(async () => {
    empty = await createEmptyDatabase(dialect);
    webRoot = mkdtempSync(join(tmpdir(), "okr-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(
      join(webRoot, "index.html"),
      "<!doctype html><title>okr app</title><div id=root></div>",
    );
    writeFileSync(
      join(webRoot, "assets", "app.js"),
      `console.log(${JSON.stringify("x".repeat(5000))});`,
    );
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: empty.url,
      exampleData: false,
      handleSignals: false,
      logger: silentLogger(),
      server: { webRoot },
    });
    const user = await createUser(server.deps, SYSTEM_ACTOR, {
      email: "script@example.com",
      name: "Script",
      role: "editor",
      password: "script password",
    });
    token = (await createApiToken(server.deps, SYSTEM_ACTOR, { name: "socket" }, user.id)).secret;
  });
  afterAll(async () => {
    await server?.close();
    await empty?.drop();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it("migrates a fresh database and reports healthy", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: dialect });
  });

  it("compresses large responses for clients that accept gzip", async () => {
    const response = await fetch(`${server.url}/api/openapi.json`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.status).toBe(200);
    // fetch decodes transparently; the header tells what went over the wire.
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect((await readJson(response)).openapi).toMatch(/^3\.1/);
    const raw = await rawGet(server.port, "/api/openapi.json", { "accept-encoding": "gzip" });
    expect(JSON.parse(gunzipSync(raw.body).toString("utf8")).openapi).toMatch(/^3\.1/);
  });

  it("serves the web app with a fallback to index.html for client routes", async () => {
    const index = await fetch(`${server.url}/periods/some/deep/route`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("okr app");
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    expect(await asset.text()).toContain("console.log");
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).not.toBe(500);
  });

  it("answers unknown API routes with a JSON 404, and accepts a token over the wire", async () => {
    const unknown = await fetch(`${server.url}/api/nope`);
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe("not_found");
    const me = await fetch(`${server.url}/api/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ authenticated: true, via: "token" });
  });
});

describe("starting with bad configuration", () => {
  it("refuses an unknown database URL with invalid_config", async () => {
    await expect(
      startServer({
        port: 0,
        databaseUrl: "mysql://nope",
        handleSignals: false,
        logger: silentLogger(),
      }),
    ).rejects.toMatchObject({ code: "invalid_config" });
  });

  it("refuses a port out of range", async () => {
    await expect(
      startServer({
        port: 70000,
        databaseUrl: "sqlite::memory:",
        handleSignals: false,
        logger: silentLogger(),
      }),
    ).rejects.toMatchObject({ code: "invalid_config" });
  });
});

/** A GET without automatic decompression, to see the bytes on the wire. */
async function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("starting on an empty database", () => {
  it("loads the example company once, and not again on the next start", async () => {
    const empty = await createEmptyDatabase("sqlite");
    try {
      const start = () =>
        startServer({
          port: 0,
          host: "127.0.0.1",
          databaseUrl: empty.url,
          handleSignals: false,
          logger: silentLogger(),
        });
      const first = await start();
      const user = await createUser(first.deps, SYSTEM_ACTOR, {
        email: "look@example.com",
        name: "Look",
        role: "viewer",
        password: "look password",
      });
      const { secret } = await createApiToken(first.deps, SYSTEM_ACTOR, { name: "look" }, user.id);
      const periods = async (url: string) =>
        (
          await readJson(
            await fetch(`${url}/api/periods`, { headers: { authorization: `Bearer ${secret}` } }),
          )
        ).periods as { label: string }[];
      const loaded = await periods(first.url);
      expect(loaded.length).toBeGreaterThanOrEqual(3);
      await first.close();
      const second = await start();
      expect(await periods(second.url)).toEqual(loaded);
      await second.close();
    } finally {
      await empty.drop();
    }
  });
});
