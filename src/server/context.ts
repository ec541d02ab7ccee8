/** What the server keeps per request: who is acting, and how they proved it. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "pino";
import type { Actor, AppDeps } from "../app/deps.js";
import type { OidcConfig } from "../app/oidc-config.js";
import type { User } from "../core/types.js";
import type { TrustedProxies } from "./client-address.js";

export interface SessionInfo {
  /** The session's id (not its secret). */
  id: string;
  csrfToken: string;
  expiresAt: string;
}

export interface Auth {
  actor: Actor;
  user: User;
  via: "session" | "token";
  session: SessionInfo | null;
}

export interface ServerEnv {
  Variables: {
    requestId: string;
    auth: Auth | null;
  };
}

/** What every route module receives to register its routes. */
export interface RouteContext {
  api: OpenAPIHono<ServerEnv>;
  deps: AppDeps;
  logger: Logger;
  options: ResolvedServerOptions;
}

export interface ResolvedServerOptions {
  version: string;
  /** Folder with the built web app (index.html + assets). */
  webRoot: string;
  /** Sign-in attempts allowed per account and client address in one window (counted in the database). */
  signInLimit: { max: number; windowMs: number };
  /** Proxies whose X-Forwarded-For names the client (none by default). */
  trustedProxies: TrustedProxies;
  /** Whether email-and-password sign-in is on (it can be turned off when single sign-on is set up). */
  passwordSignIn: boolean;
  /** Single sign-on with OpenID Connect, when configured. */
  oidc: OidcConfig | null;
  /** Body limits in bytes. */
  bodyLimit: number;
  importBodyLimit: number;
  /** Session lifetime (sliding) in milliseconds. */
  sessionTtlMs: number;
}
