/**
 * The check-in history of the example data, as data: for each key result (found by a
 * distinctive part of its title), what it measures and the value at each weekly check-in.
 * Health and confidence follow from the values unless a week says otherwise, so the
 * history reads like a real team's: steady work, a few slips, an incident, a carry-over.
 *
 * Dates are relative to each quarter's start: week `w` is checked in on day `7w - 3`, at
 * 16:00 UTC plus a few minutes per key result. Nothing here depends on the clock; the loader
 * drops check-ins that would lie after `now`.
 */
import type { Health, KeyResultKind, MetricUnit } from "../core/types.js";

/** Which page a plan belongs to: the quarter two before the current one, the last one, or now. */
export type ExampleQuarter = "two_ago" | "last" | "current";

export const QUARTER_PAGES: Record<ExampleQuarter, string> = {
  two_ago: "1-two-quarters-ago.md",
  last: "2-last-quarter.md",
  current: "3-this-quarter.md",
};

export interface CheckInPlan {
  quarter: ExampleQuarter;
  /** A part of the key result's title, as written on the page (case-insensitive). */
  match: string;
  kind: KeyResultKind;
  unit: MetricUnit | null;
  start: number | null;
  target: number | null;
  direction?: "above" | "below";
  /** The target is confidential (written `[*$N<sub>0</sub>*][N0]` on the page). */
  targetConfidential?: boolean;
  /** Value at week 1, 2, …; null skips that week. Milestones: 0 = not yet, 1 = done. */
  values: (number | null)[];
  /** Overrides of the derived health, by week. */
  health?: Record<number, Health>;
  /** Overrides of the derived confidence (0–10), by week. */
  confidence?: Record<number, number>;
  notes?: Record<number, string>;
  /** Who checks in; default: the person who owns the line or its objective. */
  author?: string;
}

/** Weekly check-ins in a quarter: 13. */
export const WEEKS = 13;

/** Day offset from the quarter's first day of week `w`'s check-in (1-based weeks). */
export function checkInDayOffset(week: number): number {
  return 7 * week - 3;
}

/**
 * Health from progress against the time gone: on track at ≥ 75% of the pace that reaches the
 * target by the end, needs attention at ≥ 45%, else at risk. Thresholds and milestones: on
 * track while held / done, else needs attention when close (≥ 95%), else at risk.
 */
export function deriveHealth(
  plan: Pick<CheckInPlan, "kind">,
  progress: number | null,
  week: number,
): Health | null {
  if (progress === null) return null;
  if (plan.kind === "threshold") {
    if (progress >= 1) return "on_track";
    return progress >= 0.95 ? "needs_attention" : "at_risk";
  }
  if (plan.kind === "milestone") return progress >= 1 || week <= 8 ? "on_track" : "needs_attention";
  if (week <= 2) return "on_track";
  const pace = progress / (week / WEEKS);
  if (pace >= 0.75) return "on_track";
  return pace >= 0.45 ? "needs_attention" : "at_risk";
}

/** Confidence that the target will be met, as a team would say it. */
export function deriveConfidence(health: Health | null): number | null {
  if (health === null) return null;
  return health === "on_track" ? 8 : health === "needs_attention" ? 6 : 4;
}

const k = 1000;

export const CHECK_IN_PLANS: readonly CheckInPlan[] = [
  // ---- The current quarter -------------------------------------------------------------
  {
    quarter: "current",
    match: "annual recurring revenue from $9.4M to $11M",
    kind: "metric",
    unit: "currency",
    start: 9_400_000,
    target: 11_000_000,
    values: [9.4, 9.45, 9.5, 9.6, 9.7, 9.75, 9.85, 9.95, 10.05, 10.15, 10.3, 10.4, 10.55].map((m) =>
      Math.round(m * 1_000_000),
    ),
    author: "Maren Holt",
  },
  {
    quarter: "current",
    match: "developer satisfaction score above 8",
    kind: "threshold",
    unit: "count",
    start: null,
    target: 8,
    direction: "above",
    values: [8.2, 8.1, 8.3, 8, 7.8, 7.9, 8.1, 8.2, 8.3, 8.2, 8.4, 8.3, 8.4],
    notes: { 5: "The week of the cache incident shows in the survey." },
    author: "Maren Holt",
  },
  {
    quarter: "current",
    match: "regretted attrition below 5%",
    kind: "threshold",
    unit: "percent",
    start: null,
    target: 5,
    direction: "below",
    values: [3.1, 3.1, 3.4, 3.4, 3.6, 3.6, 3.9, 4.2, 4.2, 4.4, 4.4, 4.6, 4.7],
    confidence: { 8: 6, 9: 6, 10: 5, 11: 5, 12: 5, 13: 5 },
    notes: { 8: "Two regretted departures in Sales this month; still under the line but closer." },
    author: "Samir Haddad",
  },
  {
    quarter: "current",
    match: "Raise qualified pipeline for",
    kind: "metric",
    unit: "ratio",
    start: 1.2,
    target: 3,
    values: [1.2, 1.3, 1.5, 1.6, 1.8, 1.9, 2.1, 2.2, 2.4, 2.5, 2.6, 2.7, 2.8],
    notes: {
      1: "Starting from the 1.2x we carried out of last quarter.",
      5: "The security one-pager is shortening first calls.",
      9: "Two large expansions entered stage 3.",
    },
  },
  {
    quarter: "current",
    match: "in new annual recurring revenue",
    kind: "metric",
    unit: "currency",
    start: 0,
    target: 1200 * k,
    targetConfidential: true,
    values: [
      0,
      40 * k,
      90 * k,
      150 * k,
      210 * k,
      260 * k,
      340 * k,
      420 * k,
      500 * k,
      610 * k,
      730 * k,
      850 * k,
      980 * k,
    ],
    notes: {
      4: "First two renewals with expansion closed.",
      8: "One large deal slipped to next month; the pipeline still covers the gap.",
    },
  },
  {
    quarter: "current",
    match: "Keep gross revenue churn below 2%",
    kind: "threshold",
    unit: "percent",
    start: null,
    target: 2,
    direction: "below",
    values: [1.8, 1.9, 1.7, 2.1, 2.3, 2.2, 1.9, 1.8, 1.8, 1.7, 1.9, 1.8, 1.7],
    notes: {
      4: "Two customers consolidated onto one account; it shows as churn.",
      7: "Back under the line.",
    },
  },
  {
    quarter: "current",
    match: "free-to-trial conversion from 2.1% to 3.5%",
    kind: "metric",
    unit: "percent",
    start: 2.1,
    target: 3.5,
    values: [2.1, 2.1, 2.2, 2.2, 2.3, 2.3, 2.4, 2.4, 2.5, 2.6, 2.8, 2.9, 3.0],
    notes: {
      6: "The trial experience waits on the template suggestion work in Product.",
      10: "Template suggestions shipped; conversion is moving.",
    },
  },
  {
    quarter: "current",
    match: "Book 120 first meetings",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 120,
    values: [8, 17, 27, 36, 46, 55, 65, 74, 84, 93, 103, 112, 121],
  },
  {
    quarter: "current",
    match: "Contact 100% of those accounts",
    kind: "metric",
    unit: "percent",
    start: 80,
    target: 100,
    values: [84, 88, 90, 91, 93, 94, 95, 96, 97, 98, 98, 99, 99],
  },
  {
    quarter: "current",
    match: "reply rate on outbound sequences from 7% to 10%",
    kind: "metric",
    unit: "percent",
    start: 7,
    target: 10,
    values: [7, 7.2, 7.5, 7.9, 8.1, 8.4, 8.8, 9, 9.3, 9.5, 9.8, 10.1, 10.4],
  },
  {
    quarter: "current",
    match: "Grow monthly signups from 4,700 to 6,000",
    kind: "metric",
    unit: "count",
    start: 4700,
    target: 6000,
    values: [4700, 4750, 4800, 4900, 5000, 5100, 5150, 5300, 5400, 5500, 5650, 5800, 5950],
  },
  {
    quarter: "current",
    match: "Publish 12 build-speed case studies",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 12,
    values: [0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10],
    notes: { 7: "Legal review is the bottleneck: four drafts are waiting for customer approval." },
  },
  {
    quarter: "current",
    match: "community forum from 900 to 1,500",
    kind: "metric",
    unit: "count",
    start: 900,
    target: 1500,
    values: [920, 960, 1010, 1080, 1150, 1220, 1300, 1390, 1460, 1540, 1610, 1680, 1750],
    notes: { 10: "Past the target; the monthly build-speed challenge keeps bringing people back." },
  },
  {
    quarter: "current",
    match: "median pipeline duration from 70 to 56 minutes",
    kind: "metric",
    unit: "duration",
    start: 70,
    target: 56,
    values: [70, 69, 67, 66, 64, 63, 61, 60, 59, 58, 57, 56, 55],
  },
  {
    quarter: "current",
    match: "remote cache hit rate from 71% to 80%",
    kind: "metric",
    unit: "percent",
    start: 71,
    target: 80,
    values: [71, 72, 73, 74, 75, 76, 77, 78, 79, 79, 80, 81, 81],
  },
  {
    quarter: "current",
    match: "p95 cache restore time from 38 to 20 seconds",
    kind: "metric",
    unit: "duration",
    start: 38,
    target: 20,
    values: [38, 37, 37, 36, 36, 35, 35, 34, 33, 32, 31, 30, 29],
    notes: {
      4: "Monorepos with many small files dominate the p95.",
      8: "Packing small files into chunks is in review.",
    },
  },
  {
    quarter: "current",
    match: "Migrate 100% of hosted projects to cache v2",
    kind: "metric",
    unit: "percent",
    start: 0,
    target: 100,
    values: [2, 5, 9, 14, 20, 27, 35, 44, 53, 62, 71, 80, 88],
  },
  {
    quarter: "current",
    match: "cache storage cost per build from $0.012 to $0.008",
    kind: "metric",
    unit: "currency",
    start: 0.012,
    target: 0.008,
    values: [
      0.012, 0.012, 0.0118, 0.0115, 0.0112, 0.0108, 0.0104, 0.0101, 0.0097, 0.0094, 0.009, 0.0087,
      0.0084,
    ],
  },
  {
    quarter: "current",
    match: "arm64 runner share from 5% to 25%",
    kind: "metric",
    unit: "percent",
    start: 5,
    target: 25,
    values: [14, 15, 15, 16, 18, 19, 21, 22, 23, 24, 25, 26, 27],
    notes: { 1: "Carried over from last quarter at 14%; both base images are now published." },
  },
  {
    quarter: "current",
    match: "warm-pool utilisation above 70%",
    kind: "threshold",
    unit: "percent",
    start: null,
    target: 70,
    direction: "above",
    values: [66, 68, 71, 73, 72, 74, 75, 73, 76, 77, 75, 78, 78],
  },
  {
    quarter: "current",
    match: "availability of the hosted service above 99.95%",
    kind: "threshold",
    unit: "percent",
    start: null,
    target: 99.95,
    direction: "above",
    values: [
      99.99, 99.98, 99.97, 99.99, 99.91, 99.94, 99.96, 99.97, 99.98, 99.99, 99.98, 99.97, 99.98,
    ],
    health: { 5: "at_risk" },
    notes: {
      5: "Incident: the cache metadata store failover took 38 minutes.",
      7: "Failover drill now runs weekly; back above the line.",
    },
  },
  {
    quarter: "current",
    match: "mean time to recovery from 34 to 20 minutes",
    kind: "metric",
    unit: "duration",
    start: 34,
    target: 20,
    values: [34, 33, 32, 31, 38, 35, 30, 28, 27, 25, 24, 22, 21],
  },
  {
    quarter: "current",
    match: "90% of engineers edit the handbook",
    kind: "metric",
    unit: "percent",
    start: 68,
    target: 90,
    values: [68, 70, 71, 73, 74, 76, 77, 79, 80, 82, 83, 85, 86],
  },
  {
    quarter: "current",
    match: "green first pipeline from 45% to 60%",
    kind: "metric",
    unit: "percent",
    start: 45,
    target: 60,
    values: [45, 46, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56],
  },
  {
    quarter: "current",
    match: "Suggest a template from the repository's languages",
    kind: "milestone",
    unit: null,
    start: null,
    target: null,
    values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
    health: { 7: "needs_attention", 8: "needs_attention", 9: "needs_attention" },
    notes: {
      3: "Language detection prototype works on our own repositories.",
      7: "The first-screen design needs one more round with customers.",
      10: "Shipped to all plans.",
    },
  },
  {
    quarter: "current",
    match: "median time to first green pipeline from 25 to 10 minutes",
    kind: "metric",
    unit: "duration",
    start: 25,
    target: 10,
    values: [25, 24, 22, 21, 19, 18, 17, 16, 15, 14, 13, 12, 11],
  },
  {
    quarter: "current",
    match: "Fix 30 of the top 40 onboarding issues",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 30,
    values: [2, 4, 7, 9, 11, 13, 16, 18, 20, 22, 25, 27, 29],
  },
  {
    quarter: "current",
    match: "Publish 15 migration guides",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 15,
    values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  },
  {
    quarter: "current",
    match: "support tickets from 340 to 200",
    kind: "metric",
    unit: "count",
    start: 340,
    target: 200,
    values: [340, 335, 320, 310, 300, 295, 280, 270, 260, 250, 240, 228, 215],
  },
  {
    quarter: "current",
    match: "Inline validation for 100% of configuration keys",
    kind: "metric",
    unit: "percent",
    start: 60,
    target: 100,
    values: [62, 65, 68, 72, 75, 78, 82, 85, 88, 91, 94, 97, 100],
  },
  {
    quarter: "current",
    match: "task success score from 62 to 80",
    kind: "metric",
    unit: "count",
    start: 62,
    target: 80,
    values: [62, null, 64, null, 67, null, 70, null, 73, null, 76, null, 79],
    notes: { 1: "Usability tests run every other week." },
  },
  {
    quarter: "current",
    match: "Hire 14 of the 16 planned roles",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 14,
    values: [0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12],
  },
  {
    quarter: "current",
    match: "onboarding survey score from 8.1 to 8.5",
    kind: "metric",
    unit: "count",
    start: 8.1,
    target: 8.5,
    values: [8.1, 8.1, 8.2, 8.2, 8.2, 8.3, 8.3, 8.3, 8.4, 8.4, 8.4, 8.5, 8.5],
  },

  // ---- The last quarter (closed; final values match the outcomes on the page) --------------
  {
    quarter: "last",
    match: "in new annual recurring revenue",
    kind: "metric",
    unit: "currency",
    start: 0,
    target: 1000 * k,
    targetConfidential: true,
    values: [
      0,
      30 * k,
      80 * k,
      120 * k,
      180 * k,
      250 * k,
      330 * k,
      410 * k,
      480 * k,
      560 * k,
      650 * k,
      740 * k,
      830 * k,
    ],
    notes: { 12: "Two large deals slipped into next quarter." },
  },
  {
    quarter: "last",
    match: "net revenue retention from 108% to 115%",
    kind: "metric",
    unit: "percent",
    start: 108,
    target: 115,
    values: [108, 108, 109, 109, 109, 110, 110, 110, 111, 111, 111, 112, 112],
  },
  {
    quarter: "last",
    match: "win rate on qualified opportunities from 18% to 25%",
    kind: "metric",
    unit: "percent",
    start: 18,
    target: 25,
    values: [18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22, 23, 23],
  },
  {
    quarter: "last",
    match: "median sales cycle from 64 to 45 days",
    kind: "metric",
    unit: "duration",
    start: 64,
    target: 45,
    values: [64, 64, 63, 62, 62, 61, 60, 60, 59, 59, 58, 58, 57],
  },
  {
    quarter: "last",
    match: "Book 110 first meetings",
    kind: "metric",
    unit: "count",
    start: 0,
    target: 110,
    values: [9, 18, 27, 35, 44, 53, 62, 71, 80, 89, 98, 107, 116],
  },
  {
    quarter: "last",
    match: "free-to-trial conversion from 1.9% to 2.6%",
    kind: "metric",
    unit: "percent",
    start: 1.9,
    target: 2.6,
    values: [1.9, 1.9, 1.9, 2, 2, 2, 2, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1],
  },
  {
    quarter: "last",
    match: "monthly signups from 3,900 to 5,000",
    kind: "metric",
    unit: "count",
    start: 3900,
    target: 5000,
    values: [3900, 3950, 4000, 4050, 4100, 4200, 4250, 4300, 4350, 4450, 4500, 4550, 4600],
  },
  {
    quarter: "last",
    match: "median pipeline duration from 84 to 70 minutes",
    kind: "metric",
    unit: "duration",
    start: 84,
    target: 70,
    values: [84, 83, 82, 80, 79, 77, 76, 74, 73, 72, 71, 70, 70],
  },
  {
    quarter: "last",
    match: "availability of the hosted service above 99.95%",
    kind: "threshold",
    unit: "percent",
    start: null,
    target: 99.95,
    direction: "above",
    values: [
      99.98, 99.99, 99.97, 99.98, 99.99, 99.96, 99.98, 99.97, 99.99, 99.98, 99.97, 99.98, 99.97,
    ],
  },
  {
    quarter: "last",
    match: "mean time to recovery from 48 to 30 minutes",
    kind: "metric",
    unit: "duration",
    start: 48,
    target: 30,
    values: [48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36],
  },
  {
    quarter: "last",
    match: "remote cache hit rate from 61% to 72%",
    kind: "metric",
    unit: "percent",
    start: 61,
    target: 72,
    values: [61, 62, 63, 64, 65, 66, 67, 68, 68, 69, 70, 71, 71],
  },
  {
    quarter: "last",
    match: "p95 cache restore time from 52 to 30 seconds",
    kind: "metric",
    unit: "duration",
    start: 52,
    target: 30,
    values: [52, 51, 50, 49, 48, 46, 45, 44, 43, 42, 40, 39, 38],
  },
  {
    quarter: "last",
    match: "arm64 runner share from 5% to 25%",
    kind: "metric",
    unit: "percent",
    start: 5,
    target: 25,
    values: [5, 6, 6, 7, 7, 7, 7, 7, 8, 10, 11, 13, 14],
    health: { 4: "at_risk", 5: "at_risk", 6: "at_risk", 7: "at_risk", 8: "at_risk", 9: "at_risk" },
    confidence: { 4: 3, 5: 2, 6: 2, 7: 2, 8: 2, 9: 3, 13: 2 },
    notes: {
      4: "Blocked: two base images have no arm64 build yet.",
      9: "Images published; migrations resumed.",
      13: "Reached 14%; the rest carries over into next quarter.",
    },
  },
  {
    quarter: "last",
    match: "median job queue time from 45 to 20 seconds",
    kind: "metric",
    unit: "duration",
    start: 45,
    target: 20,
    values: [45, 43, 41, 39, 37, 35, 33, 31, 30, 28, 27, 26, 25],
  },
  {
    quarter: "last",
    match: "green first pipeline from 38% to 50%",
    kind: "metric",
    unit: "percent",
    start: 38,
    target: 50,
    values: [38, 38, 39, 39, 40, 41, 41, 42, 43, 43, 44, 44, 45],
  },
  {
    quarter: "last",
    match: "median time to first green pipeline from 40 to 25 minutes",
    kind: "metric",
    unit: "duration",
    start: 40,
    target: 25,
    values: [40, 39, 37, 36, 34, 33, 31, 30, 29, 28, 27, 26, 25],
  },
  {
    quarter: "last",
    match: "task success score from 48 to 62",
    kind: "metric",
    unit: "count",
    start: 48,
    target: 62,
    values: [48, null, 51, null, 54, null, 57, null, 59, null, 61, null, 62],
  },
  {
    quarter: "last",
    match: "onboarding survey score from 7.8 to 8.2",
    kind: "metric",
    unit: "count",
    start: 7.8,
    target: 8.2,
    values: [7.8, 7.8, 7.8, 7.9, 7.9, 7.9, 7.9, 8, 8, 8, 8, 8, 8],
  },

  // ---- Two quarters ago (closed) ----------------------------------------------------------
  {
    quarter: "two_ago",
    match: "median pipeline duration from 95 to 80 minutes",
    kind: "metric",
    unit: "duration",
    start: 95,
    target: 80,
    values: [95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 85, 84],
  },
  {
    quarter: "two_ago",
    match: "remote cache hit rate from 44% to 60%",
    kind: "metric",
    unit: "percent",
    start: 44,
    target: 60,
    values: [44, 45, 47, 48, 50, 51, 53, 54, 56, 57, 59, 60, 61],
  },
  {
    quarter: "two_ago",
    match: "median job queue time from 90 to 40 seconds",
    kind: "metric",
    unit: "duration",
    start: 90,
    target: 40,
    values: [90, 86, 82, 78, 74, 70, 66, 62, 58, 54, 50, 47, 45],
  },
  {
    quarter: "two_ago",
    match: "mean time to recovery from 75 to 45 minutes",
    kind: "metric",
    unit: "duration",
    start: 75,
    target: 45,
    values: [75, 73, 71, 69, 67, 64, 62, 60, 57, 55, 52, 50, 48],
  },
  {
    quarter: "two_ago",
    match: "green first pipeline from 30% to 40%",
    kind: "metric",
    unit: "percent",
    start: 30,
    target: 40,
    values: [30, 30, 31, 32, 32, 33, 34, 35, 35, 36, 37, 37, 38],
  },
  {
    quarter: "two_ago",
    match: "reply rate on outbound sequences from 4% to 6%",
    kind: "metric",
    unit: "percent",
    start: 4,
    target: 6,
    values: [4, 4.1, 4.3, 4.5, 4.7, 4.9, 5.1, 5.3, 5.5, 5.6, 5.8, 5.9, 6],
  },
  {
    quarter: "two_ago",
    match: "onboarding survey score from 6.9 to 7.5",
    kind: "metric",
    unit: "count",
    start: 6.9,
    target: 7.5,
    values: [6.9, 6.9, 7, 7.1, 7.2, 7.3, 7.4, 7.5, 7.5, 7.6, 7.7, 7.7, 7.8],
  },
];

/** The key result that was carried over from the last quarter into the current one. */
export const CARRY_OVER = {
  from: { quarter: "last" as const, match: "arm64 runner share from 5% to 25%" },
  to: { quarter: "current" as const, match: "arm64 runner share from 5% to 25%" },
};
