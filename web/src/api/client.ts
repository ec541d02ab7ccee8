/** The one way the web app talks to the server: JSON in and out, CSRF header, typed errors. */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** An error answer from the API, with the server's code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token from `GET /api/session`; cookie-authenticated writes send it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function requestJson<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network_error", "The server cannot be reached. Check your connection.");
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const error = (data as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `The server answered ${response.status}.`,
      error?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => requestJson<T>("GET", path),
  post: <T>(path: string, body?: unknown) => requestJson<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => requestJson<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => requestJson<T>("PATCH", path, body),
  delete: <T>(path: string) => requestJson<T>("DELETE", path),
};

/** Reads a text answer (exports): same errors as JSON calls. */
export async function fetchText(path: string): Promise<{ text: string; type: string }> {
  const response = await fetch(`/api${path}`, { credentials: "same-origin" });
  const text = await response.text();
  if (!response.ok) {
    let error: ApiErrorBody | undefined;
    try {
      error = (JSON.parse(text) as { error?: ApiErrorBody }).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return { text, type: response.headers.get("content-type") ?? "text/plain" };
}

/** Builds a query string from the defined, non-empty values. */
export function queryOf(
  params: Record<string, string | number | boolean | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A sentence for any error, for the page to show. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    // Each problem once, by the field it is about ("email: must be an email address").
    const details = Array.isArray(error.details)
      ? (error.details as { path?: unknown; message?: unknown }[]).map((d) => {
          const path = Array.isArray(d.path) ? d.path.join(".") : String(d.path ?? "");
          const message = String(d.message ?? "");
          return path ? `${path}: ${message}` : message;
        })
      : [];
    // A refused input's message names its fields already ("Invalid input: email: …"): the
    // fields, then any problem it does not say yet.
    const message = error.message
      .replace(/^Invalid input: /, "")
      .replace(/(^|; )'([\w.]+)': /g, "$1$2: ");
    if (details.length === 0) return message;
    const said = (error.details as { message?: unknown }[]).map((d) =>
      message.includes(String(d.message ?? "")),
    );
    const more = details.filter((_, i) => !said[i]);
    if (more.length === 0) return message;
    return `${message.replace(/ \(and \d+ more\)$/, "")}; ${more.join("; ")}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reads a list the server sends under `key` (`{ users: [...] }`); any other shape is an error. */
export async function getList<T>(path: string, key: string): Promise<T[]> {
  const answer = await api.get<Record<string, unknown>>(path);
  const list = answer?.[key];
  if (!Array.isArray(list)) {
    throw new ApiError(0, "unexpected_answer", `The answer of ${path} has no list "${key}".`);
  }
  return list as T[];
}
