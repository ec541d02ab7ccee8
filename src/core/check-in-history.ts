/** A key result's current state, recomputed from its check-in history. */
import type { CheckIn, Health, IsoDateTime } from "./types.js";

export interface StateFromHistory {
  current: number | null;
  progress: number | null;
  health: Health | null;
  confidence: number | null;
  lastCheckInAt: IsoDateTime | null;
}

/**
 * The state a history leaves, oldest check-in first (the store's order: time, then id): the
 * latest check-in's progress and time, and the latest value, health and confidence any
 * check-in gave (one that leaves a field out keeps the one before, as a check-in does when it
 * is recorded). No check-ins: nothing measured.
 */
export function stateFromHistory(history: readonly CheckIn[]): StateFromHistory {
  const state: StateFromHistory = {
    current: null,
    progress: null,
    health: null,
    confidence: null,
    lastCheckInAt: null,
  };
  for (const checkIn of history) {
    state.current = checkIn.value ?? state.current;
    state.progress = checkIn.progress;
    state.health = checkIn.health ?? state.health;
    state.confidence = checkIn.confidence ?? state.confidence;
    state.lastCheckInAt = checkIn.createdAt;
  }
  return state;
}
