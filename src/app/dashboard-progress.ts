/**
 * Progress over time from a period's model, brought forward with it: when the model moved
 * only by check-ins since the points were last computed (same reader class, same day), a
 * point is rolled up again only where one of the changed key results stood differently at
 * its date; every other point keeps its score. Byte for byte what computing every point
 * gives (`period-model.property.test.ts` checks it against a whole computation).
 */
import { countsAlike } from "../core/roll-up.js";
import type { CheckIn, KeyResult, Objective } from "../core/types.js";
import {
  companyScoreOn,
  keyResultAt,
  progressDates,
  type ScorePoint,
  standAsNow,
} from "./dashboard-data.js";
import { changedSince, type KeyResultBefore, type PeriodModel } from "./period-model.js";

/** Points computed for one reader class and day, from one model. */
export interface KeptPoints {
  model: PeriodModel;
  points: readonly ScorePoint[];
}

/** Whether the roll-up sees the key result the same way at `at` before and after. */
function standsTheSame(
  before: KeyResultBefore,
  after: KeyResult,
  history: readonly CheckIn[] | undefined,
  at: string,
): boolean {
  return countsAlike(
    keyResultAt(before.keyResult, before.history, at),
    keyResultAt(after, history, at),
  );
}

/**
 * The company score at the end of each week of the model's period up to `now`, over the
 * items a reader sees (`objectives`, `keyResults`), reusing `kept` where the check-ins since
 * leave a point unchanged. A point where every key result stood as it does now (this week's,
 * usually) is `companyScore`, the score now, without rolling the tree up again.
 */
export function progressOverTimeOf(
  model: PeriodModel,
  visible: { objectives: readonly Objective[]; keyResults: readonly KeyResult[] },
  now: Date,
  kept: KeptPoints | undefined,
  companyScore: number | null,
): ScorePoint[] {
  const dates = progressDates(model.period, now);
  const { settings, history } = model;
  const score = (date: string) =>
    standAsNow(visible.keyResults, history, `${date}T23:59:59.999Z`)
      ? companyScore
      : companyScoreOn(date, visible.objectives, visible.keyResults, history, settings);
  const before = kept ? changedSince(kept.model, model) : undefined;
  const reusable =
    kept !== undefined &&
    before !== undefined &&
    kept.points.length === dates.length &&
    kept.points.every((point, i) => point.date === dates[i]);
  if (!reusable) return dates.map((date) => ({ date, score: score(date) }));
  const changed: { was: KeyResultBefore; keyResult: KeyResult }[] = [];
  for (const kr of visible.keyResults) {
    const was = before.get(kr.id);
    if (was) changed.push({ was, keyResult: kr });
  }
  return dates.map((date, i) => {
    const at = `${date}T23:59:59.999Z`;
    const same = changed.every(({ was, keyResult }) =>
      standsTheSame(was, keyResult, history.get(keyResult.id), at),
    );
    return same ? (kept.points[i] as ScorePoint) : { date, score: score(date) };
  });
}
