/**
 * The upsert of a page's items: objectives and key results are matched by their path of
 * (kind, owner, title) — see `import-identity.ts` — and created, updated or left as they are.
 */
import type { DocumentItem, DocumentLink, OkrDocument, Problem } from "../core/document.js";
import { isOkrError } from "../core/errors.js";
import type { Id, KeyResult, Objective, Owner } from "../core/types.js";
import type { Db } from "../store/db.js";
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
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { changedFields, describeItem, sameLinks } from "./import-diff.js";
import { identityStep, linkKindOf, StepCounter, sourceKeyOf } from "./import-identity.js";
import type { OwnerMatch } from "./import-owners.js";
import { importRetrospectives } from "./import-retrospectives.js";
import type { ImportChange } from "./import-types.js";
import { assertMayChangeConfidential } from "./permissions.js";

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Walks the document and applies (or, in a dry run, only describes) every change. */
export class ImportRun {
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
    return this.updateFrom("objective", existing, wanted, item, label, at, (patch) =>
      updateObjective(this.db, existing.id, existing.version, patch),
    );
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
    return this.updateFrom("key_result", existing, wanted, item, label, at, (patch) =>
      updateKeyResult(this.db, existing.id, existing.version, patch),
    );
  }

  /**
   * Updates a stored item to what its page line says, links included, with the import's audit
   * event; in a dry run (or a period still to be made) only records what would change.
   */
  private async updateFrom<T extends Objective | KeyResult, W extends object>(
    entity: "objective" | "key_result",
    existing: T,
    wanted: W,
    item: DocumentItem,
    label: string,
    at: string,
    write: (patch: W & { sourceLine: number; updatedAt: string }) => Promise<T>,
  ): Promise<Id> {
    const fields = changedFields(existing, wanted as Partial<T>);
    const linksChanged = !sameLinks(existing.links, item.links);
    if (linksChanged) fields.push("links");
    if (fields.length === 0) {
      this.record({ action: "unchanged", entity, line: item.line, label });
      return existing.id;
    }
    this.record({ action: "update", entity, line: item.line, label, fields });
    if (this.dryRun || this.periodId === null) return existing.id;
    const updated = await write({ ...wanted, sourceLine: item.line, updatedAt: at });
    if (linksChanged) {
      const target =
        entity === "objective" ? { objectiveId: existing.id } : { keyResultId: existing.id };
      await replaceLinks(this.db, target, this.linksOf(this.periodId, item.links));
    }
    await recordAudit(this.db, this.deps, this.actor, {
      action: "import",
      entity,
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
    const record = (change: ImportChange): void => this.record(change);
    const { deps, db, periodId, dryRun } = this;
    await importRetrospectives({ deps, db, periodId, dryRun, record }, wanted);
  }
}
