/**
 * Synthetic handbook pages for the import bench: one quarter's cascade per page (objectives,
 * their key results with outcomes, objectives aligned under them), rendered by the product's
 * own renderer so the parser reads them the way it reads an exported page.
 */

import type { DocumentItem, OkrDocument } from "../../src/core/document.js";
import { DEFAULT_CALENDAR, periodRangeOf } from "../../src/core/fiscal-calendar.js";
import { renderDocument } from "../../src/markdown/render-document.js";
import { createRandom } from "../../src/synthetic/random.js";

const OWNERS = [
  "CEO",
  "CRO",
  "CMO",
  "VP, Field Ops",
  "Director of Product, Dev",
  "Gitaly",
  "AMER-W",
  "Sr Director of Sales Operations",
];
const VERBS = ["Raise", "Reduce", "Ship", "Grow", "Launch", "Double", "Cut", "Hire"];
const THINGS = [
  "MR Rate",
  "IACV",
  "NPS",
  "uptime",
  "page load time",
  "ARR",
  "test coverage",
  "time to first value",
];

export interface SyntheticPage {
  label: string;
  markdown: string;
  /** Objectives and key results on the page. */
  items: number;
}

/** The label of the `index`-th page's quarter: 2000-Q1, 2000-Q2, … (one quarter per page). */
export function pageLabel(index: number): string {
  return `${2000 + Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** Page `index`: about 8 objectives and 24 key results, three levels deep. */
export function syntheticPage(index: number): SyntheticPage {
  const random = createRandom(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let count = 0;
  const keyResult = (): DocumentItem => {
    count += 1;
    const from = Math.round(random() * 50);
    const to = from + 5 + Math.round(random() * 50);
    const progress = Math.round(random() * 120) / 100;
    return {
      kind: "key_result",
      owner: null,
      title: `${pick(VERBS)} ${pick(THINGS)} from ${from} to ${to}`,
      outcome: `${Math.round(progress * 100)}%`,
      progress,
      status: null,
      links: [],
      line: 0,
      children: [],
    };
  };
  const objective = (depth: number): DocumentItem => {
    count += 1;
    const krs = [keyResult(), keyResult(), keyResult()];
    const children = depth < 2 ? [objective(depth + 1)] : [];
    return {
      kind: "objective",
      owner: pick(OWNERS),
      title: `${pick(VERBS)} ${pick(THINGS)} (${index}.${count})`,
      outcome: null,
      progress: null,
      status: null,
      links: [],
      line: 0,
      children: [...krs, ...children],
    };
  };
  const label = pageLabel(index);
  const [year, quarter] = label.split("-Q").map(Number) as [number, number];
  const range = periodRangeOf(DEFAULT_CALENDAR, "quarter", year, quarter);
  const document: OkrDocument = {
    format: "okr/1",
    title: `${label} OKRs`,
    period: { label, start: range.start, end: range.end },
    items: [objective(1), objective(1), objective(0)],
    retrospectives: [],
    references: {},
    problems: [],
  };
  return { label, markdown: renderDocument(document), items: count };
}
