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
  compute: (version: string) => Promise<unknown>,
  /** The compute gives JSON bytes already (`JSON.stringify` of the answer, encoded), not a value. */
  givesBytes = false,
): Promise<Response> {
  const answer = await cachedRead<EncodedAnswer>(
    deps,
    periodId,
    key,
    async (version) => {
      const computed = await compute(version);
      return givesBytes ? encodeJsonBytes(computed as Buffer) : encodeAnswer(computed);
    },
    // The gzip, made on first use, is about a tenth more.
    (encoded) => Math.ceil(encoded.bytes.byteLength * 1.1),
  );
  return sendEncoded(c, answer);
}
