/**
 * Pages that live in git, kept in step with the database: `okr sync DIR` and
 * `okr export --in-place FILE`. A page the database has not seen is imported; a page unchanged
 * in git since the last sync gets the database's changes written into it; a page changed in git
 * has those changes imported, merged with the database's (see sync-merge.ts). A field changed
 * on both sides to different values is a conflict: reported, and nothing is written.
 */

import { OkrError } from "../core/errors.js";
import type { LineFields } from "../core/page-source.js";
import type { Id } from "../core/types.js";
import { findPeriodSections } from "../markdown/period-sections.js";
import { withTransaction } from "../store/db.js";
import { findPageSource } from "../store/page-sources.repository.js";
import { nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { exportPeriod } from "./export.js";
import { exportSourcePage } from "./export-source.js";
import { importMarkdown, readImportDocument } from "./import.js";
import { archiveKeyResult } from "./key-results.js";
import { archiveObjective } from "./objectives.js";
import { lineFieldsOf, rememberPage } from "./page-source.js";
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
  message?: string;
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

/** Brings one page (`file` holding `text`) and the database in step. */
export async function syncPage(
  deps: AppDeps,
  actor: Actor,
  file: string,
  text: string,
): Promise<PageSyncResult> {
  if (findPeriodSections(text).length > 0) {
    return {
      file,
      period: null,
      conflicts: [],
      action: "skipped",
      message: "several quarters on one page: okr import reads it; sync keeps pages of one period",
    };
  }
  const document = readImportDocument(text, "md", undefined);
  const label = document.period?.label ?? null;
  const none = { file, period: label, conflicts: [] };
  if (label === null || document.items.length === 0) {
    return { ...none, action: "skipped", message: "no period or no OKRs on the page" };
  }
  const period = await findPeriodByLabel(deps, actor, label);
  const page = period === undefined ? undefined : await exportSourcePage(deps.db, actor, period.id);
  if (period === undefined || page === undefined) {
    const result = await importMarkdown(deps, actor, text);
    const after = await exportSourcePage(deps.db, actor, result.periodId);
    const written = after?.result.text ?? text;
    return { ...none, action: "imported", ...(written !== text ? { text: written } : {}) };
  }
  const base = page.source.text;
  const ours = page.result.text;
  if (text === base) {
    if (ours === base) return { ...none, action: "unchanged" };
    await rememberPage(deps.db, page.source, ours, page.result.lines, page.items, nowIso(deps));
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
  await withTransaction(deps.db, async (trx) => {
    const inTrx = { ...deps, db: trx };
    // The database's items take the keys of the page as it says them, so the import below
    // updates them; then what the file no longer holds is archived.
    await rememberPage(trx, page.source, ours, page.result.lines, page.items, nowIso(deps));
    await importMarkdown(inTrx, actor, merged.text);
    await archiveDropped(inTrx, actor, period.id, [...page.result.lines.keys()]);
  });
  return {
    ...none,
    action: ours === base ? "updated" : "merged",
    ...(merged.text !== text ? { text: merged.text } : {}),
  };
}
