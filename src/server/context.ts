/** What the server keeps per request: who is acting, and how they proved it. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "pino";
import type { Actor, AppDeps } from "../app/deps.js";
import type { User } from "../core/types.js";

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
  /** Sign-in attempts allowed per IP and email in one window. */
  signInLimit: { max: number; windowMs: number };
  /** Body limits in bytes. */
  bodyLimit: number;
  importBodyLimit: number;
  /** Session lifetime (sliding) in milliseconds. */
  sessionTtlMs: number;
}
