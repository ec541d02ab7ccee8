/**
 * Import a handbook page (or a canonical JSON document) into a period: the period is matched
 * by label or created from the workspace's fiscal calendar; objectives and key results are
 * upserted by their path of (kind, owner, title) — see `import-identity.ts` — so importing the
 * same page twice changes nothing, and import -> export (json) -> import leaves the database
 * as it was. Items no longer on the page are left alone. Retrospectives are replaced per team
 * when the page has them.
 *
 * `previewImport` answers what would change without writing; `importMarkdown` writes it all in
 * one transaction.
 */
import type { OkrDocument, Problem } from "../core/document.js";
import { isOkrError, OkrError } from "../core/errors.js";
import { readAsPageText } from "../core/nul-character.js";
import type { FiscalCalendar, Id, Settings } from "../core/types.js";
import { type Db, withTransaction } from "../store/db.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { assertPeriodOpen, nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { planOwners } from "./import-owners.js";
import {
  closeImportedPeriod,
  type ImportPeriodPlan,
  planImportPeriod,
  previewPeriodOf,
} from "./import-period.js";
import { readImportDocumentOffThread } from "./import-read.js";
import type { OutcomeConflict } from "./import-since-page.js";
import type { ImportOptions, ImportPreview, ImportResult } from "./import-types.js";
import { ImportRun } from "./import-upsert.js";
import { isPageText, recordPageSource } from "./page-source.js";
import { createPeriod } from "./periods.js";
import { assertEditor, isInsider } from "./permissions.js";
import { loadSettings } from "./settings.js";
import { findConfidentialIds } from "./visibility.js";

export type { OutcomeConflict } from "./import-since-page.js";
export type {
  ImportAction,
  ImportChange,
  ImportOptions,
  ImportPreview,
  ImportPreviewPeriod,
  ImportResult,
} from "./import-types.js";

/** The items of a period that `actor` may not see: none for insiders. */
async function hiddenFrom(db: Db, actor: Actor, periodId: Id | undefined): Promise<Set<Id>> {
  if (periodId === undefined || isInsider(actor)) return new Set();
  const { objectives, keyResults } = await listPeriodItems(db, periodId);
  return findConfidentialIds([...objectives, ...keyResults]);
}

/**
 * The calendar a page is read in: the workspace's, or — while the workspace still uses plain
 * calendar quarters — the one the page's own dates imply, so that a GitLab `FY20-Q4` page stays
 * FY20-Q4 (November–January) instead of becoming 2020-Q4.
 */
function calendarForPages(settings: Settings, options: ImportOptions): FiscalCalendar | undefined {
  if (options.calendar) return options.calendar;
  return settings.calendar.startMonth === 1 ? undefined : settings.calendar;
}

function assertHasOkrs(document: OkrDocument): void {
  if (document.items.length === 0 && document.retrospectives.length === 0) {
    const first = document.problems.find((p) => p.severity === "error");
    throw new OkrError(
      "invalid_input",
      `Nothing to import: ${first ? `line ${first.line}: ${first.message}` : "the page holds no OKRs."}`,
      { problems: document.problems },
    );
  }
}

/**
 * What importing `text` would change, without writing anything: the parsed document, its
 * problems, and one change per period, item and team retrospective.
 */
export async function previewImport(
  deps: AppDeps,
  actor: Actor,
  text: string,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  assertEditor(actor, "import OKRs");
  const settings = await loadSettings(deps.db);
  const document = await readImportDocumentOffThread(
    text,
    options.format,
    calendarForPages(settings, options),
    options.section,
  );
  if (document.items.length === 0 && document.retrospectives.length === 0) {
    return {
      document,
      problems: document.problems,
      changes: [],
      period: null,
      owners: [],
      takenBack: [],
    };
  }
  const plan: ImportPeriodPlan = await planImportPeriod(deps.db, document, options).catch(
    (error: unknown) => {
      // A page naming no period still previews: the answer asks the user to choose one.
      if (
        isOkrError(error) &&
        (error.details as { field?: string } | undefined)?.field === "period"
      )
        return { label: "", period: undefined, message: error.message };
      throw error;
    },
  );
  const owners = await planOwners(
    deps.db,
    document,
    options.ownerMap,
    options.attachMatchingOwners,
  );
  const period = plan.period;
  const hidden = await hiddenFrom(deps.db, actor, period?.id);
  const page = isPageText(text);
  const run = new ImportRun(deps, deps.db, actor, period ?? null, true, owners, hidden, page);
  const label = plan.label;
  if (period === undefined)
    run.changes.push({ action: "create", entity: "period", line: 0, label });
  else run.changes.push({ action: "unchanged", entity: "period", line: 0, label: period.label });
  await run.items(document.items);
  await run.retrospectives(document.retrospectives);
  const takenBack = options.force === true ? [] : run.conflicts;
  return {
    document,
    problems: [...document.problems, ...run.problems, ...takenBack.map(takenBackProblem)],
    changes: run.changes,
    period: previewPeriodOf(plan, deps.now()),
    owners,
    takenBack,
  };
}

/**
 * Imports a handbook page (or a canonical JSON document) into its period, in one transaction.
 * @throws OkrError `invalid_input` (no OKRs, no period, bad JSON), `period_closed`, `forbidden`
 */
export async function importMarkdown(
  deps: AppDeps,
  actor: Actor,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  assertEditor(actor, "import OKRs");
  const settings = await loadSettings(deps.db);
  const document = await readImportDocumentOffThread(
    text,
    options.format,
    calendarForPages(settings, options),
    options.section,
  );
  assertHasOkrs(document);
  const page = isPageText(text);
  return withTransaction(deps.db, async (trx) => {
    const inTrx: AppDeps = { ...deps, db: trx };
    const plan = await planImportPeriod(trx, document, options);
    const owners = await planOwners(trx, document, options.ownerMap, options.attachMatchingOwners);
    let period = plan.period;
    const periodCreated = period === undefined;
    if (period === undefined) {
      const dates = plan.start && plan.end ? { start: plan.start, end: plan.end } : {};
      period = await createPeriod(inTrx, actor, { label: plan.label, ...dates });
    }
    const hidden = await hiddenFrom(trx, actor, period.id);
    if (period.closedAt !== null) {
      // A closed period takes no changes; the same page again changes nothing and is fine.
      const check = new ImportRun(inTrx, trx, actor, period, true, owners, hidden, page);
      await check.items(document.items);
      await check.retrospectives(document.retrospectives);
      if (check.counts.created + check.counts.updated > 0) assertPeriodOpen(period);
      return {
        periodId: period.id,
        ...check.counts,
        periodCreated,
        closed: true,
        notice: plan.message,
        problems: [...document.problems, ...check.problems],
      };
    }
    const force = options.force === true;
    const run = new ImportRun(inTrx, trx, actor, period, false, owners, hidden, page, force);
    await run.items(document.items);
    if (run.conflicts.length > 0 && !force) throw takenBackError(run.conflicts);
    await run.retrospectives(document.retrospectives);
    await recordPageSource(
      trx,
      period.id,
      readAsPageText(text),
      run.imported,
      nowIso(deps),
      options.section?.start,
    );
    if (options.closed === true) await closeImportedPeriod(inTrx, actor, period.id);
    return {
      periodId: period.id,
      ...run.counts,
      periodCreated,
      closed: options.closed === true,
      notice: plan.message,
      problems: [...document.problems, ...run.problems],
    };
  });
}

/** What a line that takes back check-ins says: the key result, the app's and the page's figure. */
function describeConflict(c: OutcomeConflict): string {
  return `"${c.item}": app ${c.app} (check-in of ${c.checkedInAt.slice(0, 10)}), page ${c.page ?? "none"}`;
}

function takenBackProblem(c: OutcomeConflict): Problem {
  return {
    line: c.line,
    severity: "error",
    code: "check_in_taken_back",
    message: `${describeConflict(c)}: the page does not know this check-in; importing it needs force.`,
  };
}

/**
 * The refusal of a page that takes back check-ins it does not know: each named with its line
 * and both figures; nothing of the page is imported (decisions/0065).
 */
function takenBackError(conflicts: readonly OutcomeConflict[]): OkrError {
  const lines = conflicts.map((c) => `Line ${c.line}: ${describeConflict(c)}`);
  return new OkrError(
    "conflict",
    `The page takes back check-ins it does not know, so nothing was imported; settle each in the app or in the page, or import it with force (okr import --force, okr sync --force, the API's force) to take the page's:\n${lines.join("\n")}`,
    { conflicts },
  );
}

export { jsonErrorWhere, readImportDocument } from "./import-read.js";
