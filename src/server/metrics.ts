/**
 * `/metrics` in Prometheus's text format, and the middleware that counts every request by its
 * route template. Open by default (a scraper on the internal network needs no account); with
 * `OKR_METRICS_TOKEN` set, it answers only `Authorization: Bearer <that token>`.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { secretsEqual } from "../app/auth-secrets.js";
import type { AppDeps } from "../app/deps.js";
import { renderMetrics } from "../app/metrics-page.js";
import type { ServerEnv } from "./context.js";

/**
 * The route template that answered (`/api/key-results/:id`): the handler's, not a middleware's.
 * Paths are never labels (ids would make a series each); what no route matched is `unmatched`.
 */
function routeOf(c: Parameters<MiddlewareHandler<ServerEnv>>[0]): string {
  const routes = matchedRoutes(c);
  const handler = routes[c.req.routeIndex];
  if (!handler || handler.method === "ALL") {
    return c.req.path.startsWith("/api/") ? "unmatched" : "web";
  }
  return handler.path === "*" || handler.path === "/*" ? "web" : handler.path;
}

/** Counts each answered request and its time, by route template, method and status. */
export function requestMetrics(
  observe: (route: string, method: string, status: number, seconds: number) => void,
): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      observe(routeOf(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    }
  };
}

/** `GET /metrics`: open, or for the bearer of `token` when one is set. */
export function registerMetricsRoute(
  api: OpenAPIHono<ServerEnv>,
  deps: AppDeps,
  token: string | null,
): void {
  api.get("/metrics", async (c) => {
    if (token) {
      const sent = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      if (!sent || !secretsEqual(sent, token)) {
        c.header("www-authenticate", 'Bearer realm="metrics"');
        return c.text("This page needs Authorization: Bearer <OKR_METRICS_TOKEN>\n", 401);
      }
    }
    const page = await renderMetrics(deps);
    c.header("cache-control", "no-store");
    return c.body(page.text, 200, { "content-type": page.contentType });
  });
}
