/** First-run setup, sign-in/out, users (admin) and personal API tokens. */

import { getConnInfo } from "@hono/node-server/conninfo";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  createApiToken,
  createUser,
  getUser,
  isSetupNeeded,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setUpFirstAdmin,
  updateUser,
} from "../../app/accounts.js";
import {
  CreateTokenInputSchema,
  CreateUserInputSchema,
  SetupInputSchema,
  SignInInputSchema,
  UpdateUserInputSchema,
} from "../../app/accounts-schemas.js";
import { signIn, signOut } from "../../app/auth.js";
import { clearSignInAttemptsOf, countSignInAttemptOf } from "../../app/sign-in-limit.js";
import { SessionSchema, TokenSchema, UserSchema, UsersSchema } from "../../contract/accounts.js";
import { OkrError } from "../../core/errors.js";
import { clientAddressOf, type TrustedProxies } from "../client-address.js";
import type { RouteContext, ServerEnv } from "../context.js";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../cookies.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

/** The client's address: the peer, or what a trusted proxy forwarded (client-address.ts). */
export function clientAddress(c: Context<ServerEnv>, trusted: TrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return clientAddressOf(peer ?? "local", c.req.header("x-forwarded-for"), trusted);
}

export function registerAccountRoutes(ctx: RouteContext): void {
  const { deps, options } = ctx;

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/setup",
      access: "public",
      tags: ["accounts"],
      summary: "Whether the first admin still has to be created",
      responses: {
        200: jsonResponse(z.object({ needed: z.boolean() }), "Setup state"),
      },
    },
    async (c) => c.json({ needed: await isSetupNeeded(deps) }, 200),
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/setup",
      access: "public",
      tags: ["accounts"],
      summary: "Create the first admin (only while no admin exists); signs them in",
      request: { body: jsonBody(SetupInputSchema) },
      responses: {
        201: jsonResponse(SessionSchema, "The admin, signed in"),
      },
    },
    async (c) => {
      const input = c.req.valid("json");
      await setUpFirstAdmin(deps, input);
      const signedIn = await signIn(
        deps,
        { email: input.email, password: input.password },
        options.sessionTtlMs,
      );
      writeSessionCookie(c, signedIn.secret, signedIn.session.expiresAt);
      return c.json(
        {
          authenticated: true,
          via: "session" as const,
          user: signedIn.user,
          csrfToken: signedIn.session.csrfToken,
          expiresAt: signedIn.session.expiresAt,
          setupNeeded: false,
        },
        201,
      );
    },
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/session",
      access: "public",
      tags: ["accounts"],
      summary: "Who am I: the signed-in user and the CSRF token for cookie writes",
      responses: {
        200: jsonResponse(
          SessionSchema,
          "The current session (authenticated: false when signed out)",
        ),
      },
    },
    async (c) => {
      const auth = c.get("auth");
      return c.json(
        {
          authenticated: auth !== null,
          via: auth?.via ?? null,
          user: auth?.user ?? null,
          csrfToken: auth?.session?.csrfToken ?? null,
          expiresAt: auth?.session?.expiresAt ?? null,
          setupNeeded: auth ? false : await isSetupNeeded(deps),
        },
        200,
      );
    },
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/session",
      access: "public",
      tags: ["accounts"],
      summary: "Sign in with email and password (sets the okr_session cookie)",
      request: { body: jsonBody(SignInInputSchema) },
      responses: { 200: jsonResponse(SessionSchema, "Signed in") },
    },
    async (c) => {
      const input = c.req.valid("json");
      if (!options.passwordSignIn) {
        throw new OkrError(
          "forbidden",
          "Password sign-in is turned off here; sign in with single sign-on.",
        );
      }
      const address = clientAddress(c, options.trustedProxies);
      await countSignInAttemptOf(deps, options.signInLimit, input.email, address);
      const signedIn = await signIn(
        deps,
        input,
        options.sessionTtlMs,
        c.req.header("user-agent") ?? null,
      );
      await clearSignInAttemptsOf(deps, options.signInLimit, input.email, address);
      writeSessionCookie(c, signedIn.secret, signedIn.session.expiresAt);
      return c.json(
        {
          authenticated: true,
          via: "session" as const,
          user: signedIn.user,
          csrfToken: signedIn.session.csrfToken,
          expiresAt: signedIn.session.expiresAt,
          setupNeeded: false,
        },
        200,
      );
    },
  );

  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/session",
      access: "public",
      tags: ["accounts"],
      summary: "Sign out (ends the session, clears the cookie)",
      responses: { 204: { description: "Signed out" } },
    },
    async (c) => {
      const secret = readSessionCookie(c);
      if (secret) await signOut(deps, secret);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/users",
      access: "admin",
      tags: ["accounts"],
      summary: "Every user account (admin)",
      responses: { 200: jsonResponse(UsersSchema, "Users") },
    },
    async (c) => c.json({ users: await listUsers(deps, actorOf(c)) }, 200),
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/users",
      access: "admin",
      tags: ["accounts"],
      summary: "Create a user with a role (admin)",
      request: { body: jsonBody(CreateUserInputSchema) },
      responses: { 201: jsonResponse(UserSchema, "The new user") },
    },
    async (c) => c.json(await createUser(deps, actorOf(c), c.req.valid("json")), 201),
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/users/{id}",
      access: "admin",
      tags: ["accounts"],
      summary: "One user (admin)",
      request: { params: IdParams },
      responses: { 200: jsonResponse(UserSchema, "The user") },
    },
    async (c) => c.json(await getUser(deps, c.req.valid("param").id), 200),
  );

  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/users/{id}",
      access: "admin",
      tags: ["accounts"],
      summary: "Change a user's name, role, insider flag, password or person (admin)",
      request: { params: IdParams, body: jsonBody(UpdateUserInputSchema) },
      responses: { 200: jsonResponse(UserSchema, "The user as it is now") },
    },
    async (c) =>
      c.json(await updateUser(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/tokens",
      access: "signed_in",
      tags: ["accounts"],
      summary: "My API tokens (never their secrets)",
      responses: { 200: jsonResponse(z.object({ tokens: z.array(TokenSchema) }), "Tokens") },
    },
    async (c) => c.json({ tokens: await listApiTokens(deps, actorOf(c)) }, 200),
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/tokens",
      access: "signed_in",
      tags: ["accounts"],
      summary: "Create an API token for me; the secret is shown this once",
      request: { body: jsonBody(CreateTokenInputSchema) },
      responses: {
        201: jsonResponse(
          z.object({ token: TokenSchema, secret: z.string() }),
          "The token and its secret",
        ),
      },
    },
    async (c) => c.json(await createApiToken(deps, actorOf(c), c.req.valid("json")), 201),
  );

  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/tokens/{id}",
      access: "signed_in",
      tags: ["accounts"],
      summary: "Revoke one of my API tokens (admins: anyone's)",
      request: { params: IdParams },
      responses: { 200: jsonResponse(TokenSchema, "The revoked token") },
    },
    async (c) => c.json(await revokeApiToken(deps, actorOf(c), c.req.valid("param").id), 200),
  );
}
