/**
 * Every route is declared through `defineRoute`: one zod-openapi declaration (so the OpenAPI
 * document cannot drift), a coarse access rule checked before the body is even read, and the
 * standard error responses. Finer rules (owners may edit their own OKRs) live in the use cases.
 */
import { createRoute, type RouteConfig, type RouteHandler, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { secretsEqual } from "../app/auth-secrets.js";
import { OkrError } from "../core/errors.js";
import type { RouteContext, ServerEnv } from "./context.js";
import { acceptsOwnInput, checkInput } from "./route-input.js";

/**
 * - public: anyone, signed in or not;
 * - signed_in: any account (viewer and up) or API token;
 * - editor: editors and admins;
 * - admin: admins only.
 */
export type Access = "public" | "signed_in" | "editor" | "admin";

const RANK = { viewer: 1, editor: 2, admin: 3 } as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths a cookie may write to without a CSRF token: signing in and first-run setup. */
const CSRF_EXEMPT = new Set(["POST /api/session", "POST /api/setup"]);

/** Who may call, and (for cookie sessions) the CSRF check on writes. Runs before validation. */
export function allow(access: Access, method: string, path: string): MiddlewareHandler<ServerEnv> {
  const key = `${method.toUpperCase()} ${path}`;
  return async (c, next) => {
    const auth = c.get("auth");
    if (access !== "public") {
      if (!auth)
        throw new OkrError(
          "unauthenticated",
          "Sign in, or send an API token (Authorization: Bearer okr_…)",
        );
      const needed =
        access === "admin" ? RANK.admin : access === "editor" ? RANK.editor : RANK.viewer;
      if (RANK[auth.actor.role] < needed) {
        throw new OkrError(
          "forbidden",
          `This needs the ${access} role; you are ${auth.actor.role}`,
        );
      }
    }
    if (auth?.via === "session" && !SAFE_METHODS.has(c.req.method) && !CSRF_EXEMPT.has(key)) {
      const sent = c.req.header("x-csrf-token");
      if (!sent || !auth.session || !secretsEqual(sent, auth.session.csrfToken)) {
        throw new OkrError(
          "forbidden",
          "Missing or wrong x-csrf-token header (take csrfToken from GET /api/session)",
        );
      }
    }
    await next();
  };
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_input" }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");

function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: ErrorSchema } } };
}

const STANDARD_ERRORS = {
  400: errorResponse("invalid_input: the body, query or path is wrong (details name each field)"),
  401: errorResponse("unauthenticated: sign in or send an API token"),
  403: errorResponse("forbidden: your role or ownership does not allow this"),
  404: errorResponse("not_found"),
  409: errorResponse("version_conflict: someone changed it first (details.current)"),
  413: errorResponse("payload_too_large"),
  415: errorResponse("unsupported_media_type: send application/json"),
  422: errorResponse("a domain rule said no (target_equals_start, tree_cycle, period_closed…)"),
  429: errorResponse("rate_limited"),
  500: errorResponse("internal_error (with requestId)"),
  503: errorResponse("database_unavailable; renderer_unavailable (no Chromium for a PDF)"),
} as const;

/** The error answers a route can give, for its OpenAPI entry. */
function errorsOf(spec: Spec): Partial<Record<keyof typeof STANDARD_ERRORS, unknown>> {
  const e = STANDARD_ERRORS;
  const write = spec.method !== "get";
  const input = Boolean(spec.request?.body || spec.request?.query || spec.request?.params);
  return {
    ...(input || write ? { 400: e[400] } : {}),
    ...(spec.access !== "public" || write ? { 401: e[401] } : {}),
    ...(spec.access !== "public" || write ? { 403: e[403] } : {}),
    ...(spec.request?.params ? { 404: e[404] } : {}),
    ...(write && spec.conflicts !== false ? { 409: e[409] } : {}),
    ...(write ? { 422: e[422] } : {}),
    ...(spec.request?.body ? { 413: e[413], 415: e[415] } : {}),
    ...((spec.path === "/api/session" || spec.path === "/api/me/password") && write
      ? { 429: e[429] }
      : {}),
    500: e[500],
    503: e[503],
  };
}

/** Shorthand for a JSON body declaration (required: a missing or non-JSON body is refused). */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    description,
    content: { "application/json": { schema } },
  } as const;
}

/** Shorthand for a JSON success response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

const WHO: Record<Access, string> = {
  public: "Who: anyone, signed in or not.",
  signed_in: "Who: any account or API token (the use case may narrow it: owners, insiders).",
  editor: "Who: editors and admins.",
  admin: "Who: admins.",
};

/** Each registered route with its access rule, for the docs and the authorization matrix. */
export const ROUTE_ACCESS = new Map<string, Access>();

/** `conflicts: false` for a write that can never answer 409 (a check-in carries no version). */
type Spec = RouteConfig & { access: Access; conflicts?: false };

/** `GET /api/periods/{id}/check-ins` -> `getPeriodsByIdCheckIns`: unique, stable, readable. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((part) => part !== "" && part !== "api")
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      const text = param ? `by-${param[1]}` : part;
      return text
        .split(/[-_.]/)
        .map((w) => (w ? (w[0] ?? "").toUpperCase() + w.slice(1) : ""))
        .join("");
    });
  return method.toLowerCase() + words.join("");
}

/** Declares a route once: OpenAPI entry, access rule, validation, handler. */
export function defineRoute<const S extends Spec>(
  ctx: RouteContext,
  spec: S,
  handler: (c: Parameters<RouteHandler<S, ServerEnv>>[0]) => Promise<Response> | Response,
): void {
  const { access, conflicts: _conflicts, ...rest } = spec;
  const route = createRoute({
    operationId: operationIdOf(spec.method, spec.path),
    ...rest,
    description: [rest.description, WHO[access]].filter(Boolean).join("\n\n"),
    middleware: [allow(access, spec.method, spec.path)],
    responses: { ...errorsOf(spec), ...spec.responses },
    ...(access === "public" ? {} : { security: [{ session: [] }, { token: [] }] }),
  } as RouteConfig);
  ROUTE_ACCESS.set(`${spec.method.toUpperCase()} ${spec.path}`, access);
  if (!acceptsOwnInput(route.request)) {
    ctx.api.openapi(route, handler as never);
    return;
  }
  // Declared for the OpenAPI document as `openapi()` would; the input checked in one step.
  const { middleware, ...declared } = route;
  ctx.api.openAPIRegistry.registerPath(declared);
  const check = checkInput(route.request);
  ctx.api.on(
    [spec.method],
    [spec.path.replaceAll(/\/{(.+?)}/g, "/:$1")],
    ...[middleware, check].flat().filter((step) => step !== undefined),
    handler as never,
  );
}
