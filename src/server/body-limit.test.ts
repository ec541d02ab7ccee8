/**
 * The request body limit over real HTTP: a body that says its length is judged by that header
 * (and refused before it is read when it is over), a body sent in chunks is counted as it
 * arrives, and a body under the limit reaches the route either way. (HTTP only: SQLite alone.)
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "../../test/support/databases.js";
import { startLocalServer } from "../../test/support/local-server.js";
import type { RunningServer } from "./start.js";

const LIMIT = 64 * 1024;

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } };
}

/** POSTs `chunks` to the first-run setup, with a Content-Length or (without one) in chunks. */
function post(port: number, chunks: string[], sized: boolean): Promise<Answer> {
  const length = chunks.reduce((n, chunk) => n + Buffer.byteLength(chunk), 0);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/api/setup",
        headers: {
          "content-type": "application/json",
          ...(sized ? { "content-length": String(length) } : {}),
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
        );
        response.on("error", reject);
      },
    );
    // The server may answer 413 and close before the whole body is written.
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

/** A setup body whose name is `size` characters long, split in `parts` writes. */
function setupBody(size: number, parts = 1): string[] {
  const text = JSON.stringify({
    email: "a@example.com",
    name: "x".repeat(size),
    password: "short",
  });
  const step = Math.ceil(text.length / parts);
  return Array.from({ length: parts }, (_, i) => text.slice(i * step, (i + 1) * step));
}

describe("request body limit over HTTP", () => {
  let empty: EmptyDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    empty = await createEmptyDatabase("sqlite");
    server = await startLocalServer(empty.url, { server: { bodyLimit: LIMIT } });
  });
  afterAll(async () => {
    await server?.close();
    await empty?.drop();
  });

  it.each([
    ["with a Content-Length", true],
    ["sent in chunks", false],
  ])("refuses a body over the limit %s, saying the limit", async (_, sized) => {
    const answer = await post(server.port, setupBody(LIMIT + 1_000, 8), sized);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({
      code: "payload_too_large",
      message: "The request body is over 64 kB",
    });
  });

  it.each([
    ["with a Content-Length", true],
    ["sent in chunks", false],
  ])("reads a body under the limit %s and hands it to the route", async (_, sized) => {
    const answer = await post(server.port, setupBody(LIMIT - 1_000, 8), sized);
    // The route read the body: its own validation names the field it refused.
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("invalid_input");
    expect(answer.body.error?.message).toMatch(/'name': is too long/);
  });
});
