/**
 * The upsert of a page's items: objectives and key results are matched by their path of
 * (kind, owner, title) — see `import-identity.ts` — and created, updated or left as they are.
 * Every write goes through the use cases the API uses (`addObjective`, `reviseObjective`,
 * `addKeyResult`, `reviseKeyResult`), in the import's transaction, audited as "import"; the
 * page's new items and audit events are held and written together when the page is done
 * (`item-writes.ts`), and the stored items its lines may match are read once per page.
 */
import type { DocumentItem, DocumentLink, OkrDocument, Problem } from "../core/document.js";
import { isOkrError, OkrError } from "../core/errors.js";
import type { PageSourceItem } from "../core/page-source.js";
import { formatProgress } from "../core/progress.js";
import type { Id, KeyResult, Objective, OkrItem, Owner, Period } from "../core/types.js";
import { listCheckIns } from "../store/check-ins.repository.js";
import type { Db } from "../store/db.js";
import { listKeyResultsBySourceKey } from "../store/key-results.repository.js";
import type { NewLink } from "../store/links.repository.js";
import { listObjectivesBySourceKey } from "../store/objectives.repository.js";
import { findPageSource } from "../store/page-sources.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import { changedFields, describeItem, sameLinks } from "./import-diff.js";
import { identityStep, linkKindOf, StepCounter, sourceKeyOf } from "./import-identity.js";
import { measuredFieldsOf } from "./import-measure.js";
import type { OwnerMatch } from "./import-owners.js";
import { importRetrospectives } from "./import-retrospectives.js";
import {
  checkInTakenBack,
  figureText,
  type LineReading,
  type OutcomeConflict,
  sincePage,
} from "./import-since-page.js";
import type { ImportChange } from "./import-types.js";
import { PageWrites } from "./item-writes.js";
import { addKeyResult, type KeyResultChange, reviseKeyResult } from "./key-results.js";
import { addObjective, type ObjectiveChange, reviseObjective } from "./objectives.js";
import { type ImportedLine, lineFieldsOf } from "./page-source.js";
import { assertMayChangeConfidential } from "./permissions.js";

/** A key result whose line measured no value: progress as written. */
const AS_WRITTEN = {
  kind: "percentage",
  unit: null,
  start: null,
  target: null,
  direction: null,
  current: null,
} as const;

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The stored items a page's lines may match, by source key: those the actor may see. */
interface StoredLines {
  objectives: ReadonlyMap<string, Objective>;
  keyResults: ReadonlyMap<string, KeyResult>;
}

/** Where the walk is: the items above (nearest first; empty when new in a dry run) and the path. */
interface Parent {
  objectiveId: Id | null;
  keyResultId: Id | null;
  path: string[];
  chain: OkrItem[];
}

/** The audit's name for what an import does. */
const ACTION = "import";

/** The fields of a key result that say where it stands: what a page line's figure changes. */
const FIGURE_FIELDS = ["outcome", "progress", "status", "current"] as const;

/** Walks the document and applies (or, in a dry run, only describes) every change. */
export class ImportRun {
  readonly changes: ImportChange[] = [];
  readonly problems: Problem[] = [];
  readonly counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  /** Lines that take back check-ins they do not know (decisions/0065). */
  readonly conflicts: OutcomeConflict[] = [];
  private readonly steps = new StepCounter();
  private readonly owners: Map<string, Owner>;
  /** The page's owner names the import was told how to read. */
  private readonly mapped: Set<string>;
  private readonly periodId: Id | null;
  /** The page's new items and audit events, written when the page is done; none in a dry run. */
  private readonly writes: PageWrites | undefined;
  /** The period's stored items by source key, read at the first line that may match one. */
  private stored: Promise<StoredLines> | undefined;
  /** Each line matched or made, with its item as stored after it, in page order. */
  readonly imported: ImportedLine[] = [];
  /** Per item, the fields its line left as the app has them, as the page says them. */
  private readonly kept = new Map<Id, Partial<LineReading>>();

  constructor(
    private readonly deps: AppDeps,
    private readonly db: Db,
    private readonly actor: Actor,
    /** Null in a dry run whose period does not exist yet: everything is new. */
    private readonly period: Period | null,
    private readonly dryRun: boolean,
    owners: readonly OwnerMatch[],
    /**
     * Items the actor may not see (see {@link hiddenFrom}): to the import they do not exist,
     * so a page can neither match, change nor reveal them.
     */
    private readonly hidden: ReadonlySet<Id> = new Set(),
    /** The document is a page (not JSON): what the period recorded of its page counts. */
    private readonly fromPage = false,
    /** A line that takes back check-ins it does not know is applied all the same. */
    private readonly force = false,
  ) {
    this.owners = new Map(owners.map((o) => [o.name, o.owner]));
    this.mapped = new Set(owners.filter((o) => o.mapped).map((o) => o.name));
    this.periodId = period?.id ?? null;
    this.writes = dryRun ? undefined : new PageWrites();
  }

  /** The stored items lines may match (those the actor may see); none in a new period. */
  private async storedLines(): Promise<StoredLines | undefined> {
    if (this.periodId === null) return undefined;
    const { db, periodId, hidden } = this;
    this.stored ??= (async () => ({
      objectives: await listObjectivesBySourceKey(db, periodId, hidden),
      keyResults: await listKeyResultsBySourceKey(db, periodId, hidden),
    }))();
    return this.stored;
  }

  /** The period's page as last recorded, each item as it read then (pages only). */
  private recorded: Promise<ReadonlyMap<Id, PageSourceItem>> | undefined;

  /** What the page said of `id` when the period last recorded it; none for a JSON document. */
  private async lastReading(id: Id): Promise<PageSourceItem | undefined> {
    if (!this.fromPage || this.periodId === null) return undefined;
    const { db, periodId } = this;
    this.recorded ??= findPageSource(db, periodId).then(
      (source) => new Map((source?.items ?? []).map((item) => [item.id, item])),
    );
    return (await this.recorded).get(id);
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

  /** The period this run writes to: none in a dry run, nor for a period still to be made. */
  private writingTo(): Period | null {
    return this.dryRun ? null : this.period;
  }

  private ownerOf(name: string | null): Owner | null {
    if (name === null || name.trim() === "") return null;
    return this.owners.get(name.trim()) ?? { kind: "role", id: null, name: name.trim() };
  }

  private linksOf(periodId: Id, links: readonly DocumentLink[]): NewLink[] {
    return links.map((link, position) => ({
      id: this.deps.newId(),
      kind: linkKindOf(link),
      text: link.text,
      url: link.url,
      periodId,
      position,
    }));
  }

  /** Runs a use case for the page line at `line`: a refusal names the line. */
  private async atLine<T>(line: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isOkrError(error) || error.message.startsWith("Line ")) throw error;
      throw new OkrError(error.code, `Line ${line}: ${error.message}`, error.details);
    }
  }

  /** Every line of a page, then what the page made and audited, written together. */
  async items(items: readonly DocumentItem[]): Promise<void> {
    await this.walk(items, { objectiveId: null, keyResultId: null, path: [], chain: [] });
    await this.writes?.flush(this.db, this.deps);
  }

  private async walk(items: readonly DocumentItem[], parent: Parent): Promise<void> {
    for (const [position, item] of items.entries()) {
      const parentKey = parent.path.join("\u0001");
      const step = this.steps.next(parentKey, identityStep(item));
      const path = [...parent.path, step];
      const sourceKey = sourceKeyOf(path);
      if (item.kind === "objective") {
        const written = await this.objective(item, position, parent, sourceKey);
        if (written) this.imported.push(this.lineOf(item.line, written));
        const chain = written ? [written, ...parent.chain] : [];
        const objectiveId = written?.id ?? "(new)";
        await this.walk(item.children, { objectiveId, keyResultId: null, path, chain });
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
        const written = await this.keyResult(item, position, { ...parent, objectiveId }, sourceKey);
        if (written) this.imported.push(this.lineOf(item.line, written));
        const chain = written ? [written, ...parent.chain] : [];
        const keyResultId = written?.id ?? "(new)";
        await this.walk(item.children, { objectiveId, keyResultId, path, chain });
      }
    }
  }

  /** A line matched or made, with what the page says of the fields it left as they were. */
  private lineOf(line: number, item: Objective | KeyResult): ImportedLine {
    const kept = this.kept.get(item.id);
    return kept === undefined ? { line, item } : { line, item, kept };
  }

  /** The objective of a page line, created or updated; undefined when new in a dry run. */
  private async objective(
    item: DocumentItem,
    position: number,
    parent: Parent,
    sourceKey: string,
  ): Promise<Objective | undefined> {
    const label = describeItem(item);
    const owner = this.ownerOf(item.owner);
    const parentObjectiveId = parent.keyResultId === null ? parent.objectiveId : null;
    const parentKeyResultId = parent.keyResultId;
    const existing = this.isNew(parent.keyResultId ?? parent.objectiveId)
      ? undefined
      : (await this.storedLines())?.objectives.get(sourceKey);
    const [above, ...ancestors] = parent.chain;
    const known = above === undefined ? null : { item: above, ancestors };
    if (existing === undefined) {
      this.record({ action: "create", entity: "objective", line: item.line, label });
      const period = this.writingTo();
      if (period === null) return undefined;
      const draft = {
        periodId: period.id,
        title: item.title,
        owner,
        weight: 1,
        status: item.status,
        outcome: item.outcome,
        position,
        parentObjectiveId,
        parentKeyResultId,
        confidential: false,
        sourceKey,
        sourceLine: item.line,
        links: this.linksOf(period.id, item.links),
      };
      const created = await this.atLine(item.line, () =>
        addObjective(this.db, this.deps, this.actor, draft, {
          action: ACTION,
          known: { period, parent: known },
          writes: this.writes,
        }),
      );
      this.created.add(created.id);
      return created;
    }
    const now: LineReading = {
      ...lineFieldsOf({ ...existing, title: item.title, owner, outcome: item.outcome }),
      status: item.status,
      parentId: parentKeyResultId ?? parentObjectiveId,
    };
    const { wanted, kept } = sincePage<ObjectiveChange>(
      {
        title: item.title,
        owner,
        status: item.status,
        outcome: item.outcome,
        position,
        parentObjectiveId,
        parentKeyResultId,
        archived: false,
      },
      now,
      await this.lastReading(existing.id),
      existing.parentKeyResultId ?? existing.parentObjectiveId,
      this.mapped.has(item.owner?.trim() ?? ""),
    );
    if (kept) this.kept.set(existing.id, kept);
    return this.updateFrom("objective", existing, wanted, item, label, (revision) =>
      reviseObjective(this.db, this.deps, this.actor, revision.target, {
        ...revision,
        parent: known,
      }),
    );
  }

  /** The key result of a page line, created or updated; undefined when new in a dry run. */
  private async keyResult(
    item: DocumentItem,
    position: number,
    parent: Parent & { objectiveId: Id },
    sourceKey: string,
  ): Promise<KeyResult | undefined> {
    const label = describeItem(item);
    const owner = this.ownerOf(item.owner);
    const confidential = item.confidential === true;
    const { objectiveId } = parent;
    const existing = this.isNew(objectiveId)
      ? undefined
      : (await this.storedLines())?.keyResults.get(sourceKey);
    const at = parent.chain.findIndex((above) => above.id === objectiveId);
    const objective =
      at < 0
        ? undefined
        : { item: parent.chain[at] as Objective, ancestors: parent.chain.slice(at + 1) };
    if (existing === undefined) {
      if (!this.mayChangeConfidentiality(confidential, item.line)) return undefined;
      this.record({ action: "create", entity: "key_result", line: item.line, label });
      const period = this.writingTo();
      if (period === null) return undefined;
      const draft = {
        objectiveId,
        title: item.title,
        owner,
        weight: 1,
        status: item.status,
        outcome: item.outcome,
        position,
        // A handbook line gives a result: progress as written, unless it measured a value.
        ...(measuredFieldsOf(item) ?? AS_WRITTEN),
        targetConfidential: confidential,
        progress: item.progress,
        sourceKey,
        sourceLine: item.line,
        links: this.linksOf(period.id, item.links),
      };
      const created = await this.atLine(item.line, () =>
        addKeyResult(this.db, this.deps, this.actor, draft, {
          action: ACTION,
          known: objective && { period, objective },
          writes: this.writes,
        }),
      );
      this.created.add(created.id);
      return created;
    }
    if (
      confidential !== existing.targetConfidential &&
      !this.mayChangeConfidentiality(true, item.line)
    ) {
      return existing;
    }
    const now: LineReading = {
      title: item.title,
      owner: owner?.name ?? null,
      outcome: item.outcome,
      progress: item.progress,
      status: item.status,
      parentId: objectiveId,
      ...(item.value === undefined ? {} : { value: item.value }),
    };
    const before = await this.lastReading(existing.id);
    const { wanted, kept } = sincePage<KeyResultChange>(
      {
        title: item.title,
        owner,
        status: item.status,
        outcome: item.outcome,
        // Where the line measures nothing, a kind given since (in the app) stays.
        ...measuredFieldsOf(item),
        progress: item.progress,
        targetConfidential: confidential,
        position,
        objectiveId,
        archived: false,
      },
      now,
      before,
      existing.objectiveId,
      this.mapped.has(item.owner?.trim() ?? ""),
    );
    if (kept) this.kept.set(existing.id, kept);
    if (await this.takesBackCheckIns(existing, item, label, before, wanted)) {
      // Refused unless forced: the key result keeps where it stands in the app.
      for (const field of FIGURE_FIELDS) delete wanted[field];
    }
    return this.updateFrom("key_result", existing, wanted, item, label, (revision) =>
      reviseKeyResult(this.db, this.deps, this.actor, revision.target, {
        ...revision,
        objective,
      }),
    );
  }

  /**
   * Whether the line, changing where `existing` stands, takes back check-ins it does not know
   * (`checkInTakenBack`): noted as a conflict, and true unless the import is forced. Only a
   * line the period recorded is compared, and only where the key result has check-ins.
   */
  private async takesBackCheckIns(
    existing: KeyResult,
    item: DocumentItem,
    label: string,
    before: PageSourceItem | undefined,
    wanted: KeyResultChange,
  ): Promise<boolean> {
    if (before === undefined || existing.lastCheckInAt === null) return false;
    if (!FIGURE_FIELDS.some((field) => field in wanted)) return false;
    const page = {
      outcome: item.outcome,
      progress: item.progress,
      ...(item.value === undefined ? {} : { value: item.value }),
    };
    const checkIns = await listCheckIns(this.db, existing.id);
    const latest = checkInTakenBack(page, existing, checkIns, before.earlier ?? []);
    if (latest === undefined) return false;
    this.conflicts.push({
      line: item.line,
      item: label,
      app: figureText(existing),
      page: item.outcome ?? (item.progress ? formatProgress(item.progress) : null),
      checkedInAt: latest.createdAt,
    });
    return !this.force;
  }

  /**
   * Brings a stored item to what its page line says, links included, through the kind's
   * revision (the API's rules and an "import" audit event) with only the fields that differ;
   * in a dry run (or a period still to be made) only records what would change.
   */
  private async updateFrom<T extends Objective | KeyResult, W extends object>(
    entity: "objective" | "key_result",
    existing: T,
    wanted: W,
    item: DocumentItem,
    label: string,
    revise: (revision: {
      target: { item: T; period: Period };
      version: number;
      patch: W;
      links?: NewLink[];
      action: string;
      writes?: PageWrites;
    }) => Promise<T>,
  ): Promise<T> {
    const fields = changedFields(existing, wanted as Partial<T>);
    const linksChanged = !sameLinks(existing.links, item.links);
    if (fields.length === 0 && !linksChanged) {
      this.record({ action: "unchanged", entity, line: item.line, label });
      return existing;
    }
    this.record({
      action: "update",
      entity,
      line: item.line,
      label,
      fields: linksChanged ? [...fields, "links"] : fields,
    });
    const period = this.writingTo();
    if (period === null) return existing;
    const patch = Object.fromEntries(fields.map((field) => [field, wanted[field as keyof W]])) as W;
    return this.atLine(item.line, () =>
      revise({
        target: { item: existing, period },
        version: existing.version,
        patch: { ...patch, sourceLine: item.line },
        links: linksChanged ? this.linksOf(period.id, item.links) : undefined,
        action: ACTION,
        writes: this.writes,
      }),
    );
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
    const record = (change: ImportChange): void => this.record(change);
    const { deps, db, periodId, dryRun } = this;
    await importRetrospectives({ deps, db, periodId, dryRun, record }, wanted);
  }
}
