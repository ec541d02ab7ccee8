/**
 * Hiding a confidential target in a title, as Sourcegraph published its page:
 * "Reach $1.2M in expansion ARR" -> "Reach [*$N<sub>0</sub>*][N0] in expansion ARR".
 */

const NUMBER = /(\$?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(MM|[kKmMbB])\b)?(%?)/g;

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9 };

function numberOf(digits: string, suffix: string | undefined): number {
  const base = Number(digits.replace(/,/g, ""));
  return base * (suffix ? (SCALE[suffix.toLowerCase()] ?? 1) : 1);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-6);
}

/**
 * Replaces the number in `title` that spells `target` by a placeholder linking to `label`.
 * Returns the title unchanged when the target is unknown or not written in it.
 */
export function hideTargetValue(title: string, target: number | null, label: string): string {
  if (target === null || !Number.isFinite(target)) return title;
  let done = false;
  return title.replace(
    NUMBER,
    (whole, dollar: string, digits: string, suffix: string | undefined, percent: string) => {
      if (done) return whole;
      const value = numberOf(digits, suffix);
      if (!close(value, target) && !(percent && close(value / 100, target))) return whole;
      done = true;
      const index = label.replace(/^N/, "");
      return `[*${dollar}N<sub>${index}</sub>*][${label}]`;
    },
  );
}
