/**
 * JSON answers made once. In the API, `c.json` turns the value into bytes, gives a read its
 * ETag from those bytes, and gzips them right there when the client takes gzip and they are
 * large enough to gain from it; the answer says its length. So the ETag and compress
 * middleware, which would read the answer back through a web stream to hash or compress it,
 * find it finished and leave it alone (a repeated GET with the ETag still gets 304 from them).
 * Such an answer is made whole, with the request's every header in one plain record
 * (`answer-headers.ts`). Answers too large to gzip on the event loop are left to the compress
 * middleware as before.
 */
import type { Context, MiddlewareHandler } from "hono";
import { answerWhole } from "./answer-headers.js";
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
  const gzip = length >= GZIP_MIN_BYTES && acceptsGzip(c.req.header("accept-encoding"));
  if (gzip && length <= GZIP_INLINE_MAX_BYTES) {
    const gzipped = gzipInline(Buffer.from(text, "utf8"));
    headers["content-encoding"] = "gzip";
    headers["content-length"] = String(gzipped.byteLength);
    return answer(c, asUint8Array(gzipped), arg, headers);
  }
  // Sent as text: the server writes it with the head in one piece.
  headers["content-length"] = String(length);
  // Too large to gzip here: the compress middleware gzips it as it is sent.
  if (gzip) return c.body(text, arg as never, headers);
  return answer(c, text, arg, headers);
}

/**
 * The answer made whole with every header of the request (`answer-headers.ts`) where its status
 * is given; else made by the framework, which merges in a `ResponseInit`'s own headers.
 */
function answer(
  c: Context<ServerEnv>,
  body: string | Uint8Array<ArrayBuffer>,
  arg: Status,
  headers: Record<string, string>,
): Response {
  const whole = typeof arg === "number" ? answerWhole(c, body, arg, headers) : undefined;
  return whole ?? c.body(body, arg as never, headers);
}
