/**
 * Serves the built web app from `dist/web`: files as they are, everything else (client-side
 * routes) falls back to index.html. When the app is not built, a page says how to build it.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>okr: web app not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>The web app is not built yet</h1>
<p>The server and its API are running, but <code>dist/web</code> holds no web app.
Run <code>npm run build</code>, then start the server again.</p>
<p>Meanwhile: <a href="/api/health">/api/health</a> · <a href="/api/docs">API documentation</a></p>
</body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A handler serving `root` with an SPA fallback. */
export function serveWebApp(root: string) {
  const base = resolve(root);
  const assets = new Map<string, { body: Buffer; gzip: Buffer | null }>();
  return async (c: Context): Promise<Response> => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      return c.json(
        { error: { code: "not_found", message: `No route ${c.req.method} ${c.req.path}` } },
        404,
      );
    }
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text("Bad path", 400);
    }
    const target = normalize(join(base, path));
    if (target.startsWith(base + sep) && (await isFile(target))) {
      const immutable = path.startsWith("/assets/");
      const type = TYPES[extname(target).toLowerCase()] ?? "application/octet-stream";
      const headers: Record<string, string> = {
        "content-type": type,
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        vary: "Accept-Encoding",
      };
      if (!immutable) return c.body(await readFile(target), 200, headers);
      // Hashed assets never change: read and gzip each once, not on every request.
      let cached = assets.get(target);
      if (!cached) {
        const body = await readFile(target);
        const compressible = /^(text\/|application\/(json|javascript|manifest)|image\/svg)/.test(
          type,
        );
        cached = { body, gzip: compressible && body.length > 1024 ? gzipSync(body) : null };
        assets.set(target, cached);
      }
      if (cached.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
        return c.body(new Uint8Array(cached.gzip), 200, { ...headers, "content-encoding": "gzip" });
      }
      return c.body(new Uint8Array(cached.body), 200, headers);
    }
    // A missing asset is a 404; any other path is a client-side route.
    if (extname(path) !== "" && !path.endsWith(".html")) {
      return c.text("Not found", 404);
    }
    const index = join(base, "index.html");
    if (await isFile(index)) {
      return c.body(await readFile(index), 200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-cache",
      });
    }
    return c.html(NOT_BUILT, 200);
  };
}
