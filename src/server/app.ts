/**
 * The HTTP application: `/api` (declared with zod-openapi) and the built web app.
 * `createApp` does no I/O of its own, so tests drive it in process with `app.request()`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import type { Logger } from "pino";
import { resolveApiToken, resolveSession, SESSION_TTL_MS } from "../app/auth.js";
import type { AppDeps } from "../app/deps.js";
import { observeRequest } from "../app/metrics.js";
import type { OidcConfig } from "../app/oidc-config.js";
import { OkrError } from "../core/errors.js";
import {
  answerHeaders,
  applyAnswerHeaders,
  isAnsweredWhole,
  setAnswerHeader,
} from "./answer-headers.js";
import { parseTrustedProxies } from "./client-address.js";
import type { Auth, ResolvedServerOptions, RouteContext, ServerEnv } from "./context.js";
import { readSessionCookie, writeSessionCookie } from "./cookies.js";
import { invalidInputOf, invalidNulIn, renderError } from "./errors.js";
import { jsonAnswers } from "./json-answers.js";
import { silentLogger } from "./logger.js";
import { registerMetricsRoute, requestMetrics } from "./metrics.js";
import { registerAccessRoutes } from "./routes/access.js";
import { registerAccountRoutes } from "./routes/accounts.js";
import { registerApiRoutes } from "./routes/index.js";
import { registerOidcRoutes } from "./routes/oidc.js";
import { registerSystemRoutes } from "./routes/system.js";
import { securityHeaders } from "./security-headers.js";
import { serveWebApp } from "./static.js";

export interface ServerOptions {
  version?: string;
  webRoot?: string;
  logger?: Logger;
  signInLimit?: { max: number; windowMs: number };
  bodyLimit?: number;
  importBodyLimit?: number;
  sessionTtlMs?: number;
  /** Addresses and CIDR ranges of reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies?: string;
  /** Email-and-password sign-in; default on. */
  passwordSignIn?: boolean;
  /** Single sign-on with an OpenID Connect provider. */
  oidc?: OidcConfig | null;
  /** When set, `/metrics` answers only `Authorization: Bearer <it>` (env OKR_METRICS_TOKEN). */
  metricsToken?: string | null;
}

export type App = OpenAPIHono<ServerEnv>;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The package version, read from package.json (two folders up from src/server or dist/server). */
function readVersion(): string {
  try {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    return (JSON.parse(text) as { version?: string }).version ?? "0.0.0";
  } catch {
    return process.env.npm_package_version ?? "0.0.0";
  }
}

/** `dist/web` beside the running code (dist/server -> dist/web; src/server -> dist/web). */
function findWebRoot(): string {
  const candidates = [
    fileURLToPath(new URL("../web", import.meta.url)),
    fileURLToPath(new URL("../../dist/web", import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? (candidates[1] as string);
}

function resolveOptions(options: ServerOptions): ResolvedServerOptions {
  return {
    version: options.version ?? readVersion(),
    webRoot: options.webRoot ?? findWebRoot(),
    signInLimit: options.signInLimit ?? { max: 10, windowMs: 60_000 },
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    importBodyLimit: options.importBodyLimit ?? 10 * 1024 * 1024,
    sessionTtlMs: options.sessionTtlMs ?? SESSION_TTL_MS,
    trustedProxies: parseTrustedProxies(options.trustedProxies),
    passwordSignIn: options.passwordSignIn ?? true,
    oidc: options.oidc ?? null,
  };
}

let requestCounter = 0;

/** The caller's request id when it is plain text (a proxy's), else a new one. */
function requestIdOf(sent: string | undefined): string {
  if (sent && /^[\w.:-]{1,100}$/.test(sent)) return sent;
  return `${Date.now().toString(36)}-${(++requestCounter).toString(36)}`;
}

/** Builds the application over `deps`. */
export function createApp(deps: AppDeps, options: ServerOptions = {}): App {
  const resolved = resolveOptions(options);
  const logger = options.logger ?? silentLogger();
  const api = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInputOf(result.error, result.target);
      const nul = invalidNulIn(result.data, result.target);
      if (nul) throw nul;
    },
  });

  api.onError((error, c) =>
    renderError(c, error, (fields, message) => logger.error(fields, message)),
  );
  api.notFound((c) =>
    c.json(
      { error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  // First: everything after it, error answers included, leaves through it with its headers.
  api.use("*", answerHeaders());
  api.use("*", securityHeaders());
  api.use("*", requestMetrics(observeRequest));
  api.use("*", async (c, next) => {
    const id = requestIdOf(c.req.header("x-request-id"));
    c.set("requestId", id);
    c.set("auth", null);
    const started = performance.now();
    setAnswerHeader(c, "x-request-id", id);
    await next();
    if (logger.isLevelEnabled("debug")) {
      logger.debug(
        {
          requestId: id,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  });
  // An answer made whole carries its encoding and length already; any other is compressed as
  // it is sent, with its headers given first (adding one to a finished answer copies its body).
  const compressing = compress();
  api.use("*", async (c, next) => {
    await next();
    if (isAnsweredWhole(c)) return;
    applyAnswerHeaders(c);
    await compressing(c, async () => {});
  });

  api.use("/api/*", async (c, next) => {
    // Per-user answers: never stored by shared caches; browsers revalidate with the ETag.
    setAnswerHeader(c, "cache-control", "private, no-cache");
    // Said up front, so that no answer needs it added once made.
    setAnswerHeader(c, "vary", "Accept-Encoding");
    await next();
  });
  api.use("/api/*", limitBody(resolved));
  api.use("/api/*", authenticate(deps, resolved));
  // ETags on reads: a client repeating a GET with If-None-Match gets 304 and no body.
  api.use("/api/*", async (c, next) => {
    if (c.req.method !== "GET") return next();
    return etagMiddleware(c, next);
  });
  api.use("/api/*", jsonAnswers());

  const ctx: RouteContext = { api, deps, logger, options: resolved };
  registerSystemRoutes(ctx);
  registerAccountRoutes(ctx);
  registerAccessRoutes(ctx);
  registerOidcRoutes(ctx);
  registerApiRoutes(ctx);

  registerMetricsRoute(api, deps, options.metricsToken?.trim() || null);

  api.all("/api/*", (c) => {
    throw new OkrError("not_found", `No route ${c.req.method} ${c.req.path}`);
  });
  api.get("*", serveWebApp(resolved.webRoot));
  return api;
}

const etagMiddleware = etag({ weak: true });

/**
 * Refuses a body over the limit. A body that says its length is judged by that header alone
 * (the HTTP parser holds the client to it), so the request is never turned into a web stream
 * here; a body sent in chunks is counted as it arrives.
 */
function limitBody(options: ResolvedServerOptions): MiddlewareHandler<ServerEnv> {
  const limiter = (maxSize: number) => {
    const tooLarge = () => {
      throw new OkrError("payload_too_large", `The request body is over ${formatBytes(maxSize)}`);
    };
    const counting = bodyLimit({ maxSize, onError: tooLarge });
    return (c: Context<ServerEnv>, next: Next) => {
      const length = c.req.header("content-length");
      if (length === undefined || c.req.header("transfer-encoding") !== undefined)
        return counting(c, next);
      return Number.parseInt(length, 10) > maxSize ? tooLarge() : next();
    };
  };
  const normal = limiter(options.bodyLimit);
  const importing = limiter(options.importBodyLimit);
  return (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    return c.req.path.startsWith("/api/import/") ? importing(c, next) : normal(c, next);
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} kB`;
}

/** Resolves the caller from a bearer token or the session cookie; never refuses by itself. */
function authenticate(deps: AppDeps, options: ResolvedServerOptions): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (
      c.req.path === "/api/health" ||
      c.req.path === "/api/openapi.json" ||
      c.req.path === "/api/docs"
    ) {
      return next();
    }
    let auth: Auth | null = null;
    const header = c.req.header("authorization");
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      const found = match?.[1] ? await resolveApiToken(deps, match[1]) : undefined;
      if (!found) {
        throw new OkrError(
          "unauthenticated",
          "The API token is unknown, revoked or expired, or its account is disabled.",
        );
      }
      auth = { actor: found.actor, user: found.user, via: "token", session: null };
    } else {
      const secret = readSessionCookie(c);
      if (secret) {
        const found = await resolveSession(deps, secret, options.sessionTtlMs);
        if (found) {
          auth = { actor: found.actor, user: found.user, via: "session", session: found.session };
          // The session slid forward: the cookie follows, or the browser would drop it early.
          if (found.extended) writeSessionCookie(c, secret, found.session.expiresAt);
        }
      }
    }
    c.set("auth", auth);
    await next();
  };
}
