/**
 * JSON answers made once. In the API, `c.json` turns the value into bytes, gives a read its
 * ETag from those bytes, and gzips them right there when the client takes gzip and they are
 * large enough to gain from it; the answer says its length. So the ETag and compress
 * middleware, which would read the answer back through a web stream to hash or compress it,
 * find it finished and leave it alone (a repeated GET with the ETag still gets 304 from them).
 * Answers too large to gzip on the event loop are left to the compress middleware as before.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { ServerEnv } from "./context.js";
import {
  acceptsGzip,
  asUint8Array,
  etagOfText,
  GZIP_INLINE_MAX_BYTES,
  GZIP_MIN_BYTES,
  gzipInline,
} from "./large-json.js";

type Status = number | ResponseInit | undefined;

/** Makes `c.json` of every request below it answer as described above. */
export function jsonAnswers(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    c.json = ((value: unknown, arg?: Status) =>
      answerJson(c, value, arg)) as unknown as typeof c.json;
    await next();
  };
}

function answerJson(c: Context<ServerEnv>, value: unknown, arg: Status): Response {
  const text = JSON.stringify(value) ?? "null";
  const length = Buffer.byteLength(text, "utf8");
  const headers: Record<string, string> = { "content-type": "application/json" };
  const status = typeof arg === "number" ? arg : (arg?.status ?? 200);
  if (c.req.method === "GET" && status === 200) headers.etag = etagOfText(text);
  // A ResponseInit's own headers are merged in by `c.body`.
  if (
    length >= GZIP_MIN_BYTES &&
    length <= GZIP_INLINE_MAX_BYTES &&
    acceptsGzip(c.req.header("accept-encoding"))
  ) {
    const gzipped = gzipInline(Buffer.from(text, "utf8"));
    headers["content-encoding"] = "gzip";
    headers["content-length"] = String(gzipped.byteLength);
    return c.body(asUint8Array(gzipped), arg as never, headers);
  }
  // Sent as text: the server writes it with the head in one piece.
  headers["content-length"] = String(length);
  return c.body(text, arg as never, headers);
}
