/** Your own password: change it by proving the current one. */
import { z } from "@hono/zod-openapi";
import { ChangePasswordInputSchema, changeOwnPassword } from "../../app/own-password.js";
import { OkrError } from "../../core/errors.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import { UserSchema } from "./accounts.js";

export function registerPasswordRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/me/password",
      access: "signed_in",
      tags: ["accounts"],
      summary:
        "Change my password (send the current one; signed-in sessions only, not API tokens); my other sessions end, this one stays",
      request: { body: jsonBody(ChangePasswordInputSchema) },
      responses: {
        200: jsonResponse(z.object({ user: UserSchema }), "The password is changed"),
      },
    },
    async (c) => {
      const auth = c.get("auth");
      if (auth?.via !== "session" || !auth.session) {
        // A token acts for scripts; the password belongs to the person signing in.
        throw new OkrError(
          "forbidden",
          "Change a password from a signed-in session, not with an API token.",
        );
      }
      const user = await changeOwnPassword(deps, actorOf(c), c.req.valid("json"), auth.session.id);
      return c.json({ user }, 200);
    },
  );
}
