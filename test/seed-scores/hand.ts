/**
 * The arithmetic of a hand-scored page: plain means, each objective at most 1 (the default
 * cap). Kept apart from the product's roll-up on purpose, so a test compares two computations.
 */
export type Part =
  | { kind: "kr"; line: number; value: number }
  | { kind: "objective"; line: number; parts: Part[] }
  | { kind: "status"; line: number; status: "done" | "missed" };

export const K = (line: number, value: number): Part => ({ kind: "kr", line, value });
export const O = (line: number, parts: Part[]): Part => ({ kind: "objective", line, parts });
export const S = (line: number, status: "done" | "missed"): Part => ({
  kind: "status",
  line,
  status,
});

/** What one part counts in its parent. */
export function partValue(part: Part): number {
  if (part.kind === "kr") return part.value;
  if (part.kind === "status") return part.status === "done" ? 1 : 0;
  return Math.min(1, mean(part.parts));
}

/** The plain mean of the parts' values. */
export function mean(parts: readonly Part[]): number {
  return parts.reduce((sum, part) => sum + partValue(part), 0) / parts.length;
}
