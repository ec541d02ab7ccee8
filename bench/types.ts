/** One row of `npm run bench`: a measurement beside the baseline measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "parse: seed pages" or "tree read (sqlite)". */
  name: string;
  /** Our figure, in `unit`. */
  value: number;
  /** The baseline's figure in the same unit, measured in the same run. */
  baseline: number;
  baselineName: string;
  unit: string;
  /** value / baseline for times (lower is better); documented per row otherwise. */
  ratio: number;
  /** The goal for `ratio` (or for `value` when there is no baseline), if any. */
  target?: number;
  /** What `target` bounds: the ratio (default) or the absolute `value` (cold start, memory). */
  targetOn?: "ratio" | "value";
  note?: string;
}

export interface BenchContext {
  /** Prints one progress line. */
  progress(message: string): void;
  /** Scale factor: 1 for the default run, smaller for a quick run (`npm run bench -- --quick`). */
  scale: number;
}

/** Every bench module default-exports one of these. */
export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;
