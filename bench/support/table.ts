/** Prints bench rows as an aligned text table. */
import type { BenchRow } from "../types.js";
import { roundTo } from "./measure.js";

/** Whether a row met its target: ratios (and plain values) must be at most the target. */
export function meetsTarget(row: BenchRow): boolean | undefined {
  if (row.target === undefined) return undefined;
  return (row.targetOn === "value" ? row.value : row.ratio) <= row.target;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = roundTo(value, 3);
  return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString("en-US") : String(rounded);
}

/** The rows as a table: name, ours, baseline, ratio, target, verdict. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["bench", "ours", "baseline", "ratio", "target", ""];
  const lines = rows.map((row) => {
    const verdict = meetsTarget(row);
    return [
      row.name,
      `${formatNumber(row.value)} ${row.unit}`,
      `${formatNumber(row.baseline)} ${row.unit} (${row.baselineName})`,
      `${roundTo(row.ratio, 3)}×`,
      row.target === undefined
        ? "–"
        : row.targetOn === "value"
          ? `≤ ${row.target} ${row.unit}`
          : `≤ ${row.target}×`,
      verdict === undefined ? "" : verdict ? "met" : "MISSED",
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [render(header), render(widths.map((width) => "─".repeat(width)))];
  for (const line of lines) out.push(render(line));
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) {
    out.push("");
    for (const row of notes) out.push(`  ${row.name}: ${row.note}`);
  }
  return out.join("\n");
}
