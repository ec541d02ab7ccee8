/**
 * Three-way merge of a page edited both in git and in the app since the last sync: lines
 * changed on one side only are taken from that side (diff3); a line changed on both sides is
 * merged field by field (owner, title, outcome) against what the last sync stored, and a field
 * changed on both sides to different values is a conflict reported with both values.
 */

import { diff3Merge } from "node-diff3";
import { pushTo } from "../core/collections.js";
import type { DocumentItem } from "../core/document.js";
import type { LineFields, PageSourceItem } from "../core/page-source.js";
import { outcomeFor, rewriteLine } from "../markdown/source-export/rewrite-line.js";

export interface SyncConflict {
  /** 1-based line in the file as it is in git. */
  line: number;
  /** The item, as a person reads it: "CRO: Build strong FY21 pipeline." */
  item: string;
  field: "owner" | "title" | "outcome" | "line";
  /** The value in the app (the database) and in the file. */
  app: string | null;
  page: string | null;
  /**
   * Where the file takes back check-ins it does not know (decisions/0065): when the latest of
   * them was made.
   */
  checkedInAt?: string;
}

export interface MergeOutcome {
  text: string;
  conflicts: SyncConflict[];
}

function flatten(items: readonly DocumentItem[], into: Map<number, DocumentItem[]>): void {
  for (const item of items) {
    pushTo(into, item.line, item);
    flatten(item.children, into);
  }
}

const FIELDS = ["owner", "title", "outcome"] as const;

/**
 * Merges `ours` (the page as the database now says it) and `theirs` (the file in git), both
 * descended from `base` (the page at the last sync). `snapshot` is what the last sync stored
 * per item, `now` the database's fields per item id, `theirItems` the parsed file.
 */
export function mergePage(input: {
  base: string;
  ours: string;
  theirs: string;
  snapshot: readonly PageSourceItem[];
  now: ReadonlyMap<string, LineFields>;
  theirItems: readonly DocumentItem[];
}): MergeOutcome {
  const split = (text: string) => text.split("\n");
  const baseLines = split(input.base);
  const byLine = new Map<number, DocumentItem[]>();
  flatten(input.theirItems, byLine);
  const out: string[] = [];
  const conflicts: SyncConflict[] = [];
  for (const region of diff3Merge(split(input.ours), baseLines, split(input.theirs), {
    excludeFalseConflicts: true,
  })) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    const block = region.conflict;
    if (block === undefined) continue;
    const sameShape = block.a.length === block.o.length && block.b.length === block.o.length;
    for (let i = 0; i < block.o.length; i++) {
      const baseLine = block.oIndex + i + 1;
      const theirLine = block.bIndex + i + 1;
      const items = input.snapshot.filter((s) => s.line === baseLine);
      const theirs = byLine.get(theirLine) ?? [];
      const merged =
        sameShape && items.length > 0 && theirs.length === items.length
          ? mergeLine(block.o[i] ?? "", items, theirs, input.now, theirLine, conflicts)
          : null;
      if (merged === null) {
        conflicts.push({
          line: theirLine,
          item: items.map(describe).join("; ") || `line ${baseLine}`,
          field: "line",
          app: block.a.join("\n"),
          page: block.b.join("\n"),
        });
        break;
      }
      out.push(merged);
    }
  }
  return { text: out.join("\n"), conflicts };
}

function describe(item: LineFields): string {
  return item.owner ? `${item.owner}: ${item.title}` : item.title;
}

/** One line changed on both sides, merged field by field; null when it cannot be. */
function mergeLine(
  baseText: string,
  items: readonly PageSourceItem[],
  theirs: readonly DocumentItem[],
  now: ReadonlyMap<string, LineFields>,
  line: number,
  conflicts: SyncConflict[],
): string | null {
  const changes = [];
  for (const [i, base] of items.entries()) {
    const app = now.get(base.id);
    const page = theirs[i];
    if (app === undefined || page === undefined || page.kind !== base.kind) return null;
    const appOutcome = outcomeFor(base, app);
    const values = {
      owner: [app.owner, page.owner],
      title: [app.title, page.title],
      outcome: [appOutcome, page.outcome],
    } as const;
    const merged: LineFields = { ...app, outcome: appOutcome };
    for (const field of FIELDS) {
      const [mine, yours] = values[field];
      const was = base[field];
      if (mine !== was && yours !== was && mine !== yours) {
        conflicts.push({ line, item: describe(base), field, app: mine, page: yours });
      } else if (yours !== was) {
        merged[field] = yours as string;
      }
    }
    changes.push({ before: base, after: merged });
  }
  // The outcome is written as merged; progress and status follow from it.
  return rewriteLine(
    baseText,
    changes.map((c) => ({
      before: c.before,
      after: { ...c.after, progress: c.before.progress, status: c.before.status },
    })),
  );
}
