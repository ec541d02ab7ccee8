/**
 * Pages that live in git, kept in step with the database: `okr sync DIR` and
 * `okr export --in-place FILE`. A page the database has not seen is imported; a page unchanged
 * in git since the last sync gets the database's changes written into it; a page changed in git
 * has those changes imported, merged with the database's (see sync-merge.ts). A field changed
 * on both sides to different values is a conflict: reported, and nothing is written; so is a
 * line that takes back check-ins it does not know (an older copy of the page, decisions/0065),
 * unless forced. Each key result the file moves is said with its figure before and after.
 */

import { isOkrError, OkrError } from "../core/errors.js";
import type { LineFields } from "../core/page-source.js";
import type { Id, KeyResult, Objective } from "../core/types.js";
import { findPeriodSections } from "../markdown/period-sections.js";
import { type Db, withTransaction } from "../store/db.js";
import { findPageSource } from "../store/page-sources.repository.js";
import { nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { exportPeriod } from "./export.js";
import { exportSourcePage } from "./export-source.js";
import { importMarkdown, type OutcomeConflict, readImportDocument } from "./import.js";
import { describeItem } from "./import-diff.js";
import { figureText } from "./import-since-page.js";
import { archiveKeyResult } from "./key-results.js";
import { archiveObjective } from "./objectives.js";
import { lineFieldsOf, periodSection, rememberPage } from "./page-source.js";
import { findPeriodByLabel } from "./periods.js";
import { mergePage, type SyncConflict } from "./sync-merge.js";
import { loadVisiblePeriodItems } from "./tree.js";

export type { SyncConflict } from "./sync-merge.js";

export interface PageSyncResult {
  file: string;
  period: string | null;
  /** imported: new to the database; written: the database's changes went into the file;
   *  merged: both had changes; updated: the file's changes went into the database. */
  action: "imported" | "written" | "updated" | "merged" | "unchanged" | "conflict" | "skipped";
  /** The file's new text when it changes. */
  text?: string;
  conflicts: SyncConflict[];
  /** The key results whose figure the file changed in the database. */
  changes?: FigureChange[];
  message?: string;
}

/** A key result the file moved: its line in the file, and its figure before and after. */
export interface FigureChange {
  line: number;
  /** The key result, as a person reads it: "Sales: Book 40 demos." */
  item: string;
  from: string;
  to: string;
}

/** Options of a sync: `force` applies lines that take back check-ins (decisions/0065). */
export interface SyncOptions {
  force?: boolean;
}

function firstDifference(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

/**
 * The text `okr export --in-place FILE` writes: the period's page with the database's changes.
 * The file must be the page as last imported or written; otherwise `okr sync` merges.
 */
export async function writePeriodPage(
  deps: AppDeps,
  actor: Actor,
  label: string,
  file: string,
  current: string,
): Promise<string> {
  const period = await findPeriodByLabel(deps, actor, label);
  if (period === undefined) {
    throw new OkrError("not_found", `No period labelled '${label}' (okr import creates periods)`);
  }
  const page = await exportSourcePage(deps.db, actor, period.id);
  if (page === undefined) {
    return (await exportPeriod(deps, actor, period.id, { format: "md", style: "house" })).content;
  }
  if (current !== page.source.text) {
    throw new OkrError(
      "conflict",
      `${file} changed since ${period.label} was last imported or written (line ${firstDifference(page.source.text, current)}): run okr sync on its folder to merge both, or okr import ${file} first.`,
    );
  }
  await rememberPage(
    deps.db,
    page.source,
    page.result.text,
    page.result.lines,
    page.items,
    nowIso(deps),
    period.label,
  );
  return page.result.text;
}

/** Archives what the last written page held and the database no longer finds on the page. */
async function archiveDropped(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  before: readonly Id[],
): Promise<void> {
  const source = await findPageSource(deps.db, periodId);
  const kept = new Set(source?.items.map((i) => i.id) ?? []);
  const { objectives, keyResults } = await loadVisiblePeriodItems(deps.db, actor, periodId);
  // Key results first: archiving an objective first would leave them under an archived one.
  for (const kr of keyResults) {
    if (before.includes(kr.id) && !kept.has(kr.id)) {
      await archiveKeyResult(deps, actor, kr.id, { version: kr.version });
    }
  }
  for (const o of objectives) {
    if (before.includes(o.id) && !kept.has(o.id)) {
      await archiveObjective(deps, actor, o.id, { version: o.version });
    }
  }
}

/**
 * Brings one page (`file` holding `text`) and the database in step: one result per period, so
 * one for most pages and one per section on a page holding several quarters. The sections are
 * synced in page order, each on the text the one before it left; the last result's `text` (when
 * any result has one) is the file's new text. A conflict in any section leaves the whole page
 * as it is: the caller writes nothing of it.
 */
export async function syncPage(
  deps: AppDeps,
  actor: Actor,
  file: string,
  text: string,
  options: SyncOptions = {},
): Promise<PageSyncResult[]> {
  const labels = findPeriodSections(text).map((section) => section.label);
  if (labels.length === 0) return [await syncPeriod(deps, actor, file, text, options)];
  const results: PageSyncResult[] = [];
  let current = text;
  for (const label of labels) {
    const result = await syncPeriod(deps, actor, file, current, options, label);
    if (result.text !== undefined) current = result.text;
    results.push(result);
  }
  if (results.some((r) => r.action === "conflict")) {
    return results.map(({ text: _written, changes: _moved, ...result }) => result);
  }
  // Every result carries the page as it ends, so the last one written is the file's.
  return results.map((r) =>
    current !== text && r.text !== undefined ? { ...r, text: current } : r,
  );
}

/** The page as a period reads it: the whole page, or its section of a page of several. */
function readPeriod(text: string, label: string | undefined) {
  const section = label === undefined ? undefined : periodSection(text, label);
  return { section, document: readImportDocument(text, "md", undefined, section) };
}

/** One period of a page (`label`: its section on a page of several quarters) in step. */
async function syncPeriod(
  deps: AppDeps,
  actor: Actor,
  file: string,
  text: string,
  options: SyncOptions,
  sectionLabel?: string,
): Promise<PageSyncResult> {
  const { section, document } = readPeriod(text, sectionLabel);
  const label = sectionLabel ?? document.period?.label ?? null;
  const none = { file, period: label, conflicts: [] };
  if (label === null || document.items.length === 0) {
    return { ...none, action: "skipped", message: "no period or no OKRs on the page" };
  }
  const period = await findPeriodByLabel(deps, actor, label);
  const page = period === undefined ? undefined : await exportSourcePage(deps.db, actor, period.id);
  if (period === undefined || page === undefined) {
    const result = await importMarkdown(deps, actor, text, section ? { section } : {});
    const after = await exportSourcePage(deps.db, actor, result.periodId);
    const written = after?.result.text ?? text;
    return { ...none, action: "imported", ...(written !== text ? { text: written } : {}) };
  }
  const base = page.source.text;
  const ours = page.result.text;
  const remember = (db: Db) =>
    rememberPage(db, page.source, ours, page.result.lines, page.items, nowIso(deps), sectionLabel);
  if (text === base) {
    if (ours === base) return { ...none, action: "unchanged" };
    await remember(deps.db);
    return { ...none, action: "written", text: ours };
  }
  const now = new Map<string, LineFields>(page.items.map((i) => [i.id, lineFieldsOf(i)]));
  const merged =
    ours === base
      ? { text, conflicts: [] }
      : mergePage({
          base,
          ours,
          theirs: text,
          snapshot: page.source.items,
          now,
          theirItems: document.items,
        });
  if (merged.conflicts.length > 0) {
    return { ...none, action: "conflict", conflicts: merged.conflicts };
  }
  const inFile = (line: number) => lineInFile(merged.text, text, line);
  let changes: FigureChange[];
  try {
    changes = await withTransaction(deps.db, async (trx) => {
      const inTrx = { ...deps, db: trx };
      // The database's items take the keys of the page as it says them, so the import below
      // updates them; then what the file no longer holds is archived.
      await remember(trx);
      const mergedSection =
        sectionLabel === undefined ? undefined : periodSection(merged.text, sectionLabel);
      await importMarkdown(inTrx, actor, merged.text, {
        ...(mergedSection ? { section: mergedSection } : {}),
        ...(options.force === true ? { force: true } : {}),
      });
      await archiveDropped(inTrx, actor, period.id, [...page.result.lines.keys()]);
      return figureChanges(inTrx, actor, period.id, page.items, inFile);
    });
  } catch (error) {
    const taken = takenBack(error);
    if (taken === undefined) throw error;
    // A line taking back check-ins it does not know: nothing of the page is written.
    const conflicts = taken.map(
      (c): SyncConflict => ({
        line: inFile(c.line),
        item: c.item,
        field: "outcome",
        app: c.app,
        page: c.page,
        checkedInAt: c.checkedInAt,
      }),
    );
    return { ...none, action: "conflict", conflicts };
  }
  const written = {
    ...(merged.text !== text ? { text: merged.text } : {}),
    ...(changes.length > 0 ? { changes } : {}),
  };
  // On a page of several quarters, another section's edit is no change to this period.
  if (section !== undefined && sameSection(base, text, sectionLabel as string)) {
    return { ...none, action: ours === base ? "unchanged" : "written", ...written };
  }
  return { ...none, action: ours === base ? "updated" : "merged", ...written };
}

/** The lines of an import that took back check-ins, from its refusal; else undefined. */
function takenBack(error: unknown): OutcomeConflict[] | undefined {
  if (!isOkrError(error) || error.code !== "conflict") return undefined;
  const conflicts = (error.details as { conflicts?: OutcomeConflict[] } | undefined)?.conflicts;
  return Array.isArray(conflicts) ? conflicts : undefined;
}

/**
 * Line `line` of the merged text as a line of the file: the same where the merge took the
 * file's lines, else the file's line that reads the same (nearest), else as it is.
 */
function lineInFile(merged: string, file: string, line: number): number {
  if (merged === file) return line;
  const wanted = merged.split("\n")[line - 1];
  const lines = file.split("\n");
  let best = -1;
  for (const [i, text] of lines.entries()) {
    if (text === wanted && (best < 0 || Math.abs(i + 1 - line) < Math.abs(best - line))) {
      best = i + 1;
    }
  }
  return best < 0 ? line : best;
}

/** The key results whose figure moved from `before` (the database before the file's import). */
async function figureChanges(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  before: readonly (Objective | KeyResult)[],
  inFile: (line: number) => number,
): Promise<FigureChange[]> {
  const was = new Map<Id, KeyResult>();
  for (const item of before) if (item.type === "key_result") was.set(item.id, item);
  if (was.size === 0) return [];
  const lines = new Map(
    ((await findPageSource(deps.db, periodId))?.items ?? []).map((i) => [i.id, i.line]),
  );
  const { keyResults } = await loadVisiblePeriodItems(deps.db, actor, periodId);
  const changes: FigureChange[] = [];
  for (const kr of keyResults) {
    const old = was.get(kr.id);
    if (old === undefined) continue;
    const from = figureText(old);
    const to = figureText(kr);
    if (from === to) continue;
    const item = describeItem({ owner: kr.owner?.name ?? null, title: kr.title, kind: kr.type });
    changes.push({ line: inFile(lines.get(kr.id) ?? 0), item, from, to });
  }
  return changes.sort((a, b) => a.line - b.line);
}

/** Whether period `label`'s section reads the same in both texts. */
function sameSection(a: string, b: string, label: string): boolean {
  const lines = (text: string) => {
    const section = periodSection(text, label);
    return section === undefined
      ? null
      : text
          .split("\n")
          .slice(section.start - 1, section.end - 1)
          .join("\n");
  };
  return lines(a) === lines(b);
}
