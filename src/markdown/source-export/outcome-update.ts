/**
 * The outcome text a line gets when its key result's progress moved: the page's own way of
 * writing it, with the number updated (`=> 94%` -> `=> 42%`, `7 of 8` -> `6 of 8`), or a plain
 * outcome (`42%`) when the written one holds no number that says the progress.
 */
import type { Status } from "../../core/types.js";
import { formatOutcome, readOutcome } from "../outcome.js";

function percentText(progress: number): string {
  return String(Number((progress * 100).toFixed(2)));
}

function sameProgress(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) < 1e-9;
}

/** `written` with its number changed to say `progress`, or a fresh outcome when it cannot. */
export function updateOutcome(
  written: string | null,
  progress: number | null,
  status: Status | null,
  title: string,
): string | null {
  if (written === null || progress === null) return formatOutcome(progress, status);
  const percent = /[-+]?\d+(?:\.\d+)?(?=\s*%)/.exec(written);
  if (percent !== null) {
    const candidate =
      written.slice(0, percent.index) +
      percentText(progress) +
      written.slice(percent.index + percent[0].length);
    if (sameProgress(readOutcome(candidate, title).progress, progress)) return candidate;
  }
  const ratio = /^(\d+(?:\.\d+)?)(\s*(?:\/|of|out of)\s*)(\d+(?:\.\d+)?)/i.exec(written);
  if (ratio !== null) {
    const done = progress * Number(ratio[3]);
    if (Number.isInteger(Number(done.toFixed(9)))) {
      const candidate = `${Number(done.toFixed(9))}${ratio[2]}${ratio[3]}${written.slice(ratio[0].length)}`;
      if (sameProgress(readOutcome(candidate, title).progress, progress)) return candidate;
    }
  }
  return formatOutcome(progress, status);
}
