/**
 * The canonical document -> handbook Markdown, in one house style:
 *
 * ```md
 * ---
 * title: "FY20-Q4 OKRs"
 * period: "FY20-Q4"
 * ---
 *
 * This period runs from 2019-11-01 to 2020-01-31.
 *
 * ## OKRs
 *
 * - **CEO: Objective** => 70%
 *   - CEO KR: Key result => 94%
 *   - **CRO: Objective aligned under the CEO's** …
 *   - VPE:                          (an owner grouping the lines below)
 *
 * ## Retrospective
 *
 * ### Team
 *
 * - GOOD
 *   - …
 * ```
 *
 * Objectives are bold, key results say `KR:`, so parsing the page gives back the same items,
 * owners, titles, outcomes, progress, statuses, retrospectives and period.
 */
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { formatOutcome } from "./outcome.js";

function ownerText(item: DocumentItem): string | null {
  if (item.owner === null) return null;
  return item.ownerUrl ? `[${item.owner}](${item.ownerUrl})` : item.owner;
}

function outcomeText(item: DocumentItem): string {
  const outcome = item.outcome ?? formatOutcome(item.progress, item.status);
  return outcome === null || outcome.trim() === "" ? "" : ` => ${oneLine(outcome)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The text of one item's line, without the list marker. */
export function renderItemLine(item: DocumentItem): string {
  const owner = ownerText(item);
  const title = oneLine(item.title);
  if (item.kind === "key_result") {
    return `${owner === null ? "KR" : `${owner} KR`}: ${title}${outcomeText(item)}`;
  }
  if (title === "") {
    // An owner alone groups the lines below it.
    return `${owner ?? "(untitled)"}:${outcomeText(item)}`;
  }
  return `**${owner === null ? "" : `${owner}: `}${title}**${outcomeText(item)}`;
}

function renderItems(items: DocumentItem[], depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  for (const item of items) {
    const priority = item.priority ? `[${item.priority}] ` : "";
    out.push(`${indent}- ${priority}${renderItemLine(item)}`);
    renderItems(item.children, depth + 1, out);
  }
}

function yamlString(text: string): string {
  // A JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(text);
}

/** Renders a canonical document as a handbook page. */
export function renderDocument(doc: OkrDocument): string {
  const out: string[] = [];
  if (doc.title !== null || doc.period !== null) {
    out.push("---");
    if (doc.title !== null) out.push(`title: ${yamlString(doc.title)}`);
    if (doc.period !== null) out.push(`period: ${yamlString(doc.period.label)}`);
    out.push("---", "");
  }
  if (doc.period !== null) {
    out.push(`This period runs from ${doc.period.start} to ${doc.period.end}.`, "");
  }
  if (doc.items.length > 0) {
    out.push("## OKRs", "");
    renderItems(doc.items, 0, out);
    out.push("");
  }
  if (doc.retrospectives.length > 0) {
    out.push("## Retrospective", "");
    for (const retro of doc.retrospectives) {
      out.push(`### ${oneLine(retro.team)}`, "");
      for (const [head, lines] of [
        ["GOOD", retro.good],
        ["BAD", retro.bad],
        ["TRY", retro.try],
      ] as const) {
        out.push(`- ${head}`);
        for (const line of lines) out.push(`  - ${oneLine(line)}`);
      }
      out.push("");
    }
  }
  const refs = Object.entries(doc.references);
  if (refs.length > 0) {
    for (const [label, url] of refs) out.push(`[${label}]: ${/\s/.test(url) ? `<${url}>` : url}`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
