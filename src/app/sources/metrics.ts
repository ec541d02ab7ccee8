/**
 * One number from a metrics system: a Prometheus instant query (its HTTP API), or any JSON
 * document and a JSONPath to a number in it (Grafana, Metabase, home-made endpoints).
 */
import type { HttpJsonConfig, PrometheusConfig } from "../../core/sources.js";
import { type ConnectionAccess, joinUrl, type SourceClient } from "./client.js";
import { fetchJson, SourceError } from "./http.js";

function bearer(connection: ConnectionAccess): Record<string, string> {
  return connection.token ? { authorization: `Bearer ${connection.token}` } : {};
}

/** The one number of an instant query's answer, or why there is none. */
export function numberOfPrometheusAnswer(body: unknown): number {
  const answer = body as {
    status?: string;
    error?: string;
    data?: { resultType?: string; result?: unknown };
  };
  if (answer.status !== "success")
    throw new SourceError(`Prometheus refused the query: ${answer.error ?? "no reason given"}`);
  const { resultType, result } = answer.data ?? {};
  let text: unknown;
  if (resultType === "scalar") text = (result as unknown[])[1];
  else if (resultType === "vector" && Array.isArray(result)) {
    if (result.length !== 1)
      throw new SourceError(
        result.length === 0
          ? "The Prometheus query returned no series"
          : `The Prometheus query returned ${result.length} series; make it one (e.g. sum(…) or max(…))`,
      );
    text = (result[0] as { value?: unknown[] }).value?.[1];
  } else
    throw new SourceError(`The Prometheus query returned a ${resultType}; it must give one number`);
  const value = Number(text);
  if (typeof text !== "string" || !Number.isFinite(value))
    throw new SourceError(`The Prometheus query returned ${String(text)}, not a number`);
  return value;
}

export const prometheus: SourceClient<PrometheusConfig> = {
  async read(connection, config, options) {
    const url = new URL(joinUrl(connection.baseUrl, "api/v1/query"));
    url.searchParams.set("query", config.query);
    const answer = await fetchJson(
      "Prometheus",
      url.toString(),
      { headers: bearer(connection) },
      options,
    );
    return { type: "value", value: numberOfPrometheusAnswer(answer.body) };
  },
};

/** The URL to read: relative to the connection's base URL, and never outside it (the token goes there). */
export function httpJsonUrl(baseUrl: string, url: string): string {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const target = new URL(url.replace(/^\/+/, ""), base);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname))
    throw new SourceError(
      `The URL ${target.origin}${target.pathname} is outside the connection's ${base}`,
    );
  return target.toString();
}

/** The one number at `path` in `json` (jsonpath-plus loaded with the first such source's reading). */
export async function numberAtPath(json: unknown, path: string): Promise<number> {
  const { JSONPath } = await import("jsonpath-plus");
  let found: unknown[];
  try {
    found = JSONPath({ path, json: json as object, wrap: true, eval: "safe" }) as unknown[];
  } catch (error) {
    throw new SourceError(`The JSON path '${path}' is not valid: ${(error as Error).message}`);
  }
  if (found.length === 0)
    throw new SourceError(`The JSON path '${path}' matches nothing in the answer`);
  if (found.length > 1)
    throw new SourceError(
      `The JSON path '${path}' matches ${found.length} values; it must match one`,
    );
  const value = found[0];
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n))
    throw new SourceError(`The JSON path '${path}' leads to ${kindOf(value)}, not a number`);
  return n;
}

/**
 * What a value is, not what it says: a source's error is shown to everyone who sees its key
 * result, and the endpoint's other fields are not theirs to read.
 */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "object") return "an object";
  return typeof value === "boolean" ? "true or false" : typeof value;
}

export const httpJson: SourceClient<HttpJsonConfig> = {
  async read(connection, config, options) {
    const headers: Record<string, string> = {};
    if (connection.token) headers[connection.authHeader ?? "authorization"] = connection.token;
    const answer = await fetchJson(
      "The endpoint",
      httpJsonUrl(connection.baseUrl, config.url),
      { headers },
      options,
    );
    return { type: "value", value: await numberAtPath(answer.body, config.path) };
  },
};
