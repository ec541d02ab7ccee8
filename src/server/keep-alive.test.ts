/**
 * A kept-alive connection stays usable after a pause longer than Node's default 5 s, as a
 * load balancer or browser expects: the second request on the same socket is answered, not
 * cut off. (HTTP only: the database plays no part, so SQLite alone.)
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "../../test/support/databases.js";
import { startLocalServer } from "../../test/support/local-server.js";
import { KEEP_ALIVE_TIMEOUT_MS } from "./keep-alive.js";
import type { RunningServer } from "./start.js";

/** Sends one GET on `socket` and resolves with the raw answer's head, or rejects when the socket closes first. */
function get(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
      if (text.length - end - 4 < length) return;
      done();
      resolve(text.slice(0, end));
    };
    const onClose = () => {
      done();
      reject(new Error(`the server closed the connection before answering ${path}`));
    };
    const done = () => {
      socket.off("data", onData);
      socket.off("close", onClose);
    };
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe("keep-alive connections", () => {
  let empty: EmptyDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    empty = await createEmptyDatabase("sqlite");
    server = await startLocalServer(empty.url);
  });
  afterAll(async () => {
    await server?.close();
    await empty?.drop();
  });

  it("answers on a connection left idle longer than Node's default 5 s", async () => {
    const socket = connect(server.port, "127.0.0.1");
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("error", reject);
      });
      const first = await get(socket, "/api/health");
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      // Clients that close idle connections first are told how long they may wait.
      expect(first).toMatch(new RegExp(`keep-alive: timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`, "i"));
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await get(socket, "/api/health")).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      socket.destroy();
    }
  }, 20_000);
});
