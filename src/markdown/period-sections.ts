/**
 * Pages that hold several quarters, one section each under a heading that names it:
 * `## 2019 Q1`, `## Q2 2019`, `### FY21 Q3`, `## FY20-Q2 OKRs`. Each section is one period;
 * a page with fewer than two such headings is one period, as before.
 */
import { labelInText } from "./period.js";

export interface PeriodSection {
  /** The period label the heading names: `2019-Q1`, `FY21-Q3`. */
  label: string;
  /** 1-based line of the heading; the section runs to the line before `end`. */
  start: number;
  /** 1-based line after the section (the next period heading of its level or higher). */
  end: number;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** The quarter sections of a page; empty when it names fewer than two periods in headings. */
export function findPeriodSections(text: string): PeriodSection[] {
  const lines = text.split("\n");
  const found: { label: string; line: number; level: number }[] = [];
  let fenced = false;
  for (const [index, raw] of lines.entries()) {
    if (/^\s*(?:```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced) continue;
    const m = HEADING.exec(raw.replace(/\r$/, ""));
    if (!m?.[1] || m[2] === undefined) continue;
    const words = m[2].replace(/\bOKRs?\b/gi, "").trim();
    if (words.split(/\s+/).length > 4) continue;
    const label = labelInText(words);
    if (label !== null) found.push({ label, line: index + 1, level: m[1].length });
  }
  if (new Set(found.map((f) => f.label)).size < 2) return [];
  // The page's own title (`# OKRs 2019 Q1–Q4`) is no section when deeper headings name them.
  const deeper = found.filter((f) => f.level > 1);
  const sections = deeper.length >= 2 ? deeper : found;
  if (new Set(sections.map((f) => f.label)).size < 2) return [];
  return sections.map((section, i) => ({
    label: section.label,
    start: section.line,
    end: sections[i + 1]?.line ?? lines.length + 1,
  }));
}

/** The page with every line outside `section` emptied, so line numbers stay the page's. */
export function sectionText(text: string, section: PeriodSection): string {
  return text
    .split("\n")
    .map((line, index) => (index + 1 >= section.start && index + 1 < section.end ? line : ""))
    .join("\n");
}
