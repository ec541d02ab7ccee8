/** Check-ins: append-only history; the newest one is the key result's current state. */
import { OkrError } from "../core/errors.js";
import { progressOf, statusAfterCheckIn } from "../core/progress.js";
import type { CheckIn, Id, KeyResult } from "../core/types.js";
import { validateCheckIn } from "../core/validate.js";
import * as store from "../store/check-ins.repository.js";
import { type Db, withTransaction } from "../store/db.js";
import { findKeyResultToCheckIn } from "../store/key-results.repository.js";
import type { WriteCounters } from "../store/write-counters.repository.js";
import { shownCarried } from "./carried-links.js";
import { assertPeriodOpen, auditEventOf, membershipOf, nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { notifyOfCheckIn, planCheckInNotice, recipientsOf } from "./follows.js";
import { parseInput } from "./input.js";
import { expectKeyResult, getVisibleItem } from "./items.js";
import { keepPeriodModel, keyResultAsKept, noteKeyResultAsItIs } from "./kept-key-results.js";
import { historyFromModel } from "./key-result-history.js";
import { countCheckIn } from "./metrics.js";
import { keptNotifyTargets, notifyTargets } from "./notify-targets.js";
import {
  assertCanWriteItem,
  assertMayChangeConfidential,
  canEdit,
  isInsider,
} from "./permissions.js";
import { type CheckInInput, CheckInInputSchema, IdSchema } from "./schemas.js";
import {
  presentCheckIn,
  presentKeyResult,
  type VisibleCheckIn,
  type VisibleKeyResult,
} from "./visibility.js";
import { emitWebhookEvents } from "./webhook-outbox.js";

export interface CheckInResult {
  checkIn: VisibleCheckIn;
  keyResult: VisibleKeyResult;
}

/**
 * The progress a check-in records: as entered, else computed from the value through the key
 * result's kind (a percentage value of 94 is 0.94), else the key result's progress so far.
 */
export function progressOfCheckIn(
  kr: KeyResult,
  value: number | null | undefined,
  progress: number | null | undefined,
): number | null {
  if (progress !== undefined && progress !== null) return progress;
  // A value the key result cannot measure (no start or target yet) keeps the progress so far.
  if (value !== undefined && value !== null) return progressOf(kr, value) ?? kr.progress;
  return kr.progress;
}

/**
 * Records a check-in on a key result: appends it to the history and, where it is the newest
 * check-in (by time, then id), makes it the key result's current state (value, progress,
 * health, confidence, time, status) with one version step. A check-in never checks a version:
 * simultaneous check-ins all land, whatever order they commit in. Editors, and the key result's
 * owners even as viewers, may check in.
 */
export async function checkIn(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
  input: unknown,
): Promise<CheckInResult> {
  const data = parseInput(CheckInInputSchema, input);
  validateCheckIn(data);
  const id = parseInput(IdSchema, keyResultId);
  const result =
    (await checkInFromKept(deps, actor, id, data)) ??
    (await checkInAtOnce(deps, actor, id, data)) ??
    (await withTransaction(deps.db, async (trx) => {
      // Locked until the end: the state below is computed from the key result as it is now.
      const read = await loadKeyResultToCheckIn(trx, actor, id);
      const { keyResult: before, counters } = read;
      const write = planCheckIn(deps, actor, before, data);
      // Followers and webhooks as kept by this process while their write counters stand still.
      const targets = await notifyTargets(deps.db, trx, counters);
      // Told before the write: the write steps the period's version, whose row every other
      // check-in on the period waits for until this transaction ends. What they are told (who
      // checked in, the check-in itself) does not depend on whether it becomes the state.
      // Whether it sits under a confidential objective, where the read walked up already.
      const hidden = read.confidentialAbove;
      await notifyOfCheckIn(deps, trx, actor, before, write.checkIn, targets, hidden);
      // One write: the check-in, the key result's state where it is the newest, the audit event.
      const { applied } = await store.recordCheckIn(trx, write);
      // Not the newest (a later one is recorded already): the history keeps it, nothing else moves.
      const after = applied ? write.latest : before;
      await emitWebhookEvents(
        trx,
        deps,
        { ...write.audit, after },
        write.checkIn,
        targets.webhooks,
      );
      return answerOf(actor, after, write.checkIn);
    }));
  afterCheckIn(deps, result.settled);
  countCheckIn(actor);
  // Its carry-over links, where they name another period's item: read only then (decisions/0066).
  return {
    checkIn: result.checkIn,
    keyResult: await shownCarried(deps.db, actor, result.keyResult),
  };
}

/**
 * Keeps what a check-in read or wrote (committed), and the period's model, for the next
 * check-in to be planned without a read (decisions/0041, 0047).
 */
function afterCheckIn(deps: AppDeps, settled: KeyResult): void {
  if (!store.checksInFromKept(deps.db)) return;
  noteKeyResultAsItIs(deps.db, settled);
  keepPeriodModel(deps, settled.periodId);
}

/**
 * A check-in planned from what this process keeps, without reading the key result
 * (decisions/0041, 0047), written only where the database still has what it was planned from:
 * on PostgreSQL one statement (one round trip), on SQLite the locked read spared. Only for editors,
 * whose right to check in needs no read, and where nobody is to be told. Undefined, having
 * written nothing, where nothing is kept, the kept data no longer holds, or a rule refuses the
 * check-in: then the read decides, and says why from what the database holds.
 */
async function checkInFromKept(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  data: CheckInInput,
): Promise<Settled | undefined> {
  if (!store.checksInFromKept(deps.db) || !canEdit(actor)) return undefined;
  const before = keyResultAsKept(deps.db, id);
  const kept = keptNotifyTargets(deps.db);
  if (!before || !kept || kept.targets.webhooks.length > 0) return undefined;
  const told = await recipientsOf(deps.db, actor, before, new Set(), kept.targets);
  if (told.length > 0) return undefined;
  let write: ReturnType<typeof planCheckIn>;
  try {
    write = planCheckIn(deps, actor, before, data);
  } catch {
    return undefined;
  }
  const done = await store.recordCheckInIfKept(deps.db, write, {
    version: before.version,
    linkIds: before.links.map((link) => link.id),
    counters: kept.counters,
    insider: isInsider(actor),
  });
  if (!done) return undefined;
  const after = done.applied ? write.latest : before;
  return answerOf(actor, after, write.checkIn);
}

/**
 * A check-in written in one statement where the store can (PostgreSQL): the key result read
 * without a lock, the check-in written, with the notifications of those it tells, only if the
 * key result has not moved since. Undefined where it cannot be done so (a webhook, a mail or
 * chat copy to queue, the key result moved meanwhile): then it is done in a transaction that
 * locks the key result, with the same rules and the same outcome. Who is told is read as the
 * transaction reads it, before the write and without a lock (decisions/0042).
 */
async function checkInAtOnce(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  data: CheckInInput,
): Promise<Settled | undefined> {
  if (!store.checksInInOneStatement(deps.db)) return undefined;
  const read = await loadKeyResultToCheckIn(deps.db, actor, id, { lock: false });
  const { keyResult: before, counters } = read;
  const write = planCheckIn(deps, actor, before, data);
  const targets = await notifyTargets(deps.db, deps.db, counters);
  if (targets.webhooks.length > 0) return undefined;
  const hidden = read.confidentialAbove;
  const notice = await planCheckInNotice(
    deps,
    deps.db,
    actor,
    before,
    write.checkIn,
    targets,
    hidden,
  );
  if (notice && notice.deliveries.rows.length > 0) return undefined;
  const told = notice?.notifications ?? [];
  const done = await store.recordCheckInIfUnchanged(deps.db, write, before.version, told);
  if (!done) return undefined;
  const after = done.applied ? write.latest : before;
  return answerOf(actor, after, write.checkIn);
}

/** What a check-in writes, computed from the key result as read: the rules of its state. */
function planCheckIn(
  deps: AppDeps,
  actor: Actor,
  before: KeyResult,
  data: CheckInInput,
): store.NewCheckIn & { latest: KeyResult } {
  // A value beside the progress the reader sees would give the hidden start and target.
  assertMayChangeConfidential(actor, {
    hiddenNumbers: before.targetConfidential && data.value !== undefined && data.value !== null,
  });
  const at = nowIso(deps);
  const value = data.value ?? null;
  const progress = progressOfCheckIn(before, data.value, data.progress);
  const record: CheckIn = {
    id: deps.newId(),
    keyResultId: before.id,
    value,
    progress,
    health: data.health ?? null,
    confidence: data.confidence ?? null,
    note: data.note ?? "",
    authorId: actor.userId,
    authorName: actor.name,
    createdAt: at,
  };
  const state = {
    checkInId: record.id,
    at,
    current: value ?? before.current,
    progress,
    health: record.health ?? before.health,
    confidence: record.confidence ?? before.confidence,
    status: statusAfterCheckIn(before, progress),
  };
  const latest: KeyResult = {
    ...before,
    current: state.current,
    progress: state.progress,
    health: state.health,
    confidence: state.confidence,
    status: state.status,
    lastCheckInAt: at,
    updatedAt: at,
    version: before.version + 1,
  };
  const audit = auditEventOf(deps, actor, {
    action: "check_in",
    entity: "key_result",
    entityId: before.id,
    before,
    after: latest,
    at,
  });
  return { checkIn: record, state, audit, latest };
}

/** The answer, and the key result it shows as the database holds it once committed. */
interface Settled extends CheckInResult {
  settled: KeyResult;
}

function answerOf(actor: Actor, keyResult: KeyResult, checkIn: CheckIn): Settled {
  return {
    checkIn: presentCheckIn(actor, keyResult, checkIn),
    keyResult: presentKeyResult(actor, keyResult),
    settled: keyResult,
  };
}

/**
 * The key result to check in on, in as few reads as the rules allow: it must exist and be
 * visible to the actor (`not_found` otherwise), the actor an editor or an owner of it or of its
 * objective (`forbidden`), and its period open (`period_closed`). With it, the write counters
 * (what the check-in tells its followers and webhooks by).
 */
export async function loadKeyResultToCheckIn(
  db: Db,
  actor: Actor,
  id: Id,
  options: { lock?: boolean } = {},
): Promise<{ keyResult: KeyResult; counters: WriteCounters; confidentialAbove?: boolean }> {
  const insider = isInsider(actor);
  const editor = canEdit(actor);
  // One statement: the locked key result, and what the rules below ask of this actor.
  const found = await findKeyResultToCheckIn(db, id, {
    confidentialAbove: !insider,
    personId: editor ? null : actor.personId,
    lock: options.lock,
  });
  if (!found) throw new OkrError("not_found", `Key result ${id} not found`);
  const { keyResult, objective, period } = found;
  if (!insider && objective && found.confidentialAbove) {
    throw new OkrError("not_found", `Key result ${id} not found`);
  }
  if (!period) throw new OkrError("not_found", `Period ${keyResult.periodId} not found`);
  if (!editor) {
    const membership = membershipOf(actor, found.person);
    assertCanWriteItem(actor, [keyResult.owner, objective?.owner ?? null], membership, "check in");
  }
  assertPeriodOpen(period);
  // Walked up only for readers who are not insiders.
  const confidentialAbove = insider
    ? undefined
    : objective !== undefined && found.confidentialAbove;
  return { keyResult, counters: found.counters, confidentialAbove };
}

/** A key result's check-ins, oldest first, as the actor may see them. */
export async function listCheckIns(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
): Promise<VisibleCheckIn[]> {
  const id = parseInput(IdSchema, keyResultId);
  // From the period's model when it can tell (one query); else from the tables.
  return (await historyFromModel(deps, actor, id)) ?? listCheckInsFromTables(deps, actor, id);
}

/** A key result's history as `listCheckIns` answers it, read from the tables. */
export async function listCheckInsFromTables(
  deps: AppDeps,
  actor: Actor,
  keyResultId: Id,
): Promise<VisibleCheckIn[]> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, keyResultId));
  const kr = expectKeyResult(item);
  const history = await store.listCheckIns(deps.db, kr.id);
  return history.map((c) => presentCheckIn(actor, kr, c));
}
