/** The durable job queue as admins see it: per kind, what waits, what failed and why. */
import { z } from "@hono/zod-openapi";
import { readJobStatus } from "../../app/jobs.js";
import { JobStatusSchema } from "../../contract/jobs.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonResponse } from "../route.js";

export function registerJobRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/jobs",
      access: "admin",
      tags: ["system"],
      summary:
        "Background work per kind (reminders, deliveries, refreshes): how many jobs wait, run, finished and failed, the last success and the last error (admin)",
      request: { query: z.object({ kind: z.string().min(1).max(100).optional() }) },
      responses: {
        200: jsonResponse(JobStatusSchema, "Per kind"),
      },
    },
    async (c) =>
      c.json({ kinds: await readJobStatus(deps, actorOf(c), c.req.valid("query").kind) }, 200),
  );
}
