/**
 * Marks a line may carry around its OKR text, read before the line's grammar:
 *
 * - a task-list box: `[x] …` (done) or `[ ] …` (not done);
 * - a priority: `p0 - …`, `[P1] …`, `(P2) …` (also at the end: `… [P1]`);
 * - an owner written after the text: `… @handle`, `… [@handle](url)`, `… (owner: Name)`,
 *   before any `=> outcome`, result after a spaced dash or marks at the line's end.
 *
 * Each is cut from the text, so titles stay as a reader would say them.
 */

import type { DocumentItem } from "../core/document.js";
import { markRun } from "./end-marks.js";

export interface LineMarks {
  /** The text without the marks. */
  text: string;
  /** `[x]`: true, `[ ]`: false, no box: null. */
  checked: boolean | null;
  /** `P0`…`P4`, or null. */
  priority: string | null;
  owner: string | null;
  ownerUrl: string | null;
}

const CHECKBOX = /^\[([ xX])\]\s+/;
const LEADING_PRIORITY = /^(?:[pP]([0-4])\s*[-–:]\s+|\[[pP]([0-4])\]\s*|\([pP]([0-4])\)\s*)/;
const TRAILING_PRIORITY = /\s(?:\[[pP]([0-4])\]|\([pP]([0-4])\))$/;
const MENTION = /^@([A-Za-z0-9][\w.-]*)$/;
const MENTION_LINK = /^\[@([A-Za-z0-9][\w.-]*)\]\(([^()\s]+)\)$/;
const OWNER_PAREN = /^\(owner:\s*([^()]+?)\s*\)$/i;

/** Where the text before an outcome ends: at a top-level `=>`, else the end. */
function bodyEnd(text: string): number {
  const arrow = text.indexOf("=>");
  return arrow === -1 ? text.length : arrow;
}

/** Where the last spaced dash (` — `, ` – `, ` -- `) of a line is; -1 without one. */
function lastSpacedDash(text: string): number {
  return Math.max(text.lastIndexOf(" — "), text.lastIndexOf(" – "), text.lastIndexOf(" -- "));
}

/** The last whitespace-separated piece that could be an owner mark, found without backtracking. */
function trailingOwner(body: string): { start: number; owner: string; url: string | null } | null {
  const trimmed = body.trimEnd();
  const candidates = [
    trimmed.lastIndexOf(" @"),
    trimmed.lastIndexOf(" [@"),
    trimmed.lastIndexOf(" (owner:"),
    trimmed.lastIndexOf(" (Owner:"),
  ];
  const start = Math.max(...candidates);
  if (start < 0) return null;
  const piece = trimmed.slice(start + 1);
  const mention = MENTION.exec(piece);
  if (mention?.[1]) return { start, owner: mention[1], url: null };
  const link = MENTION_LINK.exec(piece);
  if (link?.[1]) return { start, owner: link[1], url: link[2] ?? null };
  const paren = OWNER_PAREN.exec(piece);
  if (paren?.[1]) return { start, owner: paren[1], url: null };
  return null;
}

/** Reads and cuts the marks of one logical line. */
export function readLineMarks(raw: string): LineMarks {
  let text = raw;
  let checked: boolean | null = null;
  let priority: string | null = null;
  const box = CHECKBOX.exec(text);
  if (box) {
    checked = box[1] !== " ";
    text = text.slice(box[0].length);
  }
  const lead = LEADING_PRIORITY.exec(text);
  if (lead) {
    priority = `P${lead[1] ?? lead[2] ?? lead[3]}`;
    text = text.slice(lead[0].length);
  }
  let owner: string | null = null;
  let ownerUrl: string | null = null;
  if (text.includes("@") || (text.includes("(") && /\(owner:/i.test(text))) {
    let end = bodyEnd(text);
    let found = trailingOwner(text.slice(0, end));
    // Before marks at the line's end (`… (owner: Ops) [40%]`) or a spaced dash's result.
    for (const before of [markRun(text).start, lastSpacedDash(text)]) {
      if (found !== null || before >= end || before <= 0) continue;
      end = before;
      found = trailingOwner(text.slice(0, end));
    }
    if (found !== null) {
      owner = found.owner;
      ownerUrl = found.url;
      const rest = text.slice(end);
      text = `${text.slice(0, found.start).trimEnd()}${rest === "" ? "" : ` ${rest}`}`;
    }
  }
  if (priority === null) {
    const end = bodyEnd(text);
    const tail = TRAILING_PRIORITY.exec(text.slice(0, end).trimEnd());
    if (tail) {
      priority = `P${tail[1] ?? tail[2]}`;
      const rest = text.slice(end);
      text = `${text.slice(0, tail.index).trimEnd()}${rest === "" ? "" : ` ${rest}`}`;
    }
  }
  return { text, checked, priority, owner, ownerUrl };
}

/** A line's task box, priority and trailing owner, on the item the line made. */
export function applyMarks(item: DocumentItem, marks: LineMarks): void {
  if (marks.priority !== null) item.priority = marks.priority;
  if (marks.ownerUrl !== null && item.owner === marks.owner) item.ownerUrl = marks.ownerUrl;
  if (marks.checked !== null && item.outcome === null) {
    item.status = marks.checked ? "done" : "not_started";
    item.progress = marks.checked ? 1 : 0;
  }
}
