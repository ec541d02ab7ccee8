/**
 * `/public`: the public OKR site, when an admin turns it on in Settings. Read-only, no
 * sign-in, the hiding rules of the public export (it is the same site `okr publish` writes).
 * Each answer carries an ETag of the page's bytes (weak once compression changes the bytes
 * sent; a repeat with either form in If-None-Match gets 304 and no body) and a short public Cache-Control, so a proxy or CDN may keep it for a minute.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { OkrError } from "../core/errors.js";
import type { RouteContext } from "./context.js";

/** How long browsers and shared caches may keep a page before asking again. */
export const PUBLIC_SITE_MAX_AGE_SECONDS = 60;

function etagOf(content: string): string {
  return `"${createHash("sha256").update(content).digest("base64url").slice(0, 32)}"`;
}

/** Whether If-None-Match names `etag` (a list, `*`, or weak forms of it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

export function registerPublicSite(ctx: RouteContext): void {
  const { api, deps } = ctx;
  api.get("/public", (c) => c.redirect("/public/", 301));
  // Two plain routes rather than one with an optional file: every route stays one the fastest
  // of Hono's routers takes (an empty parameter's pattern would put the whole app on a slower one).
  const serve = async (c: Context, name: string) => {
    // The site's renderer (and its Markdown parser) loads at the first visit, not at start.
    const { buildServedSite } = await import("../app/public-site.js");
    const site = await buildServedSite(deps);
    const file = site.files.find((f) => f.path === name);
    if (!file) throw new OkrError("not_found", `The public site has no page '${name}'`);
    const etag = etagOf(file.content);
    c.header("etag", etag);
    c.header("cache-control", `public, max-age=${PUBLIC_SITE_MAX_AGE_SECONDS}`);
    c.header("vary", "Accept-Encoding");
    if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    c.header("content-type", file.mediaType);
    return c.body(file.content, 200);
  };
  api.get("/public/", (c) => serve(c, "index.html"));
  api.get("/public/:file", (c) => serve(c, c.req.param("file")));
}
