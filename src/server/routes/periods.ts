/** Periods: list, create, read, close, reopen; their tree, dashboard and retrospectives. */
import { z } from "@hono/zod-openapi";
import { DASHBOARD_LISTS, getDashboard, getDashboardList } from "../../app/dashboard.js";
import {
  closePeriod,
  createPeriod,
  getPeriod,
  listPeriods,
  reopenPeriod,
} from "../../app/periods.js";
import { visibilityClassOf } from "../../app/read-cache.js";
import { getRetrospectives, putRetrospectives } from "../../app/retrospectives.js";
import {
  CreatePeriodInputSchema,
  DashboardInputSchema,
  DashboardListInputSchema,
  ListPeriodsInputSchema,
  PutRetrospectivesInputSchema,
} from "../../app/schemas.js";
import { periodTreeBytes } from "../../app/tree-text.js";
import {
  DashboardKeyResultPageSchema,
  DashboardSchema,
  GroupScorePageSchema,
  IdParamsSchema,
  PeriodSchema,
  PeriodTreeSchema,
  RetrospectiveSchema,
} from "../../contract/schemas.js";
import { respondFromCache } from "../cached-answer.js";
import type { RouteContext } from "../context.js";
import { respondWithLargeJson } from "../large-json.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

const TreeQuerySchema = z.object({
  includeArchived: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: keep archived items in the tree" }),
});

export function registerPeriodRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods",
      access: "signed_in",
      tags: ["periods"],
      summary: "Every period, earliest first (`?label=FY20-Q2` narrows to one)",
      request: { query: ListPeriodsInputSchema },
      responses: { 200: jsonResponse(z.object({ periods: z.array(PeriodSchema) }), "Periods") },
    },
    async (c) =>
      c.json({ periods: await listPeriods(deps, actorOf(c), c.req.valid("query")) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/periods",
      access: "editor",
      tags: ["periods"],
      summary: "Create a period from its label; dates come from the fiscal calendar",
      request: { body: jsonBody(CreatePeriodInputSchema) },
      responses: { 201: jsonResponse(PeriodSchema, "The new period") },
    },
    async (c) => c.json(await createPeriod(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}",
      access: "signed_in",
      tags: ["periods"],
      summary: "One period",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(PeriodSchema, "The period") },
    },
    async (c) => c.json(await getPeriod(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/periods/{id}/close",
      access: "editor",
      tags: ["periods"],
      summary: "Close with grading: unfinished key results become done or missed; writes stop",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({
            period: PeriodSchema,
            graded: z.array(z.object({ id: z.string(), status: z.string() })),
          }),
          "The closed period and the statuses given",
        ),
      },
    },
    async (c) => c.json(await closePeriod(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/periods/{id}/reopen",
      access: "admin",
      tags: ["periods"],
      summary: "Reopen a closed period (admin); graded statuses stay",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(PeriodSchema, "The reopened period") },
    },
    async (c) => c.json(await reopenPeriod(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/tree",
      access: "signed_in",
      tags: ["periods"],
      summary: "The cascade: objectives ▸ key results ▸ aligned objectives, each with its roll-up",
      request: { params: IdParamsSchema, query: TreeQuerySchema },
      responses: { 200: jsonResponse(PeriodTreeSchema, "The tree and the company score") },
    },
    async (c) => {
      // Megabytes at thousands of items: encoded once, hashed once for its ETag, and kept
      // (with its gzip) until a write to the period, per visibility class.
      const actor = actorOf(c);
      const { id } = c.req.valid("param");
      const includeArchived = c.req.valid("query").includeArchived === "true";
      const key = `tree:${id}:${visibilityClassOf(actor)}:${includeArchived ? "all" : "live"}`;
      // After check-ins only the changed paths are rolled up and encoded again.
      return respondFromCache(c, deps, id, key, (version) =>
        periodTreeBytes(deps, actor, id, includeArchived, version),
      );
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/dashboard",
      access: "signed_in",
      tags: ["periods"],
      summary:
        "Company score, scores by team and owner, KR score distribution, at-risk, stale (`?staleDays=`, default the `staleDays` setting), progress over time; each list's first `?limit=20` rows with its total",
      request: { params: IdParamsSchema, query: DashboardInputSchema },
      responses: { 200: jsonResponse(DashboardSchema, "The dashboard's numbers") },
    },
    async (c) =>
      // Encoded once and sent in one write, its ETag hashed from those bytes.
      respondWithLargeJson(
        c,
        await getDashboard(deps, actorOf(c), c.req.valid("param").id, c.req.valid("query")),
      ),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/dashboard/{list}",
      access: "signed_in",
      tags: ["periods"],
      summary:
        "One more page of a dashboard list: `atRisk`, `stale`, `byTeam` or `byOwner` (`?offset=20&limit=20`)",
      request: {
        params: IdParamsSchema.extend({ list: z.enum(DASHBOARD_LISTS) }),
        query: DashboardListInputSchema,
      },
      responses: {
        200: jsonResponse(
          z.union([DashboardKeyResultPageSchema, GroupScorePageSchema]),
          "The page: rows, total, and the next page's offset",
        ),
      },
    },
    async (c) => {
      const { id, list } = c.req.valid("param");
      return c.json(await getDashboardList(deps, actorOf(c), id, list, c.req.valid("query")), 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/retrospectives",
      access: "signed_in",
      tags: ["periods"],
      summary: "GOOD / BAD / TRY per team",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({ retrospectives: z.array(RetrospectiveSchema) }),
          "Retrospectives",
        ),
      },
    },
    async (c) =>
      c.json(
        { retrospectives: await getRetrospectives(deps, actorOf(c), c.req.valid("param").id) },
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/periods/{id}/retrospectives",
      access: "editor",
      tags: ["periods"],
      summary: "Replace the period's retrospectives (one per team; closed periods too)",
      request: { params: IdParamsSchema, body: jsonBody(PutRetrospectivesInputSchema) },
      responses: {
        200: jsonResponse(z.object({ retrospectives: z.array(RetrospectiveSchema) }), "As saved"),
      },
    },
    async (c) =>
      c.json(
        {
          retrospectives: await putRetrospectives(
            deps,
            actorOf(c),
            c.req.valid("param").id,
            c.req.valid("json"),
          ),
        },
        200,
      ),
  );
}
