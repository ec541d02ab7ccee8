/**
 * Who may get in: disabling, enabling and deleting accounts, every API token (admins), my own
 * sessions, and changing my own password.
 */
import { z } from "@hono/zod-openapi";
import {
  changeOwnPassword,
  deleteUser,
  disableUser,
  enableUser,
  endOwnSession,
  endSessionsOfUser,
  listAllApiTokens,
  listOwnSessions,
} from "../../app/account-access.js";
import { ChangePasswordInputSchema } from "../../app/accounts-schemas.js";
import { clearSignInAttemptsOf, countSignInAttemptOf } from "../../app/sign-in-limit.js";
import {
  PasswordChangedSchema,
  SessionSummarySchema,
  TokenWithOwnerSchema,
  UserSchema,
} from "../../contract/accounts.js";
import { OkrError } from "../../core/errors.js";
import type { RouteContext } from "../context.js";
import { clearSessionCookie } from "../cookies.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import { clientAddress } from "./accounts.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "id", in: "path" } }),
});

export function registerAccessRoutes(ctx: RouteContext): void {
  const { deps, options } = ctx;

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/users/{id}/disable",
      access: "admin",
      tags: ["accounts"],
      summary: "Disable a user: their sessions end and their API tokens stop at once (admin)",
      request: { params: IdParams },
      responses: { 200: jsonResponse(UserSchema, "The user, disabled") },
    },
    async (c) => c.json(await disableUser(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/users/{id}/enable",
      access: "admin",
      tags: ["accounts"],
      summary: "Enable a disabled user again; their unrevoked API tokens work again (admin)",
      request: { params: IdParams },
      responses: { 200: jsonResponse(UserSchema, "The user, enabled") },
    },
    async (c) => c.json(await enableUser(deps, actorOf(c), c.req.valid("param").id), 200),
  );

  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/users/{id}",
      access: "admin",
      tags: ["accounts"],
      summary:
        "Delete a user with their sessions and tokens; check-ins and the audit log keep their name (admin)",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" } },
    },
    async (c) => {
      await deleteUser(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/users/{id}/sessions",
      access: "admin",
      tags: ["accounts"],
      summary: "Sign a user out on every device; their API tokens keep working (admin)",
      request: { params: IdParams },
      responses: {
        200: jsonResponse(z.object({ endedSessions: z.number().int() }), "How many ended"),
      },
    },
    async (c) => {
      const ended = await endSessionsOfUser(deps, actorOf(c), c.req.valid("param").id);
      return c.json({ endedSessions: ended }, 200);
    },
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/admin/tokens",
      access: "admin",
      tags: ["accounts"],
      summary: "Every user's API tokens, with whose each is (admin; never the secrets)",
      responses: {
        200: jsonResponse(z.object({ tokens: z.array(TokenWithOwnerSchema) }), "Tokens"),
      },
    },
    async (c) => c.json({ tokens: await listAllApiTokens(deps, actorOf(c)) }, 200),
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/sessions",
      access: "signed_in",
      tags: ["accounts"],
      summary: "My signed-in sessions: device, when signed in, last seen",
      responses: {
        200: jsonResponse(z.object({ sessions: z.array(SessionSummarySchema) }), "Sessions"),
      },
    },
    async (c) => {
      const current = c.get("auth")?.session?.id ?? null;
      return c.json({ sessions: await listOwnSessions(deps, actorOf(c), current) }, 200);
    },
  );

  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/sessions/{id}",
      access: "signed_in",
      tags: ["accounts"],
      summary: "End one of my sessions (that device is signed out at once)",
      request: { params: IdParams },
      responses: { 204: { description: "Ended" } },
    },
    async (c) => {
      const id = c.req.valid("param").id;
      await endOwnSession(deps, actorOf(c), id);
      if (c.get("auth")?.session?.id === id) clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  defineRoute(
    ctx,
    {
      method: "put",
      path: "/api/me/password",
      access: "signed_in",
      tags: ["accounts"],
      summary:
        "Change my password (send the current one; signed-in sessions only, not API tokens): my other sessions end, this one stays; with revokeTokens, my API tokens are revoked too",
      request: { body: jsonBody(ChangePasswordInputSchema) },
      responses: {
        200: jsonResponse(PasswordChangedSchema, "The password is changed, and what else changed"),
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
      const input = c.req.valid("json");
      // Guessing the current password here counts against the same limit as signing in.
      const email = auth.user.email;
      const address = clientAddress(c, options.trustedProxies);
      await countSignInAttemptOf(deps, options.signInLimit, email, address);
      const changed = await changeOwnPassword(deps, actorOf(c), auth.session.id, input);
      await clearSignInAttemptsOf(deps, options.signInLimit, email, address);
      return c.json(changed, 200);
    },
  );
}
