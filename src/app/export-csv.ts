/** A canonical document as CSV: one row per item, depth first, for spreadsheets. */
import type { DocumentItem, OkrDocument } from "../core/document.js";

export const CSV_COLUMNS = [
  "period",
  "level",
  "kind",
  "owner",
  "title",
  "outcome",
  "progress",
  "status",
  "confidential",
  "links",
  "score",
] as const;

/**
 * Quotes a field when it holds a comma, quote or line break (RFC 4180). Text that a spreadsheet
 * would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
 * a leading `'`: anyone who owns an OKR writes its title, and whoever opens the export runs it.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text =
    typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The document's items as CSV with a header row; lines end with CRLF. */
export function csvOfDocument(doc: OkrDocument): string {
  const rows: string[] = [CSV_COLUMNS.join(",")];
  const period = doc.period?.label ?? "";
  const visit = (item: DocumentItem, level: number): void => {
    rows.push(
      [
        period,
        level,
        item.kind,
        item.owner,
        item.title,
        item.outcome,
        item.progress,
        item.status,
        item.confidential === true,
        item.links.map((l) => l.url).join(" "),
        // Objectives: the rolled-up score, or "not scored"; key results show their progress.
        item.kind === "objective" && item.score !== undefined
          ? item.score === null
            ? "not scored"
            : Math.round(item.score * 100) / 100
          : null,
      ]
        .map(csvField)
        .join(","),
    );
    for (const child of item.children) visit(child, level + 1);
  };
  for (const item of doc.items) visit(item, 1);
  return `${rows.join("\r\n")}\r\n`;
}
