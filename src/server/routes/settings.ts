/** Workspace settings: fiscal calendar, grading bands, roll-up options. */

import { SettingsSchema } from "../../app/schemas.js";
import { getSettings, putSettings } from "../../app/settings.js";
import { SettingsAnswerSchema } from "../../contract/settings.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerSettingsRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/settings",
      access: "signed_in",
      tags: ["settings"],
      summary: "Fiscal calendar, grading bands, roll-up options, sweet spot",
      responses: { 200: jsonResponse(SettingsAnswerSchema, "The settings, defaults filled in") },
    },
    async (c) => c.json(await getSettings(deps, actorOf(c)), 200),
  );
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/settings",
      access: "admin",
      tags: ["settings"],
      summary: "Change the settings (admin); fields left out keep their stored value",
      request: { body: jsonBody(SettingsSchema.partial()) },
      responses: { 200: jsonResponse(SettingsAnswerSchema, "The settings as saved") },
    },
    async (c) => c.json(await putSettings(deps, actorOf(c), c.req.valid("json")), 200),
  );
}
