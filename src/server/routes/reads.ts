/** Cross-cutting reads: my OKRs, search, the audit log. */
import { z } from "@hono/zod-openapi";
import { readAuditPage } from "../../app/audit.js";
import { getMyOkrs } from "../../app/my-okrs.js";
import { AuditQueryInputSchema, SearchInputSchema } from "../../app/schemas.js";
import { search } from "../../app/search.js";
import { AuditEventSchema, ItemSchema, MyOkrsSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonResponse } from "../route.js";

export function registerReadRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/me/okrs",
      access: "signed_in",
      tags: ["me"],
      summary:
        "What my person, my teams or my role title own in open periods (objectives with their roll-up), and what waits for my check-in",
      responses: {
        200: jsonResponse(MyOkrsSchema, "My OKRs"),
      },
    },
    async (c) => c.json(await getMyOkrs(deps, actorOf(c)), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/search",
      access: "signed_in",
      tags: ["search"],
      summary: "Objectives and key results matching every filter given; newest period first",
      request: { query: SearchInputSchema },
      responses: {
        200: jsonResponse(
          z.object({
            hits: z.array(
              z.object({
                item: ItemSchema,
                period: z.object({ id: z.string(), label: z.string() }),
              }),
            ),
            truncated: z.boolean(),
          }),
          "Hits",
        ),
      },
    },
    async (c) => c.json(await search(deps, actorOf(c), c.req.valid("query")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/audit",
      access: "admin",
      tags: ["audit"],
      summary:
        "Who changed what and when, newest first, a page at a time (admin): `next` is the cursor of the following page; `names` says what the ids in these events are called",
      request: { query: AuditQueryInputSchema },
      responses: {
        200: jsonResponse(
          z.object({
            events: z.array(AuditEventSchema),
            next: z.string().nullable(),
            names: z.record(
              z.string(),
              z.object({
                kind: z.enum(["objective", "key_result", "person", "team", "period", "user"]),
                name: z.string(),
              }),
            ),
          }),
          "One page of events",
        ),
      },
    },
    async (c) => c.json(await readAuditPage(deps, actorOf(c), c.req.valid("query")), 200),
  );
}
