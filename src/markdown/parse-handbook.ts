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
import type {
  DocumentItem,
  DocumentRetrospective,
  OkrDocument,
  Problem,
} from "../core/document.js";
import type { FiscalCalendar } from "../core/types.js";
import { readFrontMatter } from "./front-matter.js";
import {
  documentLinksOf,
  findLinks,
  normalizeLabel,
  plainText,
  trimTrailingBackslashes,
} from "./inline-text.js";
import { capLines, MAX_TITLE_LENGTH } from "./limits.js";
import {
  keyResultPieces,
  keyResultTitles,
  type LineParts,
  parseLine,
  retrospectiveHead,
  splitOwner,
} from "./line-grammar.js";
import { applyMarks, readLineMarks } from "./line-marks.js";
import { lintDocument } from "./lint-document.js";
import { readOkrTable, type TableRow } from "./okr-table.js";
import { readOutcome, splitOutcomeList } from "./outcome.js";
import { blankMarkers } from "./page-markers.js";
import { datesInText, decidePeriod, labelInText } from "./period.js";
import { findPeriodSections, type PeriodSection, sectionText } from "./period-sections.js";
import { isProseList } from "./prose-lists.js";

export interface ParseOptions {
  /** The workspace's fiscal calendar; by default it is detected from the page. */
  calendar?: FiscalCalendar;
  /** Add the lint problems (`lintDocument`) to the parse problems. Default true. */
  lint?: boolean;
  /** Read only this quarter of a page holding several (`findPeriodSections`). */
  section?: PeriodSection;
}

/** One logical line of a list item and the lines nested under it. */
interface LineNode {
  text: string;
  /** 1-based source line. */
  line: number;
  children: LineNode[];
  /** Which list the line came from (0: a continuation line of its parent's paragraph). */
  list: number;
}

const tokenizer = new MarkdownIt({ html: true });
// Only the blocks are needed: inline Markdown is kept as written and read line by line.
tokenizer.core.ruler.disable(
  ["inline", "linkify", "replacements", "smartquotes", "text_join"],
  true,
);

const LIST_MARKER = /^(?:\d{1,9}[.)]|[-*+])\s+/;
const H_CLASS =
  /<(p|div|span)\b[^>]*class\s*=\s*["'][^"']*\bh[1-6]\b[^"']*["'][^>]*>([\s\S]*?)<\/\1>/i;
const OKR_HEADING = /\bOKRs?\b|\bobjectives?\b|\bkey results?\b/i;
const OBJECTIVE_HEADING = /^(?:sub-?)?objective\s*#?\d*\s*[:.)–-]\s*(.+)$/i;
/** Headings with a colon that name a section, not an owner. */
const NOT_OBJECTIVE_HEADING =
  /\b(?:retro(?:spective)?s?|summary|lessons?|notes?|appendix|period|quarter|okrs?|update|status)\b/i;

class PageParser {
  private readonly problems: Problem[] = [];
  private readonly items: DocumentItem[] = [];
  private readonly retrospectives: DocumentRetrospective[] = [];
  private readonly references: Record<string, string> = {};
  /** Normalised label -> URL, for resolving `[text][label]`. */
  private readonly resolved: Record<string, string> = {};
  private listCounter = 0;
  private heading: string | null = null;
  private headingObjective: DocumentItem | null = null;
  /** Objectives written as headings, by level: a `###` one under a `##` one is its child. */
  private headingStack: { level: number; item: DocumentItem }[] = [];
  /** Whether lists in the current section are OKRs whatever they look like. */
  private okrSection = false;
  private firstHeading: string | null = null;
  private dates: { start: string; end: string; line: number } | null = null;
  /** Set by a `#### Good` heading or `**Bad:**` paragraph: where the next list goes. */
  private retroBucket: "good" | "bad" | "try" | null = null;

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
    early: readonly Problem[] = [],
  ) {
    this.problems.push(...early);
  }

  parse(): OkrDocument {
    const front = readFrontMatter(this.text, this.problems);
    const env: Env = {};
    const tokens = tokenizer.parse(front.body, env);
    this.readReferences(front.body, env.references ?? {});
    this.walk(tokens);

    const fmTitle = typeof front.data.title === "string" ? front.data.title.trim() : null;
    const title = fmTitle || this.firstHeading || null;
    const labels: string[] = this.options.section ? [this.options.section.label] : [];
    for (const key of ["period", "quarter"]) {
      const value = front.data[key];
      if (typeof value === "string" || typeof value === "number") labels.push(String(value));
    }
    if (title !== null) labels.push(title);
    if (this.firstHeading !== null) labels.push(this.firstHeading);
    if (this.dates === null) {
      const start = front.data.start;
      const end = front.data.end;
      if (typeof start === "string" && typeof end === "string") {
        this.dates = { start, end, line: 1 };
      }
    }
    let period: OkrDocument["period"] = null;
    try {
      const written = front.data.period;
      period = decidePeriod(
        {
          labels,
          dates: this.dates,
          calendar: this.options.calendar,
          customLabel: typeof written === "string" ? written.trim() : undefined,
        },
        this.problems,
      );
    } catch (error) {
      this.problem(
        1,
        "warning",
        "period_unknown",
        `The period could not be read: ${messageOf(error)}`,
      );
    }
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

  private problem(
    line: number,
    severity: Problem["severity"],
    code: string,
    message: string,
  ): void {
    this.problems.push({ line, severity, code, message });
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
          const [nodes, next] = this.readList(tokens, i);
          this.onList(nodes, line);
          i = next;
          continue;
        }
        case "paragraph_open": {
          const inline = tokens[i + 1];
          this.onParagraph(inline?.content ?? "", line, token.level === 0);
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
    // "#### Good" under a team's heading: the list below is that part of its retrospective.
    const head = retrospectiveHead(text);
    if (head !== null) {
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
    // "### CEO: Grow revenue" — an owner and a title — is an objective too.
    const owned = level > 1 ? splitOwner(content.trim()) : null;
    if (owned?.owner && owned.rest !== "" && !NOT_OBJECTIVE_HEADING.test(owned.owner)) {
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

  /** Rows of a key result table: objectives (from their column, or the heading above) and KRs. */
  private onTable(rows: readonly TableRow[]): void {
    let objective: DocumentItem | null = null;
    let name: string | null = null;
    for (const row of rows) {
      if (row.objective !== null && row.objective !== name) {
        name = row.objective;
        const [item] = this.build(
          { text: row.objective, line: row.line, children: [], list: 0 },
          null,
          true,
        );
        objective = item ?? null;
        if (item !== undefined) {
          if (this.headingObjective !== null) this.headingObjective.children.push(item);
          else this.items.push(item);
        }
      }
      const parent = objective ?? this.headingObjective;
      const kr = this.makeItem(
        "key_result",
        row.owner ?? parent?.owner ?? null,
        row.keyResult,
        row.outcome,
        row.line,
      );
      if (parent !== null) parent.children.push(kr);
      else this.items.push(kr);
    }
    this.okrSection = true;
  }

  /** A heading of `level` ends the heading objectives at that level and below. */
  private closeHeadings(level: number): void {
    while ((this.headingStack[this.headingStack.length - 1]?.level ?? 0) >= level) {
      this.headingStack.pop();
    }
  }

  private startHeadingObjective(text: string, line: number, level?: number): void {
    const stripped = OBJECTIVE_HEADING.exec(text)?.[1] ?? text;
    const [item] = this.build({ text: stripped, line, children: [], list: 0 }, null, true);
    if (item === undefined) return;
    if (level === undefined) {
      this.headingStack = [];
      this.items.push(item);
    } else {
      this.closeHeadings(level);
      const parent = this.headingStack[this.headingStack.length - 1]?.item;
      if (parent !== undefined) parent.children.push(item);
      else this.items.push(item);
      this.headingStack.push({ level, item });
    }
    this.headingObjective = item;
    this.okrSection = true;
  }

  private readList(tokens: Token[], start: number): [LineNode[], number] {
    const open = tokens[start] as Token;
    const closeType = open.type.replace("_open", "_close");
    const list = ++this.listCounter;
    const nodes: LineNode[] = [];
    let i = start + 1;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (token.type === closeType && token.level === open.level) return [nodes, i + 1];
      if (token.type === "list_item_open") {
        const [found, next] = this.readItem(tokens, i, list);
        nodes.push(...found);
        i = next;
        continue;
      }
      i++;
    }
    return [nodes, i];
  }

  private readItem(tokens: Token[], start: number, list: number): [LineNode[], number] {
    const open = tokens[start] as Token;
    let segments: LineNode[] | null = null;
    const children: LineNode[] = [];
    let i = start + 1;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (token.type === "list_item_close" && token.level === open.level) {
        i++;
        break;
      }
      if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
        const [nodes, next] = this.readList(tokens, i);
        children.push(...nodes);
        i = next;
        continue;
      }
      if (token.type === "inline" && token.map) {
        const found = segmentsOf(token.content, token.map[0] + 1, list);
        if (segments === null) segments = found;
        else children.push(...found.map((n) => ({ ...n, list: 0 })));
      }
      i++;
    }
    adoptOrphans(children);
    if (segments === null || segments.length === 0) {
      if (children.length === 0) {
        this.problem(
          (open.map?.[0] ?? 0) + 1,
          "info",
          "empty_line",
          "An empty list item is ignored.",
        );
      }
      // A list item that only holds a list (`1. 1. KR: …`): its lines belong to the parent.
      return [children.map((n) => ({ ...n, list })), i];
    }
    const [head, ...more] = segments as [LineNode, ...LineNode[]];
    head.children = [...more, ...children];
    return [[head], i];
  }

  private onList(nodes: LineNode[], line: number): void {
    if (nodes.length === 0) return;
    if (this.retroBucket !== null) {
      this.addToRetrospective(this.retroBucket, nodes);
      this.retroBucket = null;
      return;
    }
    const heads = nodes.filter((n) => retrospectiveHead(n.text) !== null).length;
    if (heads > 0 && heads * 2 >= nodes.length) {
      this.onRetrospective(nodes);
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

  private retrospective(): DocumentRetrospective {
    const team = this.heading ?? "Team";
    let retro = this.retrospectives.find((r) => r.team === team);
    if (retro === undefined) {
      retro = { team, good: [], bad: [], try: [] };
      this.retrospectives.push(retro);
    }
    return retro;
  }

  /** Lines under a `#### Good` heading or a `**Bad:**` paragraph. */
  private addToRetrospective(head: "good" | "bad" | "try", nodes: LineNode[]): void {
    const bucket = this.retrospective()[head];
    const add = (n: LineNode): void => {
      const text = trimTrailingBackslashes(n.text.trimEnd()).trim();
      if (text !== "") bucket.push(text);
      for (const child of n.children) add(child);
    };
    for (const node of nodes) add(node);
  }

  private onRetrospective(nodes: LineNode[]): void {
    const retro = this.retrospective();
    for (const node of nodes) {
      const head = retrospectiveHead(node.text);
      if (head === null) {
        this.problem(
          node.line,
          "info",
          "ignored_line",
          "In a retrospective only GOOD, BAD and TRY lists are read; this line is ignored.",
        );
        continue;
      }
      const bucket = retro[head];
      const add = (n: LineNode): void => {
        const text = trimTrailingBackslashes(n.text.trimEnd()).trim();
        if (text !== "") bucket.push(text);
        for (const child of n.children) add(child);
      };
      for (const child of node.children) add(child);
    }
  }

  /** Builds the item(s) of one line and, recursively, of the lines under it. */
  private build(node: LineNode, parent: DocumentItem | null, heading: boolean): DocumentItem[] {
    const marks = readLineMarks(node.text);
    const marked = marks.owner !== null || marks.checked !== null || marks.priority !== null;
    const items = this.buildLine(
      { ...node, text: marks.text },
      parent,
      heading,
      marks.owner,
      marked,
    );
    for (const item of items) applyMarks(item, marks);
    return items;
  }

  private buildLine(
    node: LineNode,
    parent: DocumentItem | null,
    heading: boolean,
    markedOwner: string | null,
    marked = false,
  ): DocumentItem[] {
    const parts = parseLine(node.text);
    const hasChildren = node.children.length > 0;
    const owner = parts.owner ?? markedOwner ?? parent?.owner ?? null;
    // A line with a task box, priority or owner mark is an item, never an owner heading.
    const ownerOnly = marked ? null : parts.ownerOnly;
    const ownerOnlyWords = ownerOnly?.split(/\s+/).length ?? 99;
    if (
      parts.grouping ||
      (ownerOnly !== null && !heading && (hasChildren ? ownerOnlyWords <= 6 : ownerOnlyWords <= 2))
    ) {
      const item = this.makeItem("objective", parts.owner ?? ownerOnly, "", null, node.line);
      if (parts.ownerUrl !== null) item.ownerUrl = parts.ownerUrl;
      if (!hasChildren) {
        this.problem(
          node.line,
          "warning",
          "owner_without_okrs",
          `"${item.owner ?? ""}" stands alone with no OKRs under it.`,
        );
      }
      item.children = node.children.flatMap((child) => this.build(child, item, false));
      return [item];
    }
    let item: DocumentItem;
    if (parts.krMarker) {
      item = this.makeItem("key_result", owner, parts.body, parts.outcome, node.line);
    } else if (parts.bold || parts.krPart !== null || heading) {
      item = this.makeItem("objective", owner, parts.title, null, node.line);
      this.addKeyResults(item, parts, node.line);
    } else {
      const kind = hasChildren || parent?.kind !== "objective" ? "objective" : "key_result";
      item = this.makeItem(kind, owner, parts.title, parts.outcome, node.line);
    }
    if (parts.ownerUrl !== null) item.ownerUrl = parts.ownerUrl;
    item.children.push(...node.children.flatMap((child) => this.build(child, item, false)));
    return [item];
  }

  /** The key results of a one-line OKR, with `=> a, b, c` handed out one per KR. */
  private addKeyResults(objective: DocumentItem, parts: LineParts, line: number): void {
    const outcome = parts.outcome;
    if (parts.krPart === null) {
      this.setOutcome(objective, outcome);
      return;
    }
    let titles = keyResultTitles(parts.krPart, parts.krList);
    const list = outcome === null ? null : splitOutcomeList(outcome);
    let outcomes: Array<string | null> = titles.map(() => null);
    if (list !== null) {
      if (titles.length !== list.length) {
        const pieces = keyResultPieces(parts.krPart);
        if (pieces.length === list.length) titles = pieces;
      }
      if (titles.length === list.length) {
        outcomes = list;
      } else {
        // Kept on the objective; lint reports the mismatch.
        this.setOutcome(objective, outcome);
      }
    } else if (titles.length === 1) {
      outcomes = [outcome];
    } else {
      this.setOutcome(objective, outcome);
    }
    titles.forEach((title, index) => {
      objective.children.push(
        this.makeItem("key_result", objective.owner, title, outcomes[index] ?? null, line),
      );
    });
  }

  private setOutcome(item: DocumentItem, outcome: string | null): void {
    const reading = readOutcome(outcome, item.title);
    item.outcome = outcome;
    item.progress = reading.progress;
    item.status = reading.status;
    item.links = documentLinksOf(
      outcome === null ? item.title : `${item.title} ${outcome}`,
      this.resolved,
    );
  }

  private makeItem(
    kind: DocumentItem["kind"],
    owner: string | null,
    title: string,
    outcome: string | null,
    line: number,
  ): DocumentItem {
    const item: DocumentItem = {
      kind,
      owner,
      title,
      outcome: null,
      progress: null,
      status: null,
      links: [],
      line,
      children: [],
    };
    this.setOutcome(item, outcome);
    if (isConfidential(title)) item.confidential = true;
    if (title.length > MAX_TITLE_LENGTH) {
      this.problem(
        line,
        "error",
        "title_too_long",
        `The title is ${title.length.toLocaleString("en")} characters long; the limit is ${MAX_TITLE_LENGTH.toLocaleString("en")}.`,
      );
    }
    return item;
  }
}

/** A value hidden behind a reference: `[*$N<sub>0</sub>*][N0]`. */
export function isConfidential(title: string): boolean {
  if (!title.includes("][")) return false;
  return findLinks(title, {}).some(
    (link) => link.ref !== null && /N<sub>\d+<\/sub>|^[*_]*\$?N\d+[*_]*$/.test(link.text),
  );
}

const KR_LABEL_START = /^KR\s*:/;

/** Cuts a paragraph into logical lines: at hard breaks and at lazily continued list markers. */
function segmentsOf(content: string, firstLine: number, list: number): LineNode[] {
  const out: LineNode[] = [];
  // A node's text is kept in pieces and joined once: appending to a growing string and
  // trimming it again for every continuation line is quadratic in the paragraph.
  const pieces: string[][] = [];
  let current: LineNode | null = null;
  let hardBefore = false;
  const lines = content.split("\n");
  for (let j = 0; j < lines.length; j++) {
    const raw = lines[j] ?? "";
    let text = raw.trim();
    const hard = text.endsWith("\\") || raw.endsWith("  ");
    const marker = j > 0 && LIST_MARKER.test(text);
    if (marker) text = text.replace(LIST_MARKER, "");
    // "KR:" opening a line starts a key result even without a hard break before it.
    const label = j > 0 && KR_LABEL_START.test(text);
    if (current === null || hardBefore || marker || label) {
      current = { text, line: firstLine + j, children: [], list };
      out.push(current);
      pieces.push([text]);
    } else {
      const own = pieces[pieces.length - 1] as string[];
      const last = trimTrailingBackslashes(own[own.length - 1] ?? "").trimEnd();
      if (last === "" && own.length > 1) own.pop();
      else own[own.length - 1] = last;
      own.push(text);
    }
    hardBefore = hard;
  }
  for (let k = 0; k < out.length; k++)
    (out[k] as LineNode).text = (pieces[k] as string[]).join(" ");
  return out.filter((n) => trimTrailingBackslashes(n.text).trim() !== "");
}

/**
 * `1. Delivery:` followed by a list indented a little less than its text: Markdown closes the
 * item first, but the writer meant the list to hang under the owner line. Lines without an
 * owner right after an empty owner line are given to it.
 */
function adoptOrphans(nodes: LineNode[]): void {
  for (let k = 0; k < nodes.length - 1; k++) {
    const node = nodes[k] as LineNode;
    const next = nodes[k + 1] as LineNode;
    if (node.children.length > 0 || next.list === node.list || next.list === 0) continue;
    const parts = parseLine(node.text);
    if (!parts.grouping) continue;
    let end = k + 1;
    while (end < nodes.length && (nodes[end] as LineNode).list === next.list) end++;
    const orphans = nodes.slice(k + 1, end);
    if (orphans.some((n) => parseLine(n.text).owner !== null)) continue;
    node.children = orphans;
    nodes.splice(k + 1, orphans.length);
  }
}

/** Whether a list outside an OKR section still reads as OKRs: most lines name an owner. */

function looksLikeOkrs(nodes: LineNode[]): boolean {
  let okr = 0;
  for (const node of nodes) {
    const parts = parseLine(node.text);
    if (parts.owner !== null || parts.bold || parts.krMarker || parts.outcome !== null) okr++;
  }
  return okr * 2 >= nodes.length;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failedDocument(error: unknown): OkrDocument {
  return {
    format: "okr/1",
    title: null,
    period: null,
    items: [],
    retrospectives: [],
    references: {},
    problems: [
      {
        line: 1,
        severity: "error",
        code: "parse_failed",
        message: `The page could not be read: ${messageOf(error)}`,
      },
    ],
  };
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
    const page = options.section ? sectionText(source, options.section) : source;
    const capped = capLines(blankMarkers(page));
    return new PageParser(capped.text, options, capped.problems).parse();
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
