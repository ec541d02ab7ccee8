/** A fixed-window counter per key, in memory: enough to slow password guessing on one instance. */
export interface RateLimiter {
  /** Counts one attempt; true while the key is within its limit. */
  hit(key: string): boolean;
  /** Forgets a key (after a successful sign-in). */
  reset(key: string): void;
}

export function createRateLimiter(
  max: number,
  windowMs: number,
  now: () => number = Date.now,
): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      const window = windows.get(key);
      if (!window || t - window.start >= windowMs) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      window.count += 1;
      return window.count <= max;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
