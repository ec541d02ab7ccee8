/** The OKR resources: one register function per resource, one line each. */
import type { RouteContext } from "../context.js";

export function registerApiRoutes(_ctx: RouteContext): void {}
