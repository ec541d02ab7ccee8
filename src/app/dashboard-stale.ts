/**
 * The dashboard's stale list kept between writes. Which key results are stale depends on the
 * clock as well as the data: one is stale once its last check-in is older than `before` (now
 * less the stale days). Between two writes to the period the data stands still, so a page read
 * at `before₀` is still the page at a later `before` until `before` passes the next last
 * check-in at or after `before₀` of any key result in the period; that instant comes from the
 * period's model. Until then a read costs no query; the days since each check-in are counted
 * per request by the caller.
 */
import { periodBeginning } from "../core/settings.js";
import type { IsoDateTime } from "../core/types.js";
import {
  type DashboardScope,
  type KeyResultListRow,
  type ListPage,
  listStaleKeyResults,
} from "../store/dashboard.repository.js";
import type { AppDeps } from "./deps.js";
import type { PeriodModel } from "./period-model.js";
import { answerCacheOf } from "./read-cache.js";

interface KeptStale {
  /** The `before` the page was read at. */
  before: IsoDateTime;
  /** The page holds for every `before` up to and including this (no last check-in in between). */
  holdsThrough: IsoDateTime | null;
  found: { rows: KeyResultListRow[]; total: number };
}

/**
 * The earliest last check-in at or after `before` among the model's key results (every one,
 * hidden or not: a bound that is too early only costs a query), or the period's beginning,
 * from which a key result never checked in counts as silent; null when there is none.
 */
function nextStaleAt(model: PeriodModel, before: IsoDateTime): IsoDateTime | null {
  const begun = periodBeginning(model.period.start);
  let next: IsoDateTime | null = begun >= before ? begun : null;
  for (const kr of model.keyResults) {
    const at = kr.lastCheckInAt;
    if (at !== null && at >= before && (next === null || at < next)) next = at;
  }
  return next;
}

/**
 * The stale page `listStaleKeyResults` reads at `before`, kept per read version, visibility
 * class, stale days and page while no key result crosses the threshold.
 */
export async function staleKeyResultsAt(
  deps: AppDeps,
  scope: DashboardScope,
  version: string,
  model: PeriodModel,
  before: IsoDateTime,
  page: ListPage & { staleDays: number },
): Promise<{ rows: KeyResultListRow[]; total: number }> {
  const cache = answerCacheOf(deps);
  const key = `stale:${scope.periodId}:${scope.insider ? "insider" : "reader"}:${page.staleDays}:${page.offset}:${page.limit}`;
  const kept = cache.get<KeptStale>(key, version);
  if (
    kept &&
    before >= kept.before &&
    (kept.holdsThrough === null || before <= kept.holdsThrough)
  ) {
    return kept.found;
  }
  const found = await listStaleKeyResults(deps.db, scope, before, page);
  const entry: KeptStale = { before, holdsThrough: nextStaleAt(model, before), found };
  cache.set(key, version, entry, 512 + 256 * found.rows.length);
  return found;
}
