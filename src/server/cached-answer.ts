/**
 * Answers served from the answer cache: the encoded JSON (and its gzip) of a period's read,
 * kept until any process writes to that period (see `app/read-cache.ts`). A hit costs one
 * query of the write counters and the sending of bytes already made.
 */
import type { Context } from "hono";
import type { AppDeps } from "../app/deps.js";
import { cachedRead } from "../app/read-cache.js";
import type { Id } from "../core/types.js";
import { type EncodedAnswer, encodeAnswer, encodeJsonBytes, sendEncoded } from "./large-json.js";

/** Answers with `compute()`'s value, encoded, from the cache while the period is unwritten. */
export async function respondFromCache(
  c: Context,
  deps: AppDeps,
  periodId: Id,
  key: string,
  /** The answer's value, or its JSON bytes already made (`JSON.stringify` of it, encoded). */
  compute: (version: string) => Promise<unknown>,
): Promise<Response> {
  const answer = await cachedRead<EncodedAnswer>(
    deps,
    periodId,
    key,
    async (version) => {
      const computed = await compute(version);
      return Buffer.isBuffer(computed) ? encodeJsonBytes(computed) : encodeAnswer(computed);
    },
    // The gzip, made on first use, is about a tenth more.
    (encoded) => Math.ceil(encoded.bytes.byteLength * 1.1),
  );
  return sendEncoded(c, answer);
}
