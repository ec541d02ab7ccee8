/**
 * A small JSON client for the REST API, for benches and tests that talk to a real server.
 * It uses node:http with a keep-alive agent rather than fetch: fetch costs a few milliseconds
 * per request on the client, which would be counted against the server in the benches.
 */
import http from "node:http";

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  /** The raw text, for looking for what must never be there (stack traces). */
  text: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * Idle connections are closed by the client after 30 s, or a second before the server's
 * `Keep-Alive: timeout=` says it would: Node 20's agent heeds that hint only when it has a
 * timeout of its own, and without one would keep reusing connections the server has closed.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });

export interface CallOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** Sends one request with a bearer token; a body is sent as JSON. Never throws on a status. */
export function callApi<T = unknown>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  options: number | CallOptions = {},
): Promise<ApiAnswer<T>> {
  const { timeoutMs = 15_000, headers: extra = {} } =
    typeof options === "number" ? { timeoutMs: options } : options;
  const headers: Record<string, string> = { accept: "application/json", ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseUrl}${path}`, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = text === "" ? null : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({
          status: response.statusCode ?? 0,
          body: parsed as T,
          text,
          headers: response.headers,
        });
      });
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)),
    );
    request.on("error", reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}
