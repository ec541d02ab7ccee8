/**
 * Export in the page's own style: a period imported from a handbook page is written back as
 * that page, byte for byte when nothing changed, with only the lines of changed items
 * rewritten, removed items' lines dropped and new items inserted in their siblings' style.
 */
import { pushTo } from "../core/collections.js";
import type { PageSource } from "../core/page-source.js";
import type { Id, KeyResult, Objective } from "../core/types.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { spliceRetrospectives } from "../markdown/source-export/retro-splice.js";
import {
  type AddedItem,
  hasNestedLines,
  type SplicedItem,
  type SpliceResult,
  spliceSource,
} from "../markdown/source-export/splice.js";
import type { Db } from "../store/db.js";
import { findPageSource } from "../store/page-sources.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { listRetrospectives } from "../store/retrospectives.repository.js";
import type { Actor } from "./deps.js";
import { lineFieldsOf, parentIdOf, periodSection } from "./page-source.js";
import { loadVisiblePeriodItems } from "./tree.js";

type Item = Objective | KeyResult;

/** Siblings in page order: key results before aligned objectives, then by position. */
function bySiblingOrder(a: Item, b: Item): number {
  const rank = (item: Item) => (item.type === "key_result" ? 0 : 1);
  return rank(a) - rank(b) || a.position - b.position || (a.id < b.id ? -1 : 1);
}

/** The page of `source` spliced with the database's current state of its period. */
export function spliceWithItems(source: PageSource, items: readonly Item[]): SpliceResult {
  const byId = new Map(items.map((item) => [item.id, item]));
  // An item moved under another parent in the app leaves its line and is written among its
  // new siblings; one with lines under it on the page (its key results, aligned objectives,
  // continuation lines) moves with that whole block, re-indented for its new depth.
  const parents = new Set(source.items.map((s) => s.parentId));
  const moved = new Set<Id>();
  const blocks = new Set<Id>();
  for (const snap of source.items) {
    const now = byId.get(snap.id);
    if (now === undefined || parentIdOf(now) === snap.parentId) continue;
    if (parents.has(snap.id) || hasNestedLines(source.text, snap.line)) blocks.add(snap.id);
    else moved.add(snap.id);
  }
  const spliced: SplicedItem[] = source.items.map((snap) => {
    const now = moved.has(snap.id) ? undefined : byId.get(snap.id);
    return {
      key: snap.id,
      kind: snap.kind,
      line: snap.line,
      parentKey: snap.parentId,
      before: snap,
      after: now === undefined ? null : lineFieldsOf(now),
    };
  });
  const onPage = new Set(source.items.map((s) => s.id));
  const children = new Map<Id | null, Item[]>();
  for (const item of items) {
    const parent = parentIdOf(item);
    const key = parent !== null && byId.has(parent) ? parent : null;
    pushTo(children, key, item);
  }
  const added: AddedItem[] = [];
  const walk = (parent: Id | null) => {
    let previous: Id | null = null;
    for (const item of (children.get(parent) ?? []).sort(bySiblingOrder)) {
      if (!onPage.has(item.id) || moved.has(item.id) || blocks.has(item.id)) {
        added.push({
          key: item.id,
          kind: item.type,
          parentKey: parent,
          afterKey: previous,
          fields: lineFieldsOf(item),
          ...(blocks.has(item.id) ? { block: true as const } : {}),
        });
      }
      previous = item.id;
      walk(item.id);
    }
  };
  walk(null);
  return spliceSource(source.text, spliced, added);
}

/** The period's page as it should now read, or undefined when the period has no page. */
export async function exportSourcePage(
  db: Db,
  actor: Actor,
  periodId: Id,
): Promise<{ source: PageSource; result: SpliceResult; items: Item[] } | undefined> {
  const source = await findPageSource(db, periodId);
  if (source === undefined) return undefined;
  const { objectives, keyResults } = await loadVisiblePeriodItems(db, actor, periodId);
  const items = [...objectives, ...keyResults];
  const spliced = spliceWithItems(source, items);
  // On a page of several quarters only the period's own section holds its retrospectives.
  const { label } = await getPeriod(db, periodId);
  const section = periodSection(source.text, label);
  const now = periodSection(spliced.text, label);
  const retros = spliceRetrospectives(
    spliced.text,
    parseHandbook(source.text, section ? { section } : {}).retrospectives,
    await listRetrospectives(db, periodId),
    now,
  );
  const lines = new Map<string, number>();
  for (const [key, line] of spliced.lines) lines.set(key, retros.moved(line) ?? line);
  return { source, result: { text: retros.text, lines }, items };
}
