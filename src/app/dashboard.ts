/** The period dashboard: company score, scores by team and owner, distribution, at-risk, stale, progress over time. */

import type { Id } from "../core/types.js";
import { listCheckInsByPeriod } from "../store/check-ins.repository.js";
import { listPeople } from "../store/people.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { listTeams } from "../store/teams.repository.js";
import { computeDashboard, type DashboardData } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { DashboardInputSchema, IdSchema } from "./schemas.js";
import { loadSettings } from "./settings.js";
import { loadVisiblePeriodItems } from "./tree.js";

export type { DashboardData } from "./dashboard-data.js";

/**
 * Every dashboard number of a period, over the items the actor may see. Only progress and
 * health leave here, never a key result's values, so confidential targets stay hidden.
 */
export async function getDashboard(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  input: unknown = {},
): Promise<DashboardData> {
  const id = parseInput(IdSchema, periodId);
  const { staleDays } = parseInput(DashboardInputSchema, input);
  const [period, settings, items, checkIns, people, teams] = await Promise.all([
    getPeriod(deps.db, id),
    loadSettings(deps.db),
    loadVisiblePeriodItems(deps.db, actor, id),
    listCheckInsByPeriod(deps.db, id),
    listPeople(deps.db),
    listTeams(deps.db),
  ]);
  const visible = new Set(items.keyResults.map((kr) => kr.id));
  const data = computeDashboard({
    period,
    objectives: items.objectives,
    keyResults: items.keyResults,
    checkIns: checkIns.filter((c) => visible.has(c.keyResultId)),
    people,
    teams,
    settings,
    now: deps.now(),
    staleDays,
  });
  // A closed quarter takes no check-ins: nothing in it is late for one.
  return period.closedAt === null ? data : { ...data, stale: [] };
}
