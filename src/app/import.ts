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
import type { DocumentItem, DocumentLink, OkrDocument, Problem } from "../core/document.js";
import { isOkrError, OkrError } from "../core/errors.js";
import type { FiscalCalendar, Id, Link, Owner, Retrospective, Settings } from "../core/types.js";
import type { PeriodSection } from "../markdown/period-sections.js";
import { type Db, withTransaction } from "../store/db.js";
import {
  findKeyResultBySourceKey,
  insertKeyResult,
  updateKeyResult,
} from "../store/key-results.repository.js";
import { replaceLinks } from "../store/links.repository.js";
import {
  findObjectiveBySourceKey,
  insertObjective,
  updateObjective,
} from "../store/objectives.repository.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listRetrospectives, replaceRetrospectives } from "../store/retrospectives.repository.js";
import { assertPeriodOpen, nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { identityStep, linkKindOf, StepCounter, sourceKeyOf } from "./import-identity.js";
import { type OwnerMap, type OwnerMatch, planOwners } from "./import-owners.js";
import {
  closeImportedPeriod,
  type ImportPeriodPlan,
  type ImportPreviewPeriod,
  planImportPeriod,
  previewPeriodOf,
} from "./import-period.js";
import { readImportDocumentOffThread } from "./import-read.js";
import { recordPageSource } from "./page-source.js";
import { createPeriod } from "./periods.js";
import { assertEditor, assertMayChangeConfidential, isInsider } from "./permissions.js";
import { loadSettings } from "./settings.js";
import { findConfidentialIds } from "./visibility.js";

export interface ImportOptions {
  /** Import into this period instead of the one the page names. */
  periodId?: Id;
  /** Import into the period with this label (created when missing) instead of the page's. */
  periodLabel?: string;
  /** `md` (default, unless the text is a JSON object) or `json` (a canonical document). */
  format?: "md" | "json";
  /** The fiscal calendar to read the page in; default: the workspace's. */
  calendar?: FiscalCalendar;
  /** Page owner name -> `team:NAME`, `person:NAME` or `role`; unmapped names stay as written. */
  ownerMap?: OwnerMap;
  /** Attach every unmapped name that is exactly a person's or team's name. Default false. */
  attachMatchingOwners?: boolean;
  /** Import as a closed (historical) period: no check-ins, no stale warnings. Default false. */
  closed?: boolean;
  /** One quarter of a page holding several (`findPeriodSections`). */
  section?: PeriodSection;
}

export type ImportAction = "create" | "update" | "unchanged" | "skip";

export interface ImportChange {
  action: ImportAction;
  entity: "period" | "objective" | "key_result" | "retrospective";
  /** Line in the page (0 when not from a line). */
  line: number;
  /** What a person reads: "CRO: Build strong FY21 pipeline." */
  label: string;
  /** For updates: the fields that change. */
  fields?: string[];
}

export type { ImportPreviewPeriod };

export interface ImportPreview {
  document: OkrDocument;
  problems: Problem[];
  changes: ImportChange[];
  /** Null when the page holds no OKRs. */
  period: ImportPreviewPeriod | null;
  owners: OwnerMatch[];
}

export interface ImportResult {
  periodId: Id;
  /** Objectives, key results and team retrospectives created, updated, left as they were. */
  created: number;
  updated: number;
  unchanged: number;
  /** The period was created by this import. */
  periodCreated: boolean;
  /** The period is closed after the import (imported as closed, or closed before). */
  closed: boolean;
  /** A plain sentence when the page's label named a period with other dates; else empty. */
  notice: string;
  problems: Problem[];
}

function describeItem(item: Pick<DocumentItem, "owner" | "title" | "kind">): string {
  const title = item.title.trim() === "" ? "(owner line)" : item.title;
  const short = title.length > 80 ? `${title.slice(0, 77)}…` : title;
  return item.owner ? `${item.owner}: ${short}` : short;
}

function sameLinks(stored: readonly Link[], wanted: readonly DocumentLink[]): boolean {
  return (
    stored.length === wanted.length &&
    stored.every((link, i) => link.text === wanted[i]?.text && link.url === wanted[i]?.url)
  );
}

function sameOwner(a: Owner | null, b: Owner | null): boolean {
  return (
    (a?.kind ?? null) === (b?.kind ?? null) &&
    (a?.id ?? null) === (b?.id ?? null) &&
    (a?.name ?? null) === (b?.name ?? null)
  );
}

/** The fields of `wanted` that differ from the stored item, in `wanted`'s order. */
function changedFields<T extends { owner: Owner | null }>(stored: T, wanted: Partial<T>): string[] {
  return Object.entries(wanted)
    .filter(([key, value]) =>
      key === "owner"
        ? !sameOwner(stored.owner, value as Owner | null)
        : stored[key as keyof T] !== value,
    )
    .map(([key]) => key);
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Walks the document and applies (or, in a dry run, only describes) every change. */
class ImportRun {
  readonly changes: ImportChange[] = [];
  readonly problems: Problem[] = [];
  readonly counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  private readonly steps = new StepCounter();
  private readonly owners: Map<string, Owner>;

  constructor(
    private readonly deps: AppDeps,
    private readonly db: Db,
    private readonly actor: Actor,
    /** Null in a dry run whose period does not exist yet: everything is new. */
    private readonly periodId: Id | null,
    private readonly dryRun: boolean,
    owners: readonly OwnerMatch[],
    /**
     * Items the actor may not see (see {@link hiddenFrom}): to the import they do not exist,
     * so a page can neither match, change nor reveal them.
     */
    private readonly hidden: ReadonlySet<Id> = new Set(),
  ) {
    this.owners = new Map(owners.map((o) => [o.name, o.owner]));
  }

  private record(change: ImportChange): void {
    this.changes.push(change);
    if (change.action === "create") this.counts.created++;
    else if (change.action === "update") this.counts.updated++;
    else if (change.action === "unchanged") this.counts.unchanged++;
  }

  /** Items created by this run: nothing stored can hang under them yet, so no lookups. */
  private readonly created = new Set<Id>(["(new)"]);

  private isNew(parentId: Id | null): boolean {
    return parentId !== null && this.created.has(parentId);
  }

  private async ownerOf(name: string | null): Promise<Owner | null> {
    if (name === null || name.trim() === "") return null;
    return this.owners.get(name.trim()) ?? { kind: "role", id: null, name: name.trim() };
  }

  private linksOf(periodId: Id, links: readonly DocumentLink[]) {
    return links.map((link, position) => ({
      id: this.deps.newId(),
      kind: linkKindOf(link),
      text: link.text,
      url: link.url,
      periodId,
      position,
    }));
  }

  async items(
    items: readonly DocumentItem[],
    parent: { objectiveId: Id | null; keyResultId: Id | null; path: string[] },
  ): Promise<void> {
    for (const [position, item] of items.entries()) {
      const parentKey = parent.path.join("\u0001");
      const step = this.steps.next(parentKey, identityStep(item));
      const path = [...parent.path, step];
      if (item.kind === "objective") {
        const id = await this.objective(item, position, parent, sourceKeyOf(path));
        await this.items(item.children, { objectiveId: id, keyResultId: null, path });
      } else {
        const objectiveId = parent.objectiveId;
        if (objectiveId === null) {
          this.record({
            action: "skip",
            entity: "key_result",
            line: item.line,
            label: describeItem(item),
          });
          this.problems.push({
            line: item.line,
            severity: "warning",
            code: "key_result_without_objective",
            message: `"${describeItem(item)}" is a key result with no objective above it; it is not imported.`,
          });
          continue;
        }
        const id = await this.keyResult(item, position, objectiveId, sourceKeyOf(path));
        await this.items(item.children, { objectiveId, keyResultId: id, path });
      }
    }
  }

  private async objective(
    item: DocumentItem,
    position: number,
    parent: { objectiveId: Id | null; keyResultId: Id | null },
    sourceKey: string,
  ): Promise<Id> {
    const label = describeItem(item);
    const owner = await this.ownerOf(item.owner);
    const parentObjectiveId = parent.keyResultId === null ? parent.objectiveId : null;
    const parentKeyResultId = parent.keyResultId;
    const existing =
      this.periodId === null || this.isNew(parent.keyResultId ?? parent.objectiveId)
        ? undefined
        : await findObjectiveBySourceKey(this.db, this.periodId, sourceKey, this.hidden);
    const at = nowIso(this.deps);
    if (existing === undefined) {
      this.record({ action: "create", entity: "objective", line: item.line, label });
      if (this.dryRun || this.periodId === null) return "(new)";
      const created = await insertObjective(this.db, {
        id: this.deps.newId(),
        periodId: this.periodId,
        title: item.title,
        owner,
        weight: 1,
        status: item.status,
        outcome: item.outcome,
        position,
        archived: false,
        carriedFromId: null,
        carriedToId: null,
        parentObjectiveId,
        parentKeyResultId,
        confidential: false,
        createdAt: at,
        updatedAt: at,
        sourceKey,
        sourceLine: item.line,
        links: this.linksOf(this.periodId, item.links),
      });
      await recordAudit(this.db, this.deps, this.actor, {
        action: "import",
        entity: "objective",
        entityId: created.id,
        before: null,
        after: created,
      });
      this.created.add(created.id);
      return created.id;
    }
    const wanted = {
      title: item.title,
      owner,
      status: item.status,
      outcome: item.outcome,
      position,
      parentObjectiveId,
      parentKeyResultId,
      archived: false,
    };
    const fields = changedFields(existing, wanted);
    const linksChanged = !sameLinks(existing.links, item.links);
    if (linksChanged) fields.push("links");
    if (fields.length === 0) {
      this.record({ action: "unchanged", entity: "objective", line: item.line, label });
      return existing.id;
    }
    this.record({ action: "update", entity: "objective", line: item.line, label, fields });
    if (this.dryRun || this.periodId === null) return existing.id;
    const updated = await updateObjective(this.db, existing.id, existing.version, {
      ...wanted,
      sourceLine: item.line,
      updatedAt: at,
    });
    if (linksChanged) {
      await replaceLinks(
        this.db,
        { objectiveId: existing.id },
        this.linksOf(this.periodId, item.links),
      );
    }
    await recordAudit(this.db, this.deps, this.actor, {
      action: "import",
      entity: "objective",
      entityId: existing.id,
      before: existing,
      after: updated,
    });
    return existing.id;
  }

  private async keyResult(
    item: DocumentItem,
    position: number,
    objectiveId: Id,
    sourceKey: string,
  ): Promise<Id> {
    const label = describeItem(item);
    const owner = await this.ownerOf(item.owner);
    const confidential = item.confidential === true;
    const existing =
      this.periodId === null || this.isNew(objectiveId)
        ? undefined
        : await findKeyResultBySourceKey(this.db, this.periodId, sourceKey, this.hidden);
    const at = nowIso(this.deps);
    if (existing === undefined) {
      if (!this.mayChangeConfidentiality(confidential, item.line)) return "(new)";
      this.record({ action: "create", entity: "key_result", line: item.line, label });
      if (this.dryRun || this.periodId === null) return "(new)";
      const created = await insertKeyResult(this.db, {
        id: this.deps.newId(),
        periodId: this.periodId,
        objectiveId,
        title: item.title,
        owner,
        weight: 1,
        status: item.status,
        outcome: item.outcome,
        position,
        archived: false,
        carriedFromId: null,
        carriedToId: null,
        // A handbook line gives a result, not a metric: progress as written.
        kind: "percentage",
        unit: null,
        start: null,
        target: null,
        direction: null,
        targetConfidential: confidential,
        current: null,
        progress: item.progress,
        health: null,
        confidence: null,
        lastCheckInAt: null,
        createdAt: at,
        updatedAt: at,
        sourceKey,
        sourceLine: item.line,
        links: this.linksOf(this.periodId, item.links),
      });
      await recordAudit(this.db, this.deps, this.actor, {
        action: "import",
        entity: "key_result",
        entityId: created.id,
        before: null,
        after: created,
      });
      this.created.add(created.id);
      return created.id;
    }
    if (
      confidential !== existing.targetConfidential &&
      !this.mayChangeConfidentiality(true, item.line)
    ) {
      return existing.id;
    }
    const wanted = {
      title: item.title,
      owner,
      status: item.status,
      outcome: item.outcome,
      progress: item.progress,
      targetConfidential: confidential,
      position,
      objectiveId,
      archived: false,
    };
    const fields = changedFields(existing, wanted);
    const linksChanged = !sameLinks(existing.links, item.links);
    if (linksChanged) fields.push("links");
    if (fields.length === 0) {
      this.record({ action: "unchanged", entity: "key_result", line: item.line, label });
      return existing.id;
    }
    this.record({ action: "update", entity: "key_result", line: item.line, label, fields });
    if (this.dryRun || this.periodId === null) return existing.id;
    const updated = await updateKeyResult(this.db, existing.id, existing.version, {
      ...wanted,
      sourceLine: item.line,
      updatedAt: at,
    });
    if (linksChanged) {
      await replaceLinks(
        this.db,
        { keyResultId: existing.id },
        this.linksOf(this.periodId, item.links),
      );
    }
    await recordAudit(this.db, this.deps, this.actor, {
      action: "import",
      entity: "key_result",
      entityId: existing.id,
      before: existing,
      after: updated,
    });
    return existing.id;
  }

  /**
   * The API's confidentiality rule, for a page line that would make a target confidential or
   * public: the import is refused (a preview lists it as an error and goes on).
   */
  private mayChangeConfidentiality(changes: boolean, line: number): boolean {
    try {
      assertMayChangeConfidential(this.actor, { confidentiality: changes }, `Line ${line}: `);
      return true;
    } catch (error) {
      if (!this.dryRun || !isOkrError(error)) throw error;
      this.problems.push({ line, severity: "error", code: "forbidden", message: error.message });
      return false;
    }
  }

  /** Team retrospectives: created, replaced or left as they are; others of the period stay. */
  async retrospectives(wanted: OkrDocument["retrospectives"]): Promise<void> {
    if (wanted.length === 0) return;
    const stored = this.periodId === null ? [] : await listRetrospectives(this.db, this.periodId);
    const byTeam = new Map(stored.map((r) => [r.team, r]));
    let changed = false;
    for (const retro of wanted) {
      const current = byTeam.get(retro.team);
      const same =
        current !== undefined &&
        JSON.stringify([current.good, current.bad, current.try]) ===
          JSON.stringify([retro.good, retro.bad, retro.try]);
      const action: ImportAction = current === undefined ? "create" : same ? "unchanged" : "update";
      if (action !== "unchanged") changed = true;
      this.record({
        action,
        entity: "retrospective",
        line: 0,
        label: `Retrospective: ${retro.team}`,
      });
    }
    if (!changed || this.dryRun || this.periodId === null) return;
    const merged: Retrospective[] = stored.map((r) => {
      const next = wanted.find((w) => w.team === r.team);
      return next ? { ...r, good: next.good, bad: next.bad, try: next.try } : r;
    });
    for (const retro of wanted) {
      if (!byTeam.has(retro.team)) {
        merged.push({ id: this.deps.newId(), periodId: this.periodId, ...retro });
      }
    }
    const unique = merged.filter((r, i) => merged.findIndex((o) => o.team === r.team) === i);
    await replaceRetrospectives(this.db, this.periodId, unique, nowIso(this.deps));
  }
}

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
    return { document, problems: document.problems, changes: [], period: null, owners: [] };
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
  const run = new ImportRun(deps, deps.db, actor, period?.id ?? null, true, owners, hidden);
  const label = plan.label;
  if (period === undefined)
    run.changes.push({ action: "create", entity: "period", line: 0, label });
  else run.changes.push({ action: "unchanged", entity: "period", line: 0, label: period.label });
  await run.items(document.items, { objectiveId: null, keyResultId: null, path: [] });
  await run.retrospectives(document.retrospectives);
  return {
    document,
    problems: [...document.problems, ...run.problems],
    changes: run.changes,
    period: previewPeriodOf(plan, deps.now()),
    owners,
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
      const check = new ImportRun(inTrx, trx, actor, period.id, true, owners, hidden);
      await check.items(document.items, { objectiveId: null, keyResultId: null, path: [] });
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
    const run = new ImportRun(inTrx, trx, actor, period.id, false, owners, hidden);
    await run.items(document.items, { objectiveId: null, keyResultId: null, path: [] });
    await run.retrospectives(document.retrospectives);
    await recordPageSource(trx, period.id, text, document, nowIso(deps), options.section?.start);
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

export { jsonErrorWhere, readImportDocument } from "./import-read.js";
