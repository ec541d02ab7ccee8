/**
 * Rows of a key result table written back in place: each changed field goes into its own
 * cell (title, owner, Progress, Current) and every other character of the row stays, so the
 * table stays a table. Added items become rows copied from a row of the same table.
 */
import type { LineFields } from "../../core/page-source.js";
import { type ColumnRole, columnsOf } from "../okr-table.js";
import { type FieldCells, writeOutcome } from "./field-cells.js";
import { rewriteLine } from "./rewrite-line.js";

/** The columns of the table a row belongs to. */
export type TableColumns = ReadonlyMap<ColumnRole, number>;

/** One item on a table row, with its fields as the page says them and as they should be. */
export interface RowChange {
  kind: "objective" | "key_result";
  before: LineFields;
  after: LineFields | null;
}

interface Cell {
  /** Where the cell's text is, without the spaces around it. */
  start: number;
  end: number;
  /** The whole cell between its pipes, spaces included. */
  from: number;
  to: number;
}

/** A table's delimiter row, trimmed: `|---|:--:|`, `--- | ---`. */
const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/**
 * For each line of a page (0-based), the columns of the key result table whose body row it is,
 * or null: one pass over the page. A table is a header row, a delimiter row, and the lines
 * with a pipe right under them.
 */
export function tableColumnsByLine(lines: readonly string[]): Array<TableColumns | null> {
  const out: Array<TableColumns | null> = new Array(lines.length).fill(null);
  for (let k = 1; k < lines.length; k++) {
    const delimiter = lines[k] ?? "";
    const header = lines[k - 1] ?? "";
    if (!delimiter.includes("|") || !header.includes("|") || !DELIMITER_ROW.test(delimiter.trim()))
      continue;
    const columns = columnsOf(cellsOf(header).map((c) => header.slice(c.start, c.end)));
    let n = k + 1;
    for (; n < lines.length; n++) {
      const row = lines[n] ?? "";
      if (row.trim() === "" || !row.includes("|")) break;
      if (columns.has("keyResult")) out[n] = columns;
    }
    k = n;
  }
  return out;
}

/** The cells of a table row: pipes escaped with a backslash are text. */
function cellsOf(line: string): Cell[] {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === "|") pipes.push(i);
  }
  const first = line.search(/\S/);
  const last = line.trimEnd().length - 1;
  const bounds = [pipes[0] === first ? first : first - 1];
  for (const at of pipes) if (at !== first && at !== last) bounds.push(at);
  bounds.push(pipes[pipes.length - 1] === last ? last : last + 1);
  const cells: Cell[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const from = (bounds[b] as number) + 1;
    const to = bounds[b + 1] as number;
    const text = line.slice(from, to);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    const start = text.trim() === "" ? from + Math.min(1, text.length) : from + lead;
    const end = text.trim() === "" ? start : to - trail;
    cells.push({ start, end, from, to });
  }
  return cells;
}

/** A cell's text as written into a row: one line, its pipes escaped. */
function cellText(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/(?<!\\)\|/g, "\\|");
}

class Row implements FieldCells {
  private readonly edits = new Map<number, string>();
  readonly cells: Cell[];

  constructor(
    readonly line: string,
    private readonly columns: TableColumns,
  ) {
    this.cells = cellsOf(line);
  }

  text(role: ColumnRole): string | null {
    const cell = this.cellOf(role);
    return cell === undefined ? null : this.line.slice(cell.start, cell.end);
  }

  has(role: ColumnRole): boolean {
    return this.cellOf(role) !== undefined;
  }

  set(role: ColumnRole, text: string): void {
    const at = this.columns.get(role);
    if (at !== undefined && at < this.cells.length) this.edits.set(at, cellText(text));
  }

  private cellOf(role: ColumnRole): Cell | undefined {
    const at = this.columns.get(role);
    return at === undefined ? undefined : this.cells[at];
  }

  written(): string {
    let out = this.line;
    const order = [...this.edits.entries()].sort((a, b) => b[0] - a[0]);
    for (const [at, text] of order) {
      const cell = this.cells[at] as Cell;
      if (cell.start === cell.end) {
        // An empty cell: its text padded by a space on each side.
        out = `${out.slice(0, cell.from)} ${text} ${out.slice(cell.to)}`;
      } else {
        out = out.slice(0, cell.start) + text + out.slice(cell.end);
      }
    }
    return out;
  }
}

/**
 * `line`, a row of a table with `columns`, with its items' changed fields written into their
 * cells; a removed key result's cells emptied.
 */
export function rewriteTableRow(
  line: string,
  columns: TableColumns,
  changes: readonly RowChange[],
): string {
  const row = new Row(line, columns);
  for (const { kind, before, after } of changes) {
    if (kind === "objective") {
      if (after === null) continue;
      const cell = row.text("objective");
      const text = cell === null ? null : rewriteLine(cell, [{ before, after }]);
      if (text !== null && text !== cell) row.set("objective", text);
      continue;
    }
    if (after === null) {
      for (const role of ["keyResult", "owner", "outcome", "start", "target", "current"] as const)
        row.set(role, "");
      continue;
    }
    if (after.title !== before.title) row.set("keyResult", after.title);
    if (after.owner !== before.owner) row.set("owner", after.owner ?? "");
    writeOutcome(row, before, after);
  }
  return row.written();
}

/** A new row for an added item, in the way of `template`, a row of the same table. */
export function tableRowFor(
  template: string,
  columns: TableColumns,
  kind: RowChange["kind"],
  fields: LineFields,
): string {
  const row = new Row(blankCells(template, cellsOf(template)), columns);
  if (kind === "objective") {
    row.set("objective", fields.owner ? `${fields.owner}: ${fields.title}` : fields.title);
    return row.written();
  }
  const none: LineFields = { owner: null, title: "", outcome: null, progress: null, status: null };
  row.set("keyResult", fields.title);
  if (fields.owner !== null) row.set("owner", fields.owner);
  writeOutcome(row, none, fields);
  return row.written();
}

/** The row with every cell's text taken out, its pipes and spacing kept. */
function blankCells(line: string, cells: readonly Cell[]): string {
  let out = line;
  for (const cell of [...cells].reverse()) {
    out = `${out.slice(0, cell.from)} ${" ".repeat(Math.max(0, cell.to - cell.from - 1))}${out.slice(cell.to)}`;
  }
  return out;
}
