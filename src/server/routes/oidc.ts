/**
 * Single sign-on with OpenID Connect: which sign-in methods are on, the redirect to the
 * identity provider, and its answer. Both redirects end on the web app; a failure lands on the
 * sign-in page with a problem code (`/?sso_error=state_mismatch`), never a stack trace.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  finishOidcSignIn,
  messageOf,
  OIDC_SIGN_IN_TTL_MS,
  redirectUriOf,
  SignOnError,
  startOidcSignIn,
} from "../../app/oidc-sign-in.js";
import { SignInMethodsSchema } from "../../contract/accounts.js";
import type { RouteContext, ServerEnv } from "../context.js";
import { isSecure, writeSessionCookie } from "../cookies.js";
import { defineRoute, jsonResponse } from "../route.js";

const OIDC_COOKIE = "okr_oidc";
const OIDC_PATH = "/api/auth/oidc";

const redirect = { description: "Redirect (the browser follows it)" };

export function registerOidcRoutes(ctx: RouteContext): void {
  const { deps, options, logger } = ctx;

  /** Sends the browser to the sign-in page with the problem's code. */
  function refuse(c: Context<ServerEnv>, error: unknown): Response {
    const problem = error instanceof SignOnError ? error.problem : "provider_unavailable";
    const cause = error instanceof SignOnError ? error.cause : error;
    logger.warn(
      {
        requestId: c.get("requestId"),
        problem,
        cause: cause === undefined ? undefined : messageOf(cause),
      },
      "single sign-on refused",
    );
    return c.redirect(`/?sso_error=${problem}`, 302);
  }

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/auth/methods",
      access: "public",
      tags: ["accounts"],
      summary: "How one signs in here: password, single sign-on, or both",
      responses: { 200: jsonResponse(SignInMethodsSchema, "The sign-in methods that are on") },
    },
    (c) =>
      c.json(
        {
          password: options.passwordSignIn,
          oidc: options.oidc ? { name: options.oidc.name, startUrl: `${OIDC_PATH}/start` } : null,
        },
        200,
      ),
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: `${OIDC_PATH}/start`,
      access: "public",
      tags: ["accounts"],
      summary:
        "Start single sign-on: redirects to the identity provider (authorization code + PKCE)",
      responses: { 302: redirect },
    },
    async (c) => {
      const config = options.oidc;
      if (!config) return c.redirect("/?sso_error=not_configured", 302);
      try {
        const started = await startOidcSignIn(
          deps,
          config,
          redirectUriOf(config, new URL(c.req.url).origin),
        );
        setCookie(c, OIDC_COOKIE, started.secret, {
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level GET, which carries it.
          sameSite: "Lax",
          secure: isSecure(c),
          path: OIDC_PATH,
          maxAge: Math.floor(OIDC_SIGN_IN_TTL_MS / 1000),
        });
        return c.redirect(started.url, 302);
      } catch (error) {
        return refuse(c, error);
      }
    },
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: `${OIDC_PATH}/callback`,
      access: "public",
      tags: ["accounts"],
      summary:
        "The identity provider's answer: checks state, code and ID token, signs in, redirects to the app",
      responses: { 302: redirect },
    },
    async (c) => {
      const config = options.oidc;
      if (!config) return c.redirect("/?sso_error=not_configured", 302);
      const secret = getCookie(c, OIDC_COOKIE);
      deleteCookie(c, OIDC_COOKIE, { path: OIDC_PATH });
      try {
        const callbackUrl = new URL(redirectUriOf(config, new URL(c.req.url).origin));
        callbackUrl.search = new URL(c.req.url).search;
        const signedIn = await finishOidcSignIn(deps, config, secret, callbackUrl, {
          ttlMs: options.sessionTtlMs,
          userAgent: c.req.header("user-agent") ?? null,
        });
        writeSessionCookie(c, signedIn.secret, signedIn.session.expiresAt);
        return c.redirect("/", 302);
      } catch (error) {
        return refuse(c, error);
      }
    },
  );
}
