/** KPIs: everyone reads; editors define; editors and a KPI's owners record readings. */

import {
  CreateKpiInputSchema,
  KeyResultKpiInputSchema,
  KpiListInputSchema,
  KpiReadingInputSchema,
  UpdateKpiInputSchema,
} from "../../app/kpi-schemas.js";
import {
  createKpi,
  deleteKpi,
  findKeyResultKpi,
  getKpi,
  listKpis,
  recordKpiReading,
  setKeyResultKpi,
  updateKpi,
} from "../../app/kpis.js";
import {
  KeyResultFollowsSchema,
  KeyResultKpiSchema,
  KpiDetailSchema,
  KpiListSchema,
  KpiReadingResultSchema,
  KpiSchema,
} from "../../contract/kpis.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerKpiRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/kpis",
      access: "signed_in",
      tags: ["kpis"],
      summary:
        "Every KPI by name, with where its value stands against its band; personId/teamId keep the ones they own",
      request: { query: KpiListInputSchema },
      responses: { 200: jsonResponse(KpiListSchema, "KPIs") },
    },
    async (c) => c.json({ kpis: await listKpis(deps, actorOf(c), c.req.valid("query")) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/kpis",
      access: "editor",
      tags: ["kpis"],
      summary:
        "Define a KPI: a name, a unit, a target band, an owner (readings by hand until a source is attached)",
      request: { body: jsonBody(CreateKpiInputSchema) },
      responses: { 201: jsonResponse(KpiSchema, "The new KPI") },
    },
    async (c) => c.json(await createKpi(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/kpis/{id}",
      access: "signed_in",
      tags: ["kpis"],
      summary: "One KPI with its readings (oldest first) and the key results that follow it",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(KpiDetailSchema, "The KPI") },
    },
    async (c) => c.json(await getKpi(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/kpis/{id}",
      access: "editor",
      tags: ["kpis"],
      summary: "Change a KPI's definition (name the version you started from)",
      request: { params: IdParamsSchema, body: jsonBody(UpdateKpiInputSchema) },
      responses: { 200: jsonResponse(KpiSchema, "The KPI as it is now") },
    },
    async (c) =>
      c.json(await updateKpi(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/kpis/{id}",
      access: "editor",
      tags: ["kpis"],
      summary: "Remove a KPI and its readings (key results that followed it keep their check-ins)",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await deleteKpi(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/kpis/{id}/readings",
      access: "signed_in",
      tags: ["kpis"],
      summary:
        "Record a reading (editors and the KPI's owners); the newest becomes a check-in on every key result that follows the KPI",
      conflicts: false,
      request: { params: IdParamsSchema, body: jsonBody(KpiReadingInputSchema) },
      responses: { 201: jsonResponse(KpiReadingResultSchema, "The reading and the KPI") },
    },
    async (c) =>
      c.json(
        await recordKpiReading(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/key-results/{id}/kpi",
      access: "signed_in",
      tags: ["kpis"],
      summary: "The KPI a key result follows (kpi null: none)",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(KeyResultFollowsSchema, "The KPI it follows") },
    },
    async (c) =>
      c.json({ kpi: await findKeyResultKpi(deps, actorOf(c), c.req.valid("param").id) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/key-results/{id}/kpi",
      access: "signed_in",
      tags: ["kpis"],
      summary:
        "Make a key result follow a KPI (kpiId null: none), as for editing the key result; its value is checked in at once",
      conflicts: false,
      request: { params: IdParamsSchema, body: jsonBody(KeyResultKpiInputSchema) },
      responses: { 200: jsonResponse(KeyResultKpiSchema, "What the key result follows now") },
    },
    async (c) =>
      c.json(
        await setKeyResultKpi(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
}
