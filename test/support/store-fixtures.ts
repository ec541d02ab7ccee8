/** Builders for store tests: complete new rows with sensible defaults, overridden per test. */
import type { CheckIn, Period } from "../../src/core/types.js";
import type { NewKeyResult } from "../../src/store/key-results.repository.js";
import type { NewObjective } from "../../src/store/objectives.repository.js";

export const T0 = "2020-01-01T00:00:00.000Z";
export const T1 = "2020-01-02T00:00:00.000Z";
export const T2 = "2020-01-03T00:00:00.000Z";

export function makePeriod(fields: Partial<Period> & { id: string }): Period {
  return {
    label: `FY20-Q${fields.id}`,
    kind: "quarter",
    start: "2019-11-01",
    end: "2020-01-31",
    closedAt: null,
    ...fields,
  };
}

export function makeNewObjective(
  fields: Partial<NewObjective> & { id: string; periodId: string },
): NewObjective {
  return {
    title: `Objective ${fields.id}`,
    owner: null,
    weight: 1,
    status: null,
    outcome: null,
    position: 0,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    createdAt: T0,
    updatedAt: T0,
    parentObjectiveId: null,
    parentKeyResultId: null,
    confidential: false,
    ...fields,
  };
}

export function makeNewKeyResult(
  fields: Partial<NewKeyResult> & { id: string; periodId: string; objectiveId: string },
): NewKeyResult {
  return {
    title: `Key result ${fields.id}`,
    owner: null,
    weight: 1,
    status: null,
    outcome: null,
    position: 0,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    createdAt: T0,
    updatedAt: T0,
    kind: "metric",
    unit: null,
    start: null,
    target: null,
    direction: null,
    targetConfidential: false,
    current: null,
    progress: null,
    health: null,
    confidence: null,
    lastCheckInAt: null,
    ...fields,
  };
}

export function makeCheckIn(
  fields: Partial<CheckIn> & { id: string; keyResultId: string },
): CheckIn {
  return {
    value: null,
    progress: null,
    health: null,
    confidence: null,
    note: "",
    authorId: null,
    authorName: null,
    createdAt: T1,
    ...fields,
  };
}
