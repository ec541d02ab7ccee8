/**
 * Tables whose rows are key results: a header naming a key result column, and optionally the
 * objective, owner and progress (or score) and status (or result) columns, and the Start, Target
 * and Current of the figure a key result measures:
 *
 * | Objective         | Key result          | Owner | Progress |
 * |-------------------|---------------------|-------|----------|
 * | Grow the pipeline | Book 40 demos       | Sales | 60%      |
 * |                   | Close 10 deals      | Sales | 3 of 10  |
 *
 * An empty objective cell continues the objective above it; a row with an objective and no key
 * result is that objective alone.
 */
import type { Token } from "markdown-it";

/** What a table's columns hold, by the header's words. */
export type ColumnRole =
  | "objective"
  | "keyResult"
  | "owner"
  | "outcome"
  | "status"
  | "start"
  | "target"
  | "current";

export interface TableRow {
  /** 1-based line of the row. */
  line: number;
  objective: string | null;
  /** Null: the row holds only its objective. */
  keyResult: string | null;
  owner: string | null;
  /** The Progress cell's text, else the Status cell's. */
  outcome: string | null;
  start: string | null;
  target: string | null;
  current: string | null;
}

export interface OkrTable {
  rows: TableRow[];
  /** The index of the token after the table. */
  next: number;
}

const COLUMNS: ReadonlyArray<[ColumnRole, RegExp]> = [
  ["objective", /^(?:objectives?|goals?)$/],
  ["keyResult", /^(?:key\s*results?|krs?)$/],
  ["owner", /^(?:owners?|dri|who|lead|responsible|assignee)$/],
  ["outcome", /^(?:progress|score|%|grade)$/],
  ["status", /^(?:status|result|outcome|done)$/],
  ["start", /^(?:start(?:ing)?(?:\s+value)?|baseline|from)$/],
  ["target", /^(?:target(?:\s+value)?|to)$/],
  ["current", /^(?:current(?:\s+value)?|actual|now|latest|value)$/],
];

/** A cell's text as compared with the header words: emphasis and padding gone, lower case. */
function cellText(content: string): string {
  return content.replace(/\*\*|__/g, "").trim();
}

/**
 * The column of each role a table's header names, by the header cells' text; the first
 * column whose words name a role takes it.
 */
export function columnsOf(header: readonly string[]): Map<ColumnRole, number> {
  const words = header.map((c) => cellText(c).toLowerCase());
  const column = new Map<ColumnRole, number>();
  for (const [name, pattern] of COLUMNS) {
    const at = words.findIndex((h) => pattern.test(h));
    if (at !== -1) column.set(name, at);
  }
  // A Status column alone holds the outcome; beside a Progress column, it speaks where that
  // column's cell is empty.
  const status = column.get("status");
  if (status !== undefined && !column.has("outcome")) {
    column.set("outcome", status);
    column.delete("status");
  }
  return column;
}

/** Reads the table opening at `start`; its rows when it is a key result table, else none. */
export function readOkrTable(tokens: readonly Token[], start: number): OkrTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = start + 1;
  let current: string[] | null = null;
  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === "table_close") break;
    if (token.type === "tr_open") {
      current = [];
      rows.push(current);
      lines.push((token.map?.[0] ?? 0) + 1);
    } else if (token.type === "inline" && current !== null) {
      current.push(token.content);
    }
  }
  const next = i + 1;
  const column = columnsOf(rows[0] ?? []);
  if (!column.has("keyResult")) return { rows: [], next };
  const cell = (row: string[], name: ColumnRole): string | null => {
    const at = column.get(name);
    const text = at === undefined ? "" : (row[at] ?? "").trim();
    return text === "" ? null : text;
  };
  let objective: string | null = null;
  const out: TableRow[] = [];
  rows.slice(1).forEach((row, index) => {
    const named = cell(row, "objective");
    const keyResult = cell(row, "keyResult");
    objective = named ?? objective;
    if (keyResult === null && named === null) return;
    out.push({
      line: lines[index + 1] ?? 0,
      objective,
      keyResult,
      owner: cell(row, "owner"),
      outcome: cell(row, "outcome") ?? cell(row, "status"),
      start: cell(row, "start"),
      target: cell(row, "target"),
      current: cell(row, "current"),
    });
  });
  return { rows: out, next };
}
