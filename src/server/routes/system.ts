/** Health, the OpenAPI document and the page that browses it. */
import { z } from "@hono/zod-openapi";
import { OkrError } from "../../core/errors.js";
import { pingDatabase } from "../../store/workspace.repository.js";
import type { RouteContext } from "../context.js";
import { DOCS_PAGE } from "../docs-page.js";
import { defineRoute, jsonResponse } from "../route.js";

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.enum(["sqlite", "postgres"]),
    version: z.string(),
  })
  .openapi("Health");

export function registerSystemRoutes(ctx: RouteContext): void {
  const { api, deps, options } = ctx;

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/health",
      access: "public",
      tags: ["system"],
      summary: "Liveness and database reachability (503 database_unavailable when it is down)",
      responses: { 200: jsonResponse(HealthSchema, "Up, and the database answers") },
    },
    async (c) => {
      try {
        await pingDatabase(deps.db);
      } catch {
        throw new OkrError("database_unavailable", "The database is not reachable.");
      }
      return c.json(
        { status: "ok" as const, database: deps.dialect, version: options.version },
        200,
      );
    },
  );

  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "okr_session",
    description: "Set by POST /api/session. Writes also need the x-csrf-token header.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "token", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token, okr_…",
  });

  // Built once, on first request: every route is registered by then, and it never changes.
  let document: string | undefined;
  api.get("/api/openapi.json", (c) => {
    document ??= JSON.stringify(
      api.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "okr",
          version: options.version,
          description:
            'OKRs the way handbook-first companies run them. Errors answer {"error":{"code","message","details"}}.',
        },
        servers: [{ url: "/" }],
      }),
    );
    return c.body(document, 200, { "content-type": "application/json; charset=utf-8" });
  });

  api.get("/api/docs", (c) => c.html(DOCS_PAGE));
}
