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
/**
 * The 80 random bits as two halves of 40 bits, `[high, low]`: plain numbers hold them and
 * their sums exactly, where big integers would cost every id a dozen allocations.
 */
type Random80 = readonly [number, number];
const HALF = 2 ** 40;
const HALF_BYTES = RANDOM_BYTES / 2;

/**
 * `value` (a whole number below 2^53) in `length` Crockford base32 digits, most significant
 * first (the shape of every id).
 */
export function encodeBase32(value: number, length: number): string {
  let out = "";
  let v = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}

function randomPart(randomBytes: (n: number) => Uint8Array): Random80 {
  const bytes = randomBytes(RANDOM_BYTES);
  if (bytes.length < RANDOM_BYTES) {
    throw new OkrError(
      "internal_error",
      `randomBytes returned ${bytes.length} bytes, expected ${RANDOM_BYTES}.`,
    );
  }
  let high = 0;
  let low = 0;
  for (let i = 0; i < HALF_BYTES; i++) {
    high = high * 256 + (bytes[i] as number);
    low = low * 256 + (bytes[HALF_BYTES + i] as number);
  }
  return [high, low];
}

/**
 * `last` plus a step of 1 + `random` / 2^16 (up to 2^64); undefined where the sum passes the
 * 80 bits.
 */
function steppedFrom(last: Random80, random: Random80): Random80 | undefined {
  const [randomHigh, randomLow] = random;
  const stepHigh = Math.floor(randomHigh / 2 ** 16);
  const stepLow = (randomHigh % 2 ** 16) * 2 ** 24 + Math.floor(randomLow / 2 ** 16) + 1;
  let low = last[1] + stepLow;
  let carry = 0;
  if (low >= HALF) {
    low -= HALF;
    carry = 1;
  }
  const high = last[0] + stepHigh + carry;
  return high < HALF ? [high, low] : undefined;
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
  let lastRandom: Random80 = [0, 0];
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
      const next = steppedFrom(lastRandom, randomPart(randomBytes));
      if (next === undefined) {
        time = lastTime + 1;
        lastRandom = randomPart(randomBytes);
      } else {
        lastRandom = next;
      }
    } else {
      lastRandom = randomPart(randomBytes);
    }
    lastTime = time;
    return encodeBase32(time, 10) + encodeBase32(lastRandom[0], 8) + encodeBase32(lastRandom[1], 8);
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
