/**
 * Hiding confidential numbers in text, as Sourcegraph published its page:
 * "Reach $1.2M in expansion ARR" -> "Reach [*$N<sub>0</sub>*][N0] in expansion ARR".
 */

// Not a digit of a word ("Q3", "N0") or of a placeholder already written ("<sub>0</sub>").
const NUMBER = /(?<![\w>.,])(\$?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(MM|[kKmMbB])\b)?(%?)/g;

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9 };

function numberOf(digits: string, suffix: string | undefined): number {
  const base = Number(digits.replace(/,/g, ""));
  return base * (suffix ? (SCALE[suffix.toLowerCase()] ?? 1) : 1);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-6);
}

/**
 * THE hiding of confidential numbers in text (titles, written outcomes): every number in
 * `text` that spells one of `values` (a key result's start, target, current value) becomes a
 * placeholder linking to `label`. Every presenter and the public export call this.
 * @example hideNumbers("Grow from $1.0M to $2.5M", [1e6, 2.5e6], "N0")
 *   // "Grow from [*$N<sub>0</sub>*][N0] to [*$N<sub>0</sub>*][N0]"
 */
export function hideNumbers(
  text: string,
  values: readonly (number | null)[],
  label: string,
): string {
  const secret = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (secret.length === 0 || !/\d/.test(text)) return text;
  const index = label.replace(/^N/, "");
  return text.replace(
    NUMBER,
    (whole, dollar: string, digits: string, suffix: string | undefined, percent: string) => {
      const value = numberOf(digits, suffix);
      const spells = secret.some(
        (target) => close(value, target) || (percent !== "" && close(value / 100, target)),
      );
      return spells ? `[*${dollar}N<sub>${index}</sub>*][${label}]` : whole;
    },
  );
}
