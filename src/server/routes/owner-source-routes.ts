/**
 * The routes of a source, whoever owns it, declared once: shown, set, removed, previewed and
 * refreshed on `/api/{segment}/{id}/source…`. Key results and KPIs each register them with
 * their own path, tags, words and who may change the source.
 */
import {
  getSourceOf,
  previewSourceOf,
  removeSourceOf,
  requestRefreshOf,
  setSourceOf,
} from "../../app/owner-sources.js";
import { SourceInputSchema } from "../../app/source-schemas.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import {
  RefreshQueuedSchema,
  SourceOrNoneSchema,
  SourcePreviewSchema,
  SourceSchema,
} from "../../contract/sources.js";
import type { Id } from "../../core/types.js";
import type { SourceOwner } from "../../store/sources.repository.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { type Access, defineRoute, ErrorSchema, jsonBody, jsonResponse } from "../route.js";

export interface OwnerSourceRoutes {
  /** The path's segment: `key-results` or `kpis`. */
  segment: "key-results" | "kpis";
  tags: string[];
  /** The owner the path's id names. */
  owner: (id: Id) => SourceOwner;
  /** Who may set, remove and preview the source (anyone signed in may see and refresh it). */
  write: Access;
  summaries: { get: string; set: string; remove: string; preview: string; refresh: string };
  /** The preview's answer, with an example. */
  previewReading: string;
}

/** `GET`, `PUT` and `DELETE …/source`, `POST …/source/preview` and `POST …/source/refresh`. */
export function registerOwnerSourceRoutes(ctx: RouteContext, routes: OwnerSourceRoutes): void {
  const { deps } = ctx;
  const { tags, owner, write, summaries } = routes;
  const path = `/api/${routes.segment}/{id}/source`;
  defineRoute(
    ctx,
    {
      method: "get",
      path,
      access: "signed_in",
      tags,
      summary: summaries.get,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(SourceOrNoneSchema, "The source") },
    },
    async (c) => {
      const source = await getSourceOf(deps, actorOf(c), owner(c.req.valid("param").id));
      return c.json({ source }, 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path,
      access: write,
      conflicts: false,
      tags,
      summary: summaries.set,
      request: { params: IdParamsSchema, body: jsonBody(SourceInputSchema) },
      responses: { 200: jsonResponse(SourceSchema, "The source, before its first reading") },
    },
    async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await setSourceOf(deps, actorOf(c), owner(id), c.req.valid("json")), 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path,
      access: write,
      conflicts: false,
      tags,
      summary: summaries.remove,
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await removeSourceOf(deps, actorOf(c), owner(c.req.valid("param").id));
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `${path}/preview`,
      access: write,
      conflicts: false,
      tags,
      summary: summaries.preview,
      request: { params: IdParamsSchema, body: jsonBody(SourceInputSchema) },
      responses: {
        200: jsonResponse(SourcePreviewSchema, routes.previewReading),
        502: jsonResponse(ErrorSchema, "upstream_failed: the source could not be read, and why"),
      },
    },
    async (c) => {
      const id = c.req.valid("param").id;
      return c.json(await previewSourceOf(deps, actorOf(c), owner(id), c.req.valid("json")), 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `${path}/refresh`,
      access: "signed_in",
      conflicts: false,
      tags,
      summary: summaries.refresh,
      request: { params: IdParamsSchema },
      responses: { 202: jsonResponse(RefreshQueuedSchema, "Queued") },
    },
    async (c) =>
      c.json(await requestRefreshOf(deps, actorOf(c), owner(c.req.valid("param").id)), 202),
  );
}
