/**
 * Handbook Markdown -> the canonical OKR document.
 *
 * markdown-it gives the blocks with their line numbers (`map`): headings, `<p class="h3">`
 * objectives, nested lists, paragraphs, reference definitions. Each list item's text is cut
 * into logical lines at backslash line breaks (Sourcegraph's `KR: …` lines) and at lazily
 * continued list markers; `line-grammar.ts` reads each line, and the tree builder here decides
 * objective or key result from where the line sits. Nothing throws: what cannot be placed
 * becomes a problem with its line, and the rest of the page still comes through.
 */
import MarkdownIt, { type Env, type Token } from "markdown-it";
import type { OkrDocument } from "../core/document.js";
import { readFrontMatter } from "./front-matter.js";
import { normalizeLabel, plainText } from "./inline-text.js";
import { ItemBuilder, OBJECTIVE_HEADING } from "./item-building.js";
import { capLines } from "./limits.js";
import {
  DASHED_LABEL,
  parseLine,
  retrospectiveHead,
  splitOwner,
  startsLikeLabel,
} from "./line-grammar.js";
import { lintDocument } from "./lint-document.js";
import { type LineNode, looksLikeOkrs, readList } from "./list-lines.js";
import { readOkrTable } from "./okr-table.js";
import { blankMarkers } from "./page-markers.js";
import { pagePeriod } from "./page-period.js";
import { failedDocument, type ParseOptions } from "./page-state.js";
import { pageTextOf } from "./page-text.js";
import { datesInText, labelInText } from "./period.js";
import { findPeriodSections, sectionText } from "./period-sections.js";
import { readPropertyLines } from "./property-lines.js";
import { isProseList } from "./prose-lists.js";
import {
  addToRetrospective,
  isRetrospectiveList,
  readRetrospectiveList,
  retrospectiveOf,
} from "./retrospective-lists.js";

export type { ParseOptions } from "./page-state.js";

const tokenizer = new MarkdownIt({ html: true });
// Only the blocks are needed: inline Markdown is kept as written and read line by line.
tokenizer.core.ruler.disable(
  ["inline", "linkify", "replacements", "smartquotes", "text_join"],
  true,
);

const H_CLASS =
  /<(p|div|span)\b[^>]*class\s*=\s*["'][^"']*\bh[1-6]\b[^"']*["'][^>]*>([\s\S]*?)<\/\1>/i;
const OKR_HEADING = /\bOKRs?\b|\bobjectives?\b|\bkey results?\b/i;
/** Headings with a colon that name a section, not an owner. */
const NOT_OBJECTIVE_HEADING =
  /\b(?:retro(?:spective)?s?|summary|lessons?|notes?|appendix|period|quarter|okrs?|update|status)\b/i;

/** Walks the page's blocks in order and hands each to the reader of its kind. */
class PageParser extends ItemBuilder {
  parse(): OkrDocument {
    const front = readFrontMatter(this.text, this.problems);
    const env: Env = {};
    const tokens = tokenizer.parse(front.body, env);
    this.readReferences(front.body, env.references ?? {});
    this.walk(tokens);

    const fmTitle = typeof front.data.title === "string" ? front.data.title.trim() : null;
    const title = fmTitle || this.firstHeading || null;
    const names = {
      front: front.data,
      title,
      firstHeading: this.firstHeading ?? this.topHeading,
      dates: this.dates,
    };
    const period = pagePeriod(names, this.options, this, this.problems);
    if (period === null && this.items.length > 0) {
      this.problem(
        1,
        "warning",
        "period_unknown",
        "No period found: name it in the title (`FY20-Q4 OKRs`), in front matter (`period: FY20-Q4`) or in a sentence (`runs from 2019-11-01 to 2020-01-31`).",
      );
    }
    if (this.items.length === 0) {
      this.problem(
        1,
        "error",
        "no_okrs",
        "No OKRs found: expected list lines such as `- Owner: Objective => 70%`, `**Owner: Objective**` with `KR: …` lines, or `## Objective 1: …` headings.",
      );
    }
    const doc: OkrDocument = {
      format: "okr/1",
      title,
      period,
      items: this.items,
      retrospectives: this.retrospectives,
      references: this.references,
      problems: this.problems,
    };
    if (this.options.lint !== false) doc.problems.push(...lintDocument(doc));
    doc.problems.sort(
      (a, b) => a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
    return doc;
  }

  /** Keeps reference definitions with their labels as written (`[N0]: …`). */
  private readReferences(body: string, found: Record<string, { href: string }>): void {
    const keys = Object.keys(found);
    if (keys.length === 0) return;
    const written = new Map<string, string>();
    for (const line of body.split("\n")) {
      const m = /^ {0,3}\[([^\]]+)\]:/.exec(line);
      if (m?.[1]) {
        const key = normalizeLabel(m[1]);
        if (!written.has(key)) written.set(key, m[1].trim());
      }
    }
    for (const key of keys) {
      const href = found[key]?.href ?? "";
      this.resolved[key] = href;
      this.references[written.get(key) ?? key] = href;
    }
  }

  private walk(tokens: Token[]): void {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      const line = (token.map?.[0] ?? 0) + 1;
      const headed = this.afterHeading;
      this.afterHeading = null;
      switch (token.type) {
        case "heading_open": {
          const inline = tokens[i + 1];
          this.onHeading(Number(token.tag.slice(1)), inline?.content ?? "", line);
          i += 3;
          continue;
        }
        case "html_block":
          this.onHtml(token.content, line);
          break;
        case "bullet_list_open":
        case "ordered_list_open": {
          const [nodes, next] = readList(tokens, i, this);
          this.onList(nodes, line);
          i = next;
          continue;
        }
        case "paragraph_open": {
          const content = tokens[i + 1]?.content ?? "";
          const properties = headed === null ? null : readPropertyLines(content.split("\n"));
          if (headed !== null && properties !== null) this.applyProperties(headed, properties);
          else this.onParagraph(content, line, token.level === 0);
          i += 3;
          continue;
        }
        case "table_open": {
          const table = readOkrTable(tokens, i);
          if (table.rows.length === 0) {
            this.problem(
              line,
              "info",
              "ignored_table",
              "A table without a key result column is not read as OKRs; it is ignored.",
            );
            break;
          }
          this.onTable(table.rows);
          i = table.next;
          continue;
        }
        default:
          break;
      }
      i++;
    }
  }

  private onHeading(level: number, content: string, line: number): void {
    const text = plainText(content);
    if (this.firstHeading === null && level === 1) this.firstHeading = text;
    if (this.topHeading === null) this.topHeading = text;
    // "#### Good" under a team's heading: the list below is that part of its retrospective.
    const head = retrospectiveHead(text);
    if (head !== null) {
      // The team has a retrospective from its first part's heading on, even one left empty.
      retrospectiveOf(this.retrospectives, this.heading);
      this.retroBucket = head;
      return;
    }
    this.retroBucket = null;
    const objective = OBJECTIVE_HEADING.exec(content.trim());
    const numbered = /^\d+[.)]\s+(.+)$/.exec(content.trim());
    if (objective?.[1]) {
      this.startHeadingObjective(objective[1], line, level);
      return;
    }
    if (numbered?.[1] && level > 1 && splitOwner(numbered[1]).owner !== null) {
      this.startHeadingObjective(numbered[1], line, level);
      return;
    }
    // "### CEO: Grow revenue" — an owner and a title — is an objective too; "### KR 1.1 — …"
    // a key result.
    const owned = level > 1 ? splitOwner(content.trim()) : null;
    const dashed =
      level > 1 && startsLikeLabel(content.trim()) && DASHED_LABEL.test(content.trim());
    if (dashed || (owned?.owner && owned.rest !== "" && !NOT_OBJECTIVE_HEADING.test(owned.owner))) {
      this.startHeadingObjective(content.trim(), line, level);
      return;
    }
    this.closeHeadings(level);
    this.headingObjective = null;
    this.heading = text;
    this.okrSection = OKR_HEADING.test(text) || labelInText(text) !== null;
  }

  private onHtml(content: string, line: number): void {
    const m = H_CLASS.exec(content);
    if (!m?.[2]) return;
    const inner = m[2]
      .replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (inner === "") return;
    this.startHeadingObjective(inner.replace(/^\d+[.)]\s+/, ""), line);
  }

  private onParagraph(content: string, line: number, topLevel: boolean): void {
    const head = retrospectiveHead(content);
    if (head !== null) {
      retrospectiveOf(this.retrospectives, this.heading);
      this.retroBucket = head;
      return;
    }
    if (this.dates === null) {
      const dates = datesInText(plainText(content));
      if (dates !== null) {
        this.dates = { ...dates, line };
        return;
      }
    }
    // A bold paragraph `**CEO: Objective**` before a list is an objective heading.
    if (topLevel && /^(\*\*|__)/.test(content.trim()) && !content.includes("\n")) {
      const parts = parseLine(content);
      if (parts.bold && parts.owner !== null && parts.title !== "") {
        this.startHeadingObjective(content.trim(), line);
      }
    }
  }

  private onList(nodes: LineNode[], line: number): void {
    if (nodes.length === 0) return;
    if (this.retroBucket !== null) {
      const retro = retrospectiveOf(this.retrospectives, this.heading);
      addToRetrospective(retro, this.retroBucket, nodes);
      this.retroBucket = null;
      return;
    }
    if (isRetrospectiveList(nodes)) {
      readRetrospectiveList(retrospectiveOf(this.retrospectives, this.heading), nodes, this);
      return;
    }
    const parent = this.headingObjective;
    if (parent === null && !this.okrSection && !looksLikeOkrs(nodes)) {
      this.problem(
        line,
        "info",
        "ignored_list",
        "This list does not look like OKRs (no `Owner: …` lines, no outcomes); it is ignored.",
      );
      return;
    }
    if (parent === null && isProseList(nodes)) {
      this.problem(
        line,
        "info",
        "prose_list",
        "This list reads as prose (sentences or references without owners, numbers or outcomes); it is not read as OKRs.",
      );
      return;
    }
    const built = nodes.flatMap((node) => this.build(node, parent, false));
    if (parent !== null) parent.children.push(...built);
    else this.items.push(...built);
  }
}

/**
 * Parses a handbook OKR page into the canonical document. Never throws: problems carry what
 * could not be read, with line numbers.
 * @example parseHandbook("- CEO: Grow revenue => 70%").items[0].progress // 0.7
 */
export function parseHandbook(text: string, options: ParseOptions = {}): OkrDocument {
  try {
    // A byte order mark would hide the front matter's first `---`.
    const source = typeof text === "string" ? text.replace(/^\uFEFF/, "") : "";
    const page = pageTextOf(options.section ? sectionText(source, options.section) : source);
    const capped = capLines(blankMarkers(page.text));
    return new PageParser(capped.text, options, [...page.problems, ...capped.problems]).parse();
  } catch (error) {
    return failedDocument(error);
  }
}

/** A document per quarter for a page holding several (`## 2019 Q1`, `## Q2 2019`), else one. */
export function parseHandbookPeriods(text: string, options: ParseOptions = {}): OkrDocument[] {
  const source = typeof text === "string" ? text.replace(/^\uFEFF/, "") : "";
  const sections = findPeriodSections(source);
  if (sections.length === 0) return [parseHandbook(source, options)];
  return sections.map((section) => parseHandbook(source, { ...options, section }));
}
