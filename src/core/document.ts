/**
 * The canonical OKR document: what `okr parse` prints and what export/render read.
 * Field names are fixed by the product; more fields may be added.
 */
import type { Status } from "./types.js";

export interface DocumentLink {
  text: string;
  url: string;
}

export interface DocumentItem {
  kind: "objective" | "key_result";
  owner: string | null;
  /** Inline Markdown as written. */
  title: string;
  /** Text after `=>` (or `->`, or a trailing DONE/MISSED), or null. */
  outcome: string | null;
  /** 1 = 100%; may exceed 1; null when unknown. */
  progress: number | null;
  status: Status | null;
  links: DocumentLink[];
  /** 1-based line in the source. */
  line: number;
  children: DocumentItem[];
  /** Extra, optional: the target is hidden behind a reference (`[*$N<sub>0</sub>*][N0]`). */
  confidential?: boolean;
  /** Extra, optional: the owner was written as a link (`[Name](url): …`, `[@handle](url)`). */
  ownerUrl?: string;
  /** Extra, optional: a priority tag written on the line (`p0 -`, `[P1]`, `(P2)`): `P0`…`P4`. */
  priority?: string;
  /** Extra, export only: an objective's rolled-up score; null = not scored. Import ignores it. */
  score?: number | null;
}

/** Extra, export only: the period's score as the tree and dashboard show it. */
export interface DocumentScore {
  /** null = not scored. */
  score: number | null;
  explanation: string;
}

export interface DocumentRetrospective {
  team: string;
  good: string[];
  bad: string[];
  try: string[];
}

export type ProblemSeverity = "error" | "warning" | "info";

export interface Problem {
  line: number;
  severity: ProblemSeverity;
  code: string;
  message: string;
}

export interface OkrDocument {
  format: "okr/1";
  title: string | null;
  period: { label: string; start: string; end: string } | null;
  items: DocumentItem[];
  retrospectives: DocumentRetrospective[];
  references: Record<string, string>;
  problems: Problem[];
  score?: DocumentScore;
}
