/** Builders for core tests: a complete item with sensible defaults, overridden per test. */
import type { KeyResult, Objective } from "./types.js";

const T0 = "2020-01-01T00:00:00.000Z";

export function makeObjective(fields: Partial<Objective> & { id: string }): Objective {
  return {
    type: "objective",
    periodId: "P1",
    title: `Objective ${fields.id}`,
    owner: null,
    weight: 1,
    status: null,
    outcome: null,
    position: 0,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    links: [],
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    parentObjectiveId: null,
    parentKeyResultId: null,
    confidential: false,
    ...fields,
  };
}

export function makeKeyResult(
  fields: Partial<KeyResult> & { id: string; objectiveId: string },
): KeyResult {
  return {
    type: "key_result",
    periodId: "P1",
    title: `Key result ${fields.id}`,
    owner: null,
    weight: 1,
    status: null,
    outcome: null,
    position: 0,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    links: [],
    version: 1,
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
