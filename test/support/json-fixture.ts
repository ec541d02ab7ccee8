/**
 * A home-made JSON metrics endpoint for HTTP JSON sources: answers `{"data":{"value":N}}` at
 * any path ending in a metric's name, only with the right key in `X-Api-Key` (else 401), and
 * records every request it saw.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface JsonFixture {
  url: string;
  /** The value each metric answers; a metric set to null answers `{"data":{}}`. */
  values: Map<string, number | null>;
  /** The key the endpoint accepts. */
  key: string;
  requests: { path: string; key: string | null }[];
  close(): Promise<void>;
}

export async function startJsonFixture(key: string): Promise<JsonFixture> {
  const state: Omit<JsonFixture, "url" | "close"> = { values: new Map(), key, requests: [] };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://fixture").pathname;
    const sent = req.headers["x-api-key"];
    state.requests.push({ path, key: typeof sent === "string" ? sent : null });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (sent !== state.key) return send(401, { message: "wrong key" });
    const name = path.split("/").filter(Boolean).at(-1) ?? "";
    if (!state.values.has(name)) return send(404, { message: `no metric ${name}` });
    const value = state.values.get(name);
    return send(200, { data: value === null ? {} : { value } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
