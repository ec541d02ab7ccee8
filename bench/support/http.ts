/** A small JSON client for the REST API, for benches and tests that talk to a real server. */

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  /** The raw text, for looking for what must never be there (stack traces). */
  text: string;
}

/** Sends one request with a bearer token; a body is sent as JSON. Never throws on a status. */
export async function callApi<T = unknown>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, text };
}
