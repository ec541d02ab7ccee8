/** Removing a link (links are added on their objective or key result). */
import { removeLink } from "../../app/links.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute } from "../route.js";

export function registerLinkRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/links/{id}",
      access: "signed_in",
      tags: ["links"],
      summary: "Remove a link (as for editing the item it hangs on)",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await removeLink(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
}
