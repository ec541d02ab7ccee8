/** Retrospectives: GOOD / BAD / TRY per team, per period. Everyone reads; editors write. */
import { OkrError } from "../core/errors.js";
import { nameKey } from "../core/name-key.js";
import type { Id, Retrospective } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import { getPeriod } from "../store/periods.repository.js";
import * as store from "../store/retrospectives.repository.js";
import { assertPeriodOpen, nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertEditor } from "./permissions.js";
import { IdSchema, PutRetrospectivesInputSchema } from "./schemas.js";

/** A period's retrospectives, in the order they were written. */
export async function getRetrospectives(
  deps: AppDeps,
  _actor: Actor,
  periodId: Id,
): Promise<Retrospective[]> {
  const id = parseInput(IdSchema, periodId);
  await getPeriod(deps.db, id);
  return store.listRetrospectives(deps.db, id);
}

/**
 * Replaces a period's retrospectives, written as the quarter ends and before it is closed:
 * a closed period's are final (`period_closed`; an admin may reopen it). One entry per team.
 */
export async function putRetrospectives(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  input: unknown,
): Promise<Retrospective[]> {
  const id = parseInput(IdSchema, periodId);
  const { retrospectives } = parseInput(PutRetrospectivesInputSchema, input);
  assertEditor(actor, "write retrospectives");
  const seen = new Set<string>();
  for (const [index, retro] of retrospectives.entries()) {
    const key = nameKey(retro.team);
    if (seen.has(key)) {
      throw new OkrError(
        "invalid_input",
        `Team "${retro.team}" has two retrospectives; give one per team.`,
        [{ path: `retrospectives.${index}.team`, message: "appears twice" }],
      );
    }
    seen.add(key);
  }
  return withTransaction(deps.db, async (trx) => {
    assertPeriodOpen(await getPeriod(trx, id));
    const before = await store.listRetrospectives(trx, id);
    const after = await store.replaceRetrospectives(
      trx,
      id,
      retrospectives.map((r) => ({ id: deps.newId(), periodId: id, ...r })),
      nowIso(deps),
    );
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "retrospectives",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
