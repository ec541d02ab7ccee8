/**
 * The key results a process knows without reading them, for a check-in that skips its read
 * (decisions/0041, 0047): the newest of what this process's own check-ins left and
 * what its kept period models hold. Possibly behind the database, so never trusted alone: the
 * check-in they plan is written only where the database still holds what they say
 * (`recordCheckInIfKept`).
 */
import { keepNewest } from "../core/collections.js";
import type { Id, KeyResult } from "../core/types.js";
import type { Db } from "../store/db.js";
import type { AppDeps } from "./deps.js";
import { keepsPeriodModel, keptKeyResult, periodModelAt } from "./period-model.js";
import { readVersionOfPeriod } from "./read-cache.js";

/** Key results as this process's check-ins left them, per database: the latest few thousand. */
const writtenByDb = new WeakMap<object, Map<Id, KeyResult>>();

const MAX_WRITTEN = 2_000;

/**
 * Notes `keyResult` as the database holds it now, at its version: call it only with a state
 * that committed (the key result a check-in read, or the state it wrote).
 */
export function noteKeyResultAsItIs(db: Db, keyResult: KeyResult): void {
  let written = writtenByDb.get(db);
  if (!written) {
    written = new Map();
    writtenByDb.set(db, written);
  }
  const known = written.get(keyResult.id);
  if (known && known.version > keyResult.version) return;
  keepNewest(written, keyResult.id, keyResult, MAX_WRITTEN);
}

/** The newest this process knows of key result `id` without reading, or undefined. */
export function keyResultAsKept(db: Db, id: Id): KeyResult | undefined {
  const written = writtenByDb.get(db)?.get(id);
  const modelled = keptKeyResult(db, id);
  if (!written || !modelled) return written ?? modelled;
  return modelled.version >= written.version ? modelled : written;
}

/**
 * Starts reading the period's model in the background where this process keeps none, so that
 * later check-ins on its key results can be planned from it; a failed read is left for the
 * next check-in to try again.
 */
export function keepPeriodModel(deps: Pick<AppDeps, "db">, periodId: Id): void {
  if (keepsPeriodModel(deps.db, periodId)) return;
  readVersionOfPeriod(deps, periodId)
    .then((version) => periodModelAt(deps, periodId, version))
    .catch(() => undefined);
}
