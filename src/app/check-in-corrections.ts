/**
 * Corrections to the check-in history: the author of a check-in may correct it (value,
 * progress, note, health, confidence) within 7 days of making it, and editors may delete one.
 * Either way the key result's current state is recomputed from the history in the order the
 * store keeps it (time, then id: the rule that decides which check-in is the newest), audited,
 * and, through the audit event, every cached answer of its period made stale.
 */
import { stateFromHistory } from "../core/check-in-history.js";
import { OkrError } from "../core/errors.js";
import { progressOf, statusAfterCheckIn } from "../core/progress.js";
import type { CheckIn, Id, KeyResult } from "../core/types.js";
import { validateCheckIn } from "../core/validate.js";
import {
  deleteCheckIn as deleteStoredCheckIn,
  findCheckIn,
  updateCheckIn,
  writeKeyResultState,
} from "../store/check-in-corrections.repository.js";
import { listCheckIns } from "../store/check-ins.repository.js";
import { type Db, withTransaction } from "../store/db.js";
import { type CheckInResult, loadKeyResultToCheckIn } from "./check-ins.js";
import { nowIso, recordAudit } from "./context.js";
import { CorrectCheckInInputSchema } from "./conversation-schemas.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { presentKeyResultFor } from "./items.js";
import { assertMayChangeConfidential, canEdit } from "./permissions.js";
import { IdSchema } from "./schemas.js";
import { presentCheckIn, type VisibleKeyResult } from "./visibility.js";

/** How long after making it the author may correct a check-in. */
export const CORRECTION_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** The check-in and its key result, locked, with the rules of checking in on it applied. */
async function loadCheckIn(
  db: Db,
  actor: Actor,
  id: Id,
): Promise<{ checkIn: CheckIn; keyResult: KeyResult }> {
  const found = await findCheckIn(db, parseInput(IdSchema, id));
  if (!found) throw new OkrError("not_found", `Check-in ${id} not found`);
  try {
    const { keyResult } = await loadKeyResultToCheckIn(db, actor, found.keyResultId);
    // Read again under the key result's lock: a correction that committed meanwhile counts.
    const checkIn = await findCheckIn(db, found.id);
    if (!checkIn) throw new OkrError("not_found", `Check-in ${id} not found`);
    return { checkIn, keyResult };
  } catch (error) {
    // A check-in on a hidden key result is as absent as the key result.
    if (error instanceof OkrError && error.code === "not_found")
      throw new OkrError("not_found", `Check-in ${id} not found`);
    throw error;
  }
}

/**
 * The state the history leaves, its progress scored against the key result's measure as it is
 * now where the latest check-in gave a value: a target moved since that check-in was made
 * rescored the key result then (`reviseKeyResult`), and must not be undone by it coming back.
 */
function scoredAsNow(
  kr: KeyResult,
  history: readonly CheckIn[],
  state: ReturnType<typeof stateFromHistory>,
): ReturnType<typeof stateFromHistory> {
  const latest = history.at(-1);
  if (kr.kind === "percentage" || latest === undefined || latest.value === null) return state;
  return { ...state, progress: progressOf(kr, latest.value) ?? state.progress };
}

/** Writes the key result's state as its history now says, and audits the correction. */
async function recompute(
  deps: AppDeps,
  db: Db,
  actor: Actor,
  before: KeyResult,
  change: { action: string; checkInBefore: CheckIn; checkInAfter: CheckIn | null },
): Promise<KeyResult> {
  const history = await listCheckIns(db, before.id);
  const state = scoredAsNow(before, history, stateFromHistory(history));
  const at = nowIso(deps);
  const after = await writeKeyResultState(
    db,
    before.id,
    {
      ...state,
      status: history.length > 0 ? statusAfterCheckIn(before, state.progress) : before.status,
    },
    at,
  );
  await recordAudit(db, deps, actor, {
    action: change.action,
    entity: "key_result",
    entityId: before.id,
    before: { ...before, checkIn: change.checkInBefore },
    after: { ...after, checkIn: change.checkInAfter },
  });
  return after;
}

/**
 * Corrects a check-in: only its author, within {@link CORRECTION_WINDOW_DAYS} days, while the
 * period is open. A new value without a progress recomputes the progress from it. A value on a
 * key result whose target is confidential is refused to non-insiders, as a check-in is.
 */
export async function correctCheckIn(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<CheckInResult> {
  const data = parseInput(CorrectCheckInInputSchema, input);
  validateCheckIn(data);
  return withTransaction(deps.db, async (trx) => {
    const { checkIn, keyResult } = await loadCheckIn(trx, actor, id);
    if (actor.userId === null || checkIn.authorId !== actor.userId)
      throw new OkrError("forbidden", "Only its author may correct a check-in.");
    const age = deps.now().getTime() - Date.parse(checkIn.createdAt);
    if (age > CORRECTION_WINDOW_DAYS * DAY_MS)
      throw new OkrError(
        "forbidden",
        `A check-in may be corrected within ${CORRECTION_WINDOW_DAYS} days of making it; this one was made at ${checkIn.createdAt}.`,
      );
    assertMayChangeConfidential(actor, {
      hiddenNumbers:
        keyResult.targetConfidential && data.value !== undefined && data.value !== null,
    });
    const value = data.value !== undefined ? data.value : checkIn.value;
    const progress =
      data.progress !== undefined
        ? data.progress
        : data.value !== undefined && data.value !== null
          ? (progressOf(keyResult, data.value) ?? checkIn.progress)
          : checkIn.progress;
    const corrected: CheckIn = {
      ...checkIn,
      value,
      progress,
      health: data.health !== undefined ? data.health : checkIn.health,
      confidence: data.confidence !== undefined ? data.confidence : checkIn.confidence,
      note: data.note ?? checkIn.note,
    };
    await updateCheckIn(trx, corrected);
    const after = await recompute(deps, trx, actor, keyResult, {
      action: "correct_check_in",
      checkInBefore: checkIn,
      checkInAfter: corrected,
    });
    return {
      checkIn: presentCheckIn(actor, after, corrected),
      keyResult: await presentKeyResultFor(trx, actor, after),
    };
  });
}

/** Deletes a check-in (editors and admins, while the period is open); answers the key result. */
export async function deleteCheckIn(
  deps: AppDeps,
  actor: Actor,
  id: Id,
): Promise<{ keyResult: VisibleKeyResult }> {
  return withTransaction(deps.db, async (trx) => {
    const { checkIn, keyResult } = await loadCheckIn(trx, actor, id);
    if (!canEdit(actor)) throw new OkrError("forbidden", "Only editors may delete a check-in.");
    await deleteStoredCheckIn(trx, checkIn.id);
    const after = await recompute(deps, trx, actor, keyResult, {
      action: "delete_check_in",
      checkInBefore: checkIn,
      checkInAfter: null,
    });
    return { keyResult: await presentKeyResultFor(trx, actor, after) };
  });
}
