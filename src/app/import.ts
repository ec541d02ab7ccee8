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
import { OkrError } from "../core/errors.js";
import { periodFromLabel } from "../core/fiscal-calendar.js";
import type {
  FiscalCalendar,
  Id,
  Link,
  Owner,
  Period,
  PeriodRange,
  Retrospective,
  Settings,
} from "../core/types.js";
import { checkDocument } from "../markdown/document-schema.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
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
import { findPeriodByLabel, getPeriod } from "../store/periods.repository.js";
import { listRetrospectives, replaceRetrospectives } from "../store/retrospectives.repository.js";
import { assertPeriodOpen, nowIso, recordAudit, resolveOwner } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { identityStep, linkKindOf, StepCounter, sourceKeyOf } from "./import-identity.js";
import { findJsonError, lineAndColumn } from "./import-json.js";
import { recordPageSource } from "./page-source.js";
import { createPeriod } from "./periods.js";
import { assertEditor } from "./permissions.js";
import { loadSettings } from "./settings.js";

export interface ImportOptions {
  /** Import into this period instead of the one the page names. */
  periodId?: Id;
  /** Import into the period with this label (created when missing) instead of the page's. */
  periodLabel?: string;
  /** `md` (default, unless the text is a JSON object) or `json` (a canonical document). */
  format?: "md" | "json";
  /** The fiscal calendar to read the page in; default: the workspace's. */
  calendar?: FiscalCalendar;
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

export interface ImportPreview {
  document: OkrDocument;
  problems: Problem[];
  changes: ImportChange[];
}

export interface ImportResult {
  periodId: Id;
  /** Objectives, key results and team retrospectives created, updated, left as they were. */
  created: number;
  updated: number;
  unchanged: number;
  /** The period was created by this import. */
  periodCreated: boolean;
  problems: Problem[];
}

/** Reads the input as a canonical document: Markdown is parsed, JSON is checked. */
export function readImportDocument(
  text: string,
  format: ImportOptions["format"],
  calendar: FiscalCalendar | undefined,
  section?: PeriodSection,
): OkrDocument {
  const source = typeof text === "string" ? text : "";
  const isJson = format === "json" || (format === undefined && source.trimStart().startsWith("{"));
  if (!isJson) {
    return parseHandbook(source, {
      ...(calendar ? { calendar } : {}),
      ...(section ? { section } : {}),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new OkrError("invalid_input", `Invalid JSON: ${jsonErrorWhere(source, error)}`);
  }
  const check = checkDocument(value);
  if (!check.ok) {
    throw new OkrError(
      "invalid_input",
      `Not a canonical OKR document (format okr/1): ${check.errors.join("; ")}`,
      { errors: check.errors },
    );
  }
  return check.document;
}

/** "expected ',' or ']', found ',' at line 3, column 13": where a JSON text breaks. */
export function jsonErrorWhere(text: string, error: unknown): string {
  const found = findJsonError(text);
  if (found !== null) {
    const { line, column } = lineAndColumn(text, found.index);
    return `${found.reason} at line ${line}, column ${column}`;
  }
  return error instanceof Error ? error.message : String(error);
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
  private readonly owners = new Map<string, Owner | null>();

  constructor(
    private readonly deps: AppDeps,
    private readonly db: Db,
    private readonly actor: Actor,
    /** Null in a dry run whose period does not exist yet: everything is new. */
    private readonly periodId: Id | null,
    private readonly dryRun: boolean,
  ) {}

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
    const key = name.trim();
    if (!this.owners.has(key)) this.owners.set(key, await resolveOwner(this.db, key));
    return this.owners.get(key) ?? null;
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
        : await findObjectiveBySourceKey(this.db, this.periodId, sourceKey);
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
        : await findKeyResultBySourceKey(this.db, this.periodId, sourceKey);
    const at = nowIso(this.deps);
    if (existing === undefined) {
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

async function findTargetPeriod(
  db: Db,
  document: OkrDocument,
  options: ImportOptions,
): Promise<{ period: Period | undefined; label: string }> {
  if (options.periodId !== undefined) {
    const period = await getPeriod(db, options.periodId);
    return { period, label: period.label };
  }
  const label = options.periodLabel?.trim() || document.period?.label;
  if (!label) {
    throw new OkrError(
      "invalid_input",
      "The page names no period: put it in the title (`FY20-Q4 OKRs`) or front matter (`period: FY20-Q4`), or choose one (--period FY20-Q4).",
    );
  }
  const period = await findPeriodByLabel(db, label);
  if (period) return { period, label };
  // "FY40-Q1" in a calendar-year workspace is stored as "2040-Q1": look for that too, unless the
  // page's own dates say it is another quarter.
  const settings = await loadSettings(db);
  let canonical: PeriodRange | undefined;
  try {
    canonical = periodFromLabel(settings.calendar, label);
  } catch {
    // A label the calendar cannot read: createPeriod says so.
  }
  const pageDates = options.periodLabel?.trim() ? undefined : document.period;
  if (!canonical || (pageDates && pageDates.start !== canonical.start)) {
    return { period: undefined, label };
  }
  return { period: await findPeriodByLabel(db, canonical.label), label };
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

/** A new period's input: the page's own dates when the period is the one the page names. */
function newPeriodInput(document: OkrDocument, label: string, options: ImportOptions) {
  const page = document.period;
  if (options.periodLabel?.trim() || !page || page.label !== label) return { label };
  return { label, start: page.start, end: page.end };
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
  const document = readImportDocument(
    text,
    options.format,
    calendarForPages(settings, options),
    options.section,
  );
  if (document.items.length === 0 && document.retrospectives.length === 0) {
    return { document, problems: document.problems, changes: [] };
  }
  const { period, label } = await findTargetPeriod(deps.db, document, options);
  const run = new ImportRun(deps, deps.db, actor, period?.id ?? null, true);
  if (period === undefined)
    run.changes.push({ action: "create", entity: "period", line: 0, label });
  else run.changes.push({ action: "unchanged", entity: "period", line: 0, label: period.label });
  await run.items(document.items, { objectiveId: null, keyResultId: null, path: [] });
  await run.retrospectives(document.retrospectives);
  return { document, problems: [...document.problems, ...run.problems], changes: run.changes };
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
  const document = readImportDocument(
    text,
    options.format,
    calendarForPages(settings, options),
    options.section,
  );
  assertHasOkrs(document);
  return withTransaction(deps.db, async (trx) => {
    const inTrx: AppDeps = { ...deps, db: trx };
    const found = await findTargetPeriod(trx, document, options);
    let period = found.period;
    const periodCreated = period === undefined;
    if (period === undefined) {
      period = await createPeriod(inTrx, actor, newPeriodInput(document, found.label, options));
    }
    assertPeriodOpen(period);
    const run = new ImportRun(inTrx, trx, actor, period.id, false);
    await run.items(document.items, { objectiveId: null, keyResultId: null, path: [] });
    await run.retrospectives(document.retrospectives);
    await recordPageSource(trx, period.id, text, document, nowIso(deps), options.section?.start);
    return {
      periodId: period.id,
      ...run.counts,
      periodCreated,
      problems: [...document.problems, ...run.problems],
    };
  });
}
