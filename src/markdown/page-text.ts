/**
 * A handbook page's text as okr reads and keeps it: each NUL character (U+0000) is read as the
 * replacement character U+FFFD, as CommonMark says a Markdown reader must. The rest of okr
 * refuses NUL outright (`core/nul-character.ts`: PostgreSQL's text cannot hold it); a page is
 * Markdown, so it is read the way every Markdown tool reads it, the same on every path in (a
 * file, a text body, a JSON body) and on every database. The parser says on which lines.
 */
import type { Problem } from "../core/document.js";
import { readAsPageText } from "../core/nul-character.js";

/** `readAsPageText`, with a problem naming each line that held a NUL character. */
export function pageTextOf(text: string): { text: string; problems: Problem[] } {
  if (!text.includes("\u0000")) return { text, problems: [] };
  const problems: Problem[] = [];
  let line = 1;
  let lastLine = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) line++;
    else if (code === 0 && line !== lastLine) {
      lastLine = line;
      problems.push({
        line,
        severity: "warning",
        code: "nul_character",
        message: `Line ${line} holds the NUL character (U+0000), which is not text; it is read as U+FFFD (\uFFFD), as in any Markdown reader.`,
      });
    }
  }
  return { text: readAsPageText(text), problems };
}
