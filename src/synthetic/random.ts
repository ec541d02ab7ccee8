/** Deterministic randomness for the synthetic organisation: the same seed, the same rows. */
import { encodeBase32 } from "../core/ids.js";

/** A small fast seeded PRNG (mulberry32): numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a seed and some numbers, so each key result has its own stream. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h;
}

/**
 * Ids in the product's shape (26 characters, time first, Crockford base32), made from a time
 * and a running counter so they are unique and the same on every run.
 */
export function createSyntheticIds(seed: number): (at: number) => string {
  let counter = 0;
  const salt = encodeBase32(mixSeed(seed, 0x1d5) % 32 ** 6, 6);
  return (at: number) => {
    counter += 1;
    return `${encodeBase32(Math.floor(at), 10)}${encodeBase32(counter, 10)}${salt}`;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** How many of `total` the `index`-th of `count` buckets gets: spread evenly, summing to total. */
export function shareOf(total: number, count: number, index: number): number {
  if (count <= 0) return 0;
  return Math.floor(((index + 1) * total) / count) - Math.floor((index * total) / count);
}
