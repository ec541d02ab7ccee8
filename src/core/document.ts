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
  /**
   * Extra, optional: the measure the key result's title states (`from 70 mins to 56 mins`,
   * `> 3.4`, `Hire 25 engineers`), given where its outcome is a value of it.
   */
  measure?: DocumentMeasure;
  /** Extra, optional: the value the outcome gives of `measure` (`=> 61 mins` is 61). */
  value?: number;
  /** Extra, export only: an objective's rolled-up score; null = not scored. Import ignores it. */
  score?: number | null;
}

/** A measure read from a key result's words; start and target in the units the title writes. */
export interface DocumentMeasure {
  kind: "metric" | "threshold";
  unit: "count" | "percent" | "currency" | "duration";
  /** metric: where the value started; null for a threshold. */
  start: number | null;
  /** metric: where it should end; threshold: the line to stay above or below. */
  target: number;
  /** threshold only: which side of the line to stay on. */
  direction: "above" | "below" | null;
  /** A duration's unit as the title writes it; start, target and value are in it. */
  durationUnit?: DurationUnit;
  /** The sign of money the title writes. */
  currency?: CurrencySign;
}

export type DurationUnit = "ms" | "s" | "min" | "h" | "day" | "week";
export type CurrencySign = "$" | "€" | "£";

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
