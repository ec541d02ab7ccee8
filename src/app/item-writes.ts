/**
 * Where the item use cases' new rows and audit events go. Every path runs the same use case
 * (`addObjective`, `reviseKeyResult`, …) with every rule checked per item, and hands it where
 * its writes go: the API's straight to the store ({@link WRITE_NOW}); an import's into
 * {@link PageWrites}, which holds a page's new objectives, key results and audit events and
 * writes each kind in as few multi-row statements as the store allows when the page is done,
 * in the page's transaction. A versioned update is never held: it checks the version now.
 */
import type { AuditEvent, KeyResult, Objective } from "../core/types.js";
import type { Db } from "../store/db.js";
import * as keyResults from "../store/key-results.repository.js";
import * as objectives from "../store/objectives.repository.js";
import { type AuditInput, auditEventOf, recordAudit, recordAuditEvents } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";

/** Where a use case's new items and audit events are written. */
export interface ItemWrites {
  /** Writes a new objective (and its links); answers it as stored. */
  insertObjective(db: Db, item: objectives.NewObjective): Promise<Objective>;
  /** Writes a new key result (and its links); answers it as stored. */
  insertKeyResult(db: Db, item: keyResults.NewKeyResult): Promise<KeyResult>;
  /** Records the audit event of a change `actor` makes now, with the webhook deliveries it causes. */
  audit(db: Db, deps: AppDeps, actor: Actor, input: AuditInput): Promise<void>;
}

/** Every write at once, in the caller's transaction: the API's single writes. */
export const WRITE_NOW: ItemWrites = {
  insertObjective: objectives.insertObjective,
  insertKeyResult: keyResults.insertKeyResult,
  async audit(db, deps, actor, input) {
    await recordAudit(db, deps, actor, input);
  },
};

/**
 * A page's new items and audit events, held until {@link PageWrites.flush}. What hangs under a
 * held item only needs its id, so nothing reads a held row before the flush: an import matches
 * stored items only under stored parents.
 */
export class PageWrites implements ItemWrites {
  private objectives: objectives.NewObjectiveRow[] = [];
  private keyResults: keyResults.NewKeyResultRow[] = [];
  private events: AuditEvent[] = [];

  async insertObjective(_db: Db, item: objectives.NewObjective): Promise<Objective> {
    const row = objectives.newObjectiveRow(item);
    this.objectives.push(row);
    return objectives.storedObjectiveOf(row);
  }

  async insertKeyResult(_db: Db, item: keyResults.NewKeyResult): Promise<KeyResult> {
    const row = keyResults.newKeyResultRow(item);
    this.keyResults.push(row);
    return keyResults.storedKeyResultOf(row);
  }

  async audit(_db: Db, deps: AppDeps, actor: Actor, input: AuditInput): Promise<void> {
    this.events.push(auditEventOf(deps, actor, input));
  }

  /**
   * Writes what is held, in `db` (the transaction the items were checked in): objectives
   * (in the order made, a parent before what hangs under it), key results (each objective is
   * written by then), their links, the audit events and the webhook deliveries they cause.
   */
  async flush(db: Db, deps: AppDeps): Promise<void> {
    const { objectives: madeObjectives, keyResults: madeKeyResults, events } = this;
    this.objectives = [];
    this.keyResults = [];
    this.events = [];
    await objectives.insertObjectives(db, madeObjectives);
    await keyResults.insertKeyResults(db, madeKeyResults);
    await recordAuditEvents(db, deps, events);
  }
}
