/** A number typed into a text field, read the way the person meant it or refused in words. */

export type NumberText =
  | { value: number | null; error?: undefined }
  | { value?: undefined; error: string };

/** Empty is no number; "1.5", "-2", "1e3" are numbers; "1,5" or "ten" are refused. */
export function readNumberText(text: string, label: string): NumberText {
  const trimmed = text.trim();
  if (trimmed === "") return { value: null };
  const value = Number(trimmed);
  if (Number.isFinite(value)) return { value };
  return {
    error: trimmed.includes(",")
      ? `${label} must be a number with a decimal point, like ${trimmed.replace(",", ".")}.`
      : `${label} must be a number, like 1.5.`,
  };
}
