/**
 * A real HTTP listener standing in for a chat's incoming webhook: records each JSON post, and
 * `failing(n)` makes it answer the next n posts with a 500, as a broken chat service would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatPost {
  path: string;
  body: unknown;
}

export interface ChatListener {
  /** The webhook URL to paste: `http://127.0.0.1:PORT/hook/NAME`. */
  urlFor(name: string): string;
  posts: ChatPost[];
  failing(count: number): void;
  /** Resolves once `count` posts have arrived. */
  waitFor(count: number): Promise<ChatPost[]>;
  stop(): Promise<void>;
}

export async function startChatListener(): Promise<ChatListener> {
  const posts: ChatPost[] = [];
  let refuse = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (refuse > 0) {
        refuse -= 1;
        res.writeHead(500, { "content-type": "text/plain" }).end("chat is down");
        return;
      }
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = Buffer.concat(chunks).toString("utf8");
      }
      posts.push({ path: req.url ?? "", body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      for (const waiter of waiters.filter((w) => posts.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    urlFor: (name) => `http://127.0.0.1:${port}/hook/${encodeURIComponent(name)}`,
    posts,
    failing(count) {
      refuse = count;
    },
    waitFor(count) {
      if (posts.length >= count) return Promise.resolve(posts);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(posts) }));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
