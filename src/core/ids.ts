/**
 * Ids: 26 characters, time-ordered, random (docs/decisions/0003-ids.md): 48 bits of
 * milliseconds then 80 random bits, in Crockford base32 (no I, L, O, U), so ids sort by
 * creation time as plain strings.
 */
import { OkrError } from "./errors.js";
import type { Id } from "./types.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const MAX_TIME = 2 ** 48 - 1;
const RANDOM_BYTES = 10;
const RANDOM_MAX = (1n << 80n) - 1n;

/** `value` in `length` Crockford base32 digits, most significant first (the shape of every id). */
export function encodeBase32(value: bigint, length: number): string {
  let out = "";
  let v = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

function randomPart(randomBytes: (n: number) => Uint8Array): bigint {
  const bytes = randomBytes(RANDOM_BYTES);
  if (bytes.length < RANDOM_BYTES) {
    throw new OkrError(
      "internal_error",
      `randomBytes returned ${bytes.length} bytes, expected ${RANDOM_BYTES}.`,
    );
  }
  let v = 0n;
  for (let i = 0; i < RANDOM_BYTES; i++) v = (v << 8n) | BigInt(bytes[i] as number);
  return v;
}

/**
 * A generator of ids. Ids made in the same millisecond (or after the clock stepped back)
 * keep increasing, by a fresh random step of up to 2^64 rather than by one: knowing one id
 * tells nothing of its neighbours (a guessed id is no way to find another's item).
 * @example createIdGenerator(Date.now, (n) => crypto.getRandomValues(new Uint8Array(n)))
 */
export function createIdGenerator(
  nowMs: () => number,
  randomBytes: (n: number) => Uint8Array,
): () => Id {
  let lastTime = -1;
  let lastRandom = 0n;
  return () => {
    let time = Math.floor(nowMs());
    if (!Number.isFinite(time) || time < 0 || time > MAX_TIME) {
      throw new OkrError(
        "internal_error",
        `Clock value ${time} is outside the 48-bit millisecond range.`,
      );
    }
    if (time <= lastTime) {
      // Same millisecond or a clock that stepped back: stay monotonic.
      time = lastTime;
      const next = lastRandom + 1n + (randomPart(randomBytes) >> 16n);
      if (next > RANDOM_MAX) {
        time = lastTime + 1;
        lastRandom = randomPart(randomBytes);
      } else {
        lastRandom = next;
      }
    } else {
      lastRandom = randomPart(randomBytes);
    }
    lastTime = time;
    return encodeBase32(BigInt(time), 10) + encodeBase32(lastRandom, 16);
  };
}

/** The millisecond an id was made in. */
export function timeOfId(id: Id): number {
  let v = 0;
  for (const ch of id.slice(0, 10).toUpperCase()) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return Number.NaN;
    v = v * 32 + digit;
  }
  return v;
}

/** Whether a string looks like an id made by createIdGenerator. */
export function isId(value: unknown): value is Id {
  return typeof value === "string" && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
