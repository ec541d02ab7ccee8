/** The durable job queue as admins see it: per kind, what waits, what failed and why. */
import { z } from "@hono/zod-openapi";
import { readJobStatus } from "../../app/jobs.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonResponse } from "../route.js";

export const JobKindStatusSchema = z
  .object({
    kind: z.string(),
    pending: z.number().int(),
    running: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  })
  .openapi("JobKindStatus");

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
        200: jsonResponse(z.object({ kinds: z.array(JobKindStatusSchema) }), "Per kind"),
      },
    },
    async (c) =>
      c.json({ kinds: await readJobStatus(deps, actorOf(c), c.req.valid("query").kind) }, 200),
  );
}
