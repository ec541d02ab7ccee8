/**
 * Answers with a large JSON document (a period's tree runs to megabytes) without the generic
 * middleware's copies: the text is made once, its ETag hashed from that text with a native
 * hash, and gzip (when asked for) done off the event loop at a level that favours speed. The
 * ETag and compress middleware see an answer that already carries its ETag (or its encoding)
 * and leave the body alone; a repeated GET with that ETag still gets 304.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Context } from "hono";

const gzipAsync = promisify(gzip);

/** Smaller bodies go through the ordinary path: not worth a thread-pool hop. */
const GZIP_THRESHOLD = 64 * 1024;

/** Fast enough for megabytes on every read, still about a tenth of the JSON. */
const GZIP_LEVEL = 3;

/** Whether the client takes gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== "gzip" && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** A weak ETag over the exact bytes sent (before compression). */
export function etagOfBytes(bytes: Uint8Array): string {
  return `W/"${createHash("sha1").update(bytes).digest("base64url")}"`;
}

/** An answer encoded once: its bytes, their ETag and, once asked for, their gzip. */
export interface EncodedAnswer {
  bytes: Buffer;
  etag: string;
  gzipped?: Promise<Buffer>;
}

/** `value` as JSON bytes with their ETag. */
export function encodeAnswer(value: unknown): EncodedAnswer {
  return encodeJsonText(JSON.stringify(value));
}

/** JSON text already made, as bytes with their ETag. */
export function encodeJsonText(text: string): EncodedAnswer {
  const bytes = Buffer.from(text, "utf8");
  return { bytes, etag: etagOfBytes(bytes) };
}

/** Sends an encoded answer: gzip (made once per answer) when the client takes it and it pays. */
export async function sendEncoded(c: Context, answer: EncodedAnswer): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=UTF-8",
    etag: answer.etag,
    vary: "Accept-Encoding",
  };
  const { bytes } = answer;
  if (bytes.byteLength >= GZIP_THRESHOLD && acceptsGzip(c.req.header("accept-encoding"))) {
    answer.gzipped ??= gzipAsync(bytes, { level: GZIP_LEVEL });
    headers["content-encoding"] = "gzip";
    return c.body(asUint8Array(await answer.gzipped), 200, headers);
  }
  return c.body(asUint8Array(bytes), 200, headers);
}

/** A 200 answer of `value` as JSON with its ETag; gzip when the client takes it and it pays. */
export function respondWithLargeJson(c: Context, value: unknown): Promise<Response> {
  // Encoded once: the same bytes are hashed, compressed or sent.
  return sendEncoded(c, encodeAnswer(value));
}

function asUint8Array(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}
