/** Timing helpers: every figure is a median of several runs, so one hiccup does not decide a row. */
import { performance } from "node:perf_hooks";

/** The median of `values` (0 for none). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `action` `warmup` times unmeasured, then `runs` times; returns each run's milliseconds. */
export async function timeRuns(
  action: (run: number) => Promise<unknown> | unknown,
  runs: number,
  warmup = Math.min(3, runs),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await action(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action(i);
    times.push(performance.now() - started);
  }
  return times;
}

/** The median milliseconds of `runs` runs of `action` after a warm-up. */
export async function medianMs(
  action: (run: number) => Promise<unknown> | unknown,
  runs: number,
  warmup?: number,
): Promise<number> {
  return medianOf(await timeRuns(action, runs, warmup));
}

/** Rounds to a few significant digits for display and JSON. */
export function roundTo(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/**
 * Medians of `ours` and `baseline`, run alternately (ours, baseline, ours, …) after a warm-up
 * of each, so a busy spell on the machine falls on both sides instead of one.
 */
export async function interleavedMedians(
  ours: (run: number) => Promise<unknown> | unknown,
  baseline: (run: number) => Promise<unknown> | unknown,
  runs: number,
  warmup = Math.min(3, runs),
): Promise<{ ours: number; baseline: number }> {
  for (let i = 0; i < warmup; i++) {
    await ours(-1 - i);
    await baseline(-1 - i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await ours(i);
    a.push(performance.now() - started);
    started = performance.now();
    await baseline(i);
    b.push(performance.now() - started);
  }
  return { ours: medianOf(a), baseline: medianOf(b) };
}

/**
 * Medians of `ours` run `runs` times in a row and then `baseline` run `runs` times in a row: each
 * side measured while nothing else runs between its requests, as `interleavedMedians` measures
 * each coming back after the other ran. Shown beside a row measured alternately, to say how much
 * the order of the requests moves its ratio (the processor's caches, cooled by the other side).
 */
export async function backToBackMedians(
  ours: (run: number) => Promise<unknown> | unknown,
  baseline: (run: number) => Promise<unknown> | unknown,
  runs: number,
): Promise<{ ours: number; baseline: number }> {
  return {
    ours: medianOf(await timeRuns(ours, runs, 0)),
    baseline: medianOf(await timeRuns(baseline, runs, 0)),
  };
}
