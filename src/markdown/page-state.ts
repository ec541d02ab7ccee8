/** What a page parser keeps while it walks the page, and how it records a problem. */
import type {
  DocumentItem,
  DocumentRetrospective,
  OkrDocument,
  Problem,
} from "../core/document.js";
import type { FiscalCalendar } from "../core/types.js";
import type { ListContext } from "./list-lines.js";
import type { PeriodSection } from "./period-sections.js";

export interface ParseOptions {
  /** The workspace's fiscal calendar; by default it is detected from the page. */
  calendar?: FiscalCalendar;
  /** Add the lint problems (`lintDocument`) to the parse problems. Default true. */
  lint?: boolean;
  /** Read only this quarter of a page holding several (`findPeriodSections`). */
  section?: PeriodSection;
}

export abstract class PageState implements ListContext {
  protected readonly problems: Problem[] = [];
  protected readonly items: DocumentItem[] = [];
  protected readonly retrospectives: DocumentRetrospective[] = [];
  protected readonly references: Record<string, string> = {};
  /** Normalised label -> URL, for resolving `[text][label]`. */
  protected readonly resolved: Record<string, string> = {};
  protected listCounter = 0;
  protected heading: string | null = null;
  protected headingObjective: DocumentItem | null = null;
  /** The item the block just read started (a heading's), for the property lines under it. */
  protected afterHeading: DocumentItem | null = null;
  /** Objectives written as headings, by level: a `###` one under a `##` one is its child. */
  protected headingStack: { level: number; item: DocumentItem }[] = [];
  /** Whether lists in the current section are OKRs whatever they look like. */
  protected okrSection = false;
  /** The first `#` heading. */
  protected firstHeading: string | null = null;
  /** The first heading of any level: names the period of a page whose top heading is `##`. */
  protected topHeading: string | null = null;
  protected dates: { start: string; end: string; line: number } | null = null;
  /** Set by a `#### Good` heading or `**Bad:**` paragraph: where the next list goes. */
  protected retroBucket: "good" | "bad" | "try" | null = null;

  constructor(
    protected readonly text: string,
    protected readonly options: ParseOptions,
    early: readonly Problem[] = [],
  ) {
    this.problems.push(...early);
  }

  problem(line: number, severity: Problem["severity"], code: string, message: string): void {
    this.problems.push({ line, severity, code, message });
  }

  nextList(): number {
    return ++this.listCounter;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function failedDocument(error: unknown): OkrDocument {
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
