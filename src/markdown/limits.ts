/**
 * Size limits of a handbook page. A line longer than any handbook writes is not read (a
 * problem names it), so no single line can make parsing slow or an answer huge.
 */
import type { Problem } from "../core/document.js";

/** Longest line read, in characters: a handbook line is a few hundred. */
export const MAX_LINE_LENGTH = 10_000;
/** Longest title, as the API takes it. */
export const MAX_TITLE_LENGTH = 2_000;

/** Blanks the lines longer than {@link MAX_LINE_LENGTH}, each with a problem naming it. */
export function capLines(text: string): { text: string; problems: Problem[] } {
  const problems: Problem[] = [];
  let out = "";
  let from = 0;
  let line = 1;
  for (let at = 0; at <= text.length; line++) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const length = end - at - (text.charCodeAt(end - 1) === 13 ? 1 : 0);
    if (length > MAX_LINE_LENGTH) {
      problems.push({
        line,
        severity: "error",
        code: "line_too_long",
        message: `Line ${line} is ${length.toLocaleString("en")} characters long; the limit is ${MAX_LINE_LENGTH.toLocaleString("en")}. The line was not read.`,
      });
      out += text.slice(from, at);
      from = end;
    }
    at = end + 1;
  }
  return { text: problems.length === 0 ? text : out + text.slice(from), problems };
}
