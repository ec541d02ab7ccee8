/**
 * Marks at the end of a line that say how far and how it goes: `[40%]`, `(70%)`, ✅, ❌, and
 * the traffic lights 🟢 🟡 🟠 🔴, alone or together (`🟢 (70%)`). Found from the line's end,
 * a mark at a time, so a line costs no more than its last few characters.
 */

/** A line's last character when it may end in a status or progress mark. */
const MARK_LAST = /(?:[✅✔☑❌✖✗)\]]|\u{1F7E0}|\u{1F7E1}|\u{1F7E2}|\u{1F534}|\uFE0F)$/u;
/** One mark at the end: a status emoji, or a percentage in parentheses or brackets. */
const MARK_AT_END =
  /(?:(?:[✅✔☑❌✖✗]|\u{1F7E0}|\u{1F7E1}|\u{1F7E2}|\u{1F534})\uFE0F?|[([]\s*\d+(?:\.\d+)?\s*%\s*[)\]])$/u;

/** Where the run of marks at the end of `text` starts; `emoji` when one of them is an emoji. */
export function markRun(text: string): { start: number; emoji: boolean; marks: number } {
  let start = text.length;
  let marks = 0;
  let emoji = false;
  // Marks end in `)`, `]` or a character past U+2600: most lines end otherwise.
  const last = text.charCodeAt(text.length - 1);
  if ((last !== 41 && last !== 93 && last < 0x2600) || !MARK_LAST.test(text.slice(-2)))
    return { start, emoji, marks };
  for (let from = start; ; ) {
    const mark = MARK_AT_END.exec(text.slice(Math.max(0, from - 16), from));
    if (mark === null) break;
    const at = from - mark[0].length;
    if (marks === 0 && at > 0 && !/\s/.test(text[at - 1] as string)) break;
    if (!/^[([]/.test(mark[0])) emoji = true;
    marks++;
    start = at;
    from = at;
    while (from > 0 && /\s/.test(text[from - 1] as string)) from--;
  }
  return { start, emoji, marks };
}

/** Whether a whole outcome is marks (`🔴 (20%)`, `[40%]`, `✅`), as a line's end writes them. */
export function isMarkRun(outcome: string): boolean {
  const text = outcome.trim();
  return text !== "" && markRun(text).start === 0;
}
