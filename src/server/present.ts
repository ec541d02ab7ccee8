/** Small helpers every handler shares: who is acting. */
import type { Context } from "hono";
import type { Actor } from "../app/deps.js";
import { OkrError } from "../core/errors.js";
import type { ServerEnv } from "./context.js";

/** The actor of an authenticated request (the access rule has run, so there is one). */
export function actorOf(c: Context<ServerEnv>): Actor {
  const auth = c.get("auth");
  if (!auth) throw new OkrError("unauthenticated", "Sign in first.");
  return auth.actor;
}
