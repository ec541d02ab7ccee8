/**
 * Remembering the page a period came from. After an import applies, `recordPageSource` stores
 * the page's text and a snapshot of every item it matched or made (line, parent, fields as stored),
 * which the source-preserving export (`export-source.ts`) and `okr sync` compare against.
 */
import { pushTo } from "../core/collections.js";
import type { DocumentItem } from "../core/document.js";
import type { LineFields, PageSource, PageSourceItem } from "../core/page-source.js";
import type { Id, KeyResult, Objective } from "../core/types.js";
import { readOutcome } from "../markdown/outcome.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { findPeriodSections, type PeriodSection } from "../markdown/period-sections.js";
import type { Db } from "../store/db.js";
import {
  assignSourceKeys,
  findPageSource,
  savePageSource,
} from "../store/page-sources.repository.js";
import { identityStep, StepCounter, sourceKeyOf } from "./import-identity.js";
import { earlierFigures } from "./import-since-page.js";

/** The section of a page of several quarters that holds period `label`; none on a one-period page. */
export function periodSection(text: string, label: string): PeriodSection | undefined {
  return findPeriodSections(text).find((section) => section.label === label);
}

/** The fields of a stored item that its line in a page spells out. */
export function lineFieldsOf(item: Objective | KeyResult): LineFields {
  const fields: LineFields = {
    owner: item.owner?.name ?? null,
    title: item.title,
    outcome: item.outcome,
    progress:
      item.type === "key_result" ? item.progress : readOutcome(item.outcome, item.title).progress,
    status: item.status,
  };
  if (item.type === "key_result" && item.current !== null) fields.value = item.current;
  return fields;
}

/** The parent an item hangs under: an objective's objective or key result, a KR's objective. */
export function parentIdOf(item: Objective | KeyResult): Id | null {
  return item.type === "key_result"
    ? item.objectiveId
    : (item.parentKeyResultId ?? item.parentObjectiveId);
}

/** Every item of the document with the source key an import gives it (same walk as import). */
export function keyedLines(items: readonly DocumentItem[]): Map<string, number> {
  const steps = new StepCounter();
  const lines = new Map<string, number>();
  const walk = (list: readonly DocumentItem[], path: string[]) => {
    for (const item of list) {
      const next = [...path, steps.next(path.join("\u0001"), identityStep(item))];
      lines.set(sourceKeyOf(next), item.line);
      walk(item.children, next);
    }
  };
  walk(items, []);
  return lines;
}

/** Whether an import's text is a page (a JSON document is none, and is recorded as none). */
export function isPageText(text: string): boolean {
  return !text.trimStart().startsWith("{");
}

/** The items the period's page was last recorded with, by id. */
async function recordedItems(db: Db, periodId: Id): Promise<Map<Id, PageSourceItem>> {
  const source = await findPageSource(db, periodId);
  return new Map((source?.items ?? []).map((item) => [item.id, item]));
}

/** A page line an import matched or made, with its item as stored once the line applied. */
export interface ImportedLine {
  line: number;
  item: Objective | KeyResult;
  /** The fields the line left as the app has them, as the page says them (`import-since-page.ts`). */
  kept?: Partial<LineFields & { parentId: Id | null }>;
}

/**
 * Records `text` as the page of `periodId`, with each item the import matched or made (in page
 * order), its line and its stored fields. A JSON document is no page: nothing is recorded.
 */
export async function recordPageSource(
  db: Db,
  periodId: Id,
  text: string,
  imported: Iterable<ImportedLine>,
  at: string,
  sectionLine = 0,
): Promise<void> {
  if (!isPageText(text)) return;
  // What the lines said before the app wrote over them stays known (decisions/0065).
  const was = await recordedItems(db, periodId);
  const items: PageSourceItem[] = [];
  for (const { line, item, kept } of imported) {
    // An item archived in the app whose line the page still has: recorded, so the export
    // removes its line.
    if (item.archived && kept === undefined) continue;
    const earlier = was.get(item.id)?.earlier;
    items.push({
      id: item.id,
      kind: item.type,
      line,
      parentId: parentIdOf(item),
      ...lineFieldsOf(item),
      ...kept,
      ...(earlier === undefined ? {} : { earlier }),
    });
  }
  await savePageSource(db, { periodId, text, items, sectionLine, recordedAt: at });
}

/**
 * After a page was written (`okr export --in-place`, `okr sync`): `text` is the period's page
 * now, `lines` says where each item is in it. Items get the key the written line gives them,
 * so the next import of the page updates them instead of adding them again. On a page of
 * several quarters, `label` names the period's section: only its lines are read.
 */
export async function rememberPage(
  db: Db,
  source: Pick<PageSource, "periodId" | "sectionLine">,
  text: string,
  lines: ReadonlyMap<Id, number>,
  items: readonly (Objective | KeyResult)[],
  at: string,
  label?: string,
): Promise<void> {
  const section = label === undefined ? undefined : periodSection(text, label);
  const keyAt = new Map<number, string[]>();
  for (const [key, line] of keyedLines(parseHandbook(text, section ? { section } : {}).items)) {
    pushTo(keyAt, line, key);
  }
  const was = await recordedItems(db, source.periodId);
  const snapshot: PageSourceItem[] = [];
  const keys: { id: Id; kind: PageSourceItem["kind"]; key: string; line: number }[] = [];
  const taken = new Map<number, number>();
  const ordered = [...items].sort(
    (a, b) =>
      (lines.get(a.id) ?? 0) - (lines.get(b.id) ?? 0) ||
      (a.type === b.type ? a.position - b.position : a.type === "objective" ? -1 : 1),
  );
  for (const item of ordered) {
    const line = lines.get(item.id);
    if (line === undefined) continue;
    const fields = lineFieldsOf(item);
    // A figure the app writes over the line's is one the page said before.
    const earlier = earlierFigures(was.get(item.id), fields);
    snapshot.push({
      id: item.id,
      kind: item.type,
      line,
      parentId: parentIdOf(item),
      ...fields,
      ...(earlier === undefined ? {} : { earlier }),
    });
    // Several items on one line take its keys in order.
    const n = taken.get(line) ?? 0;
    const key = keyAt.get(line)?.[n];
    taken.set(line, n + 1);
    if (key !== undefined) keys.push({ id: item.id, kind: item.type, key, line });
  }
  snapshot.sort((a, b) => a.line - b.line);
  await assignSourceKeys(db, keys);
  await savePageSource(db, {
    ...source,
    sectionLine: section?.start ?? source.sectionLine,
    text,
    items: snapshot,
    recordedAt: at,
  });
}
