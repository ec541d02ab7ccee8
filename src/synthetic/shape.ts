/** The shape of the synthetic organisation: its team tree and its quarters. */
import { periodRangeOf } from "../core/fiscal-calendar.js";
import type { FiscalCalendar } from "../core/types.js";

/** The smallest branching factor that fits `teams` teams within `maxDepth` levels. */
export function branchingFor(teams: number, maxDepth: number): number {
  for (let b = 2; b < 1000; b++) {
    let total = 0;
    let level = 1;
    for (let depth = 0; depth < maxDepth; depth++) {
      total += level;
      level *= b;
    }
    if (total >= teams) return b;
  }
  return 1000;
}

/** The level of the team at `index` in a tree filled level by level. */
export function depthOf(index: number, branching: number): number {
  let depth = 0;
  let first = 0;
  let width = 1;
  while (index >= first + width) {
    first += width;
    width *= branching;
    depth += 1;
  }
  return depth;
}

/** The `quarters` quarters from the first of `firstYear`, in the calendar. */
export function quarterLabelsOf(
  calendar: FiscalCalendar,
  firstYear: number,
  quarters: number,
): ReturnType<typeof periodRangeOf>[] {
  const ranges = [];
  for (let i = 0; i < quarters; i++) {
    ranges.push(periodRangeOf(calendar, "quarter", firstYear + Math.floor(i / 4), (i % 4) + 1));
  }
  return ranges;
}

/** Midnight UTC of a day, in milliseconds. */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}
