/**
 * Tables whose rows are key results: a header naming a key result column, and optionally the
 * objective, owner and progress (or status, score, result) columns:
 *
 * | Objective        | Key result          | Owner | Progress |
 * |------------------|---------------------|-------|----------|
 * | Grow the pipeline| Book 40 demos       | Sales | 60%      |
 * |                  | Close 10 deals      | Sales | 3 of 10  |
 *
 * An empty objective cell continues the objective above it.
 */
import type { Token } from "markdown-it";

export interface TableRow {
  /** 1-based line of the row. */
  line: number;
  objective: string | null;
  keyResult: string;
  owner: string | null;
  outcome: string | null;
}

export interface OkrTable {
  rows: TableRow[];
  /** The index of the token after the table. */
  next: number;
}

const COLUMNS: Array<[keyof Omit<TableRow, "line">, RegExp]> = [
  ["objective", /^(?:objectives?|goals?)$/],
  ["keyResult", /^(?:key\s*results?|krs?)$/],
  ["owner", /^(?:owners?|dri|who|lead|responsible)$/],
  ["outcome", /^(?:progress|status|score|result|outcome|done|%|grade)$/],
];

function cellText(content: string): string {
  return content.replace(/\*\*|__/g, "").trim();
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
  const header = rows[0]?.map((c) => cellText(c).toLowerCase()) ?? [];
  const column = new Map<string, number>();
  for (const [name, pattern] of COLUMNS) {
    const at = header.findIndex((h) => pattern.test(h));
    if (at !== -1) column.set(name, at);
  }
  const kr = column.get("keyResult");
  if (kr === undefined) return { rows: [], next };
  const cell = (row: string[], name: string): string | null => {
    const at = column.get(name);
    const text = at === undefined ? "" : (row[at] ?? "").trim();
    return text === "" ? null : text;
  };
  let objective: string | null = null;
  const out: TableRow[] = [];
  rows.slice(1).forEach((row, index) => {
    objective = cell(row, "objective") ?? objective;
    const keyResult = (row[kr] ?? "").trim();
    if (keyResult === "") return;
    out.push({
      line: lines[index + 1] ?? 0,
      objective,
      keyResult,
      owner: cell(row, "owner"),
      outcome: cell(row, "outcome"),
    });
  });
  return { rows: out, next };
}
