/** A KPI's source: the same model and answers as a key result's (`routes/sources.ts`). */
import {
  getKpiSource,
  previewKpiSource,
  removeKpiSource,
  requestKpiSourceRefresh,
  setKpiSource,
} from "../../app/kpi-sources.js";
import { SourceInputSchema } from "../../app/source-schemas.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import {
  RefreshQueuedSchema,
  SourceOrNoneSchema,
  SourcePreviewSchema,
  SourceSchema,
} from "../../contract/sources.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, ErrorSchema, jsonBody, jsonResponse } from "../route.js";

export function registerKpiSourceRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  const tags = ["kpis", "sources"];
  const path = "/api/kpis/{id}/source";
  defineRoute(
    ctx,
    {
      method: "get",
      path,
      access: "signed_in",
      tags,
      summary:
        "The KPI's source (null when its readings are recorded by hand), with its last reading and error",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(SourceOrNoneSchema, "The source") },
    },
    async (c) =>
      c.json({ source: await getKpiSource(deps, actorOf(c), c.req.valid("param").id) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path,
      access: "editor",
      conflicts: false,
      tags,
      summary: "Set the KPI's source (editors); its first refresh is queued",
      request: { params: IdParamsSchema, body: jsonBody(SourceInputSchema) },
      responses: { 200: jsonResponse(SourceSchema, "The source, before its first reading") },
    },
    async (c) =>
      c.json(
        await setKpiSource(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path,
      access: "editor",
      conflicts: false,
      tags,
      summary: "Remove the KPI's source (editors); its readings stay in the history",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await removeKpiSource(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `${path}/preview`,
      access: "editor",
      conflicts: false,
      tags,
      summary:
        "Read a source for the KPI without saving it: the value it would record (502 upstream_failed says why it could not be read)",
      request: { params: IdParamsSchema, body: jsonBody(SourceInputSchema) },
      responses: {
        200: jsonResponse(SourcePreviewSchema, "The reading, e.g. value 0.42"),
        502: jsonResponse(ErrorSchema, "upstream_failed: the source could not be read, and why"),
      },
    },
    async (c) =>
      c.json(
        await previewKpiSource(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `${path}/refresh`,
      access: "signed_in",
      conflicts: false,
      tags,
      summary: "Queue a refresh of the KPI's source now; the answer does not wait for it",
      request: { params: IdParamsSchema },
      responses: { 202: jsonResponse(RefreshQueuedSchema, "Queued") },
    },
    async (c) =>
      c.json(await requestKpiSourceRefresh(deps, actorOf(c), c.req.valid("param").id), 202),
  );
}
