/**
 * Domain rules that refuse bad data before it is stored. Each check throws an OkrError whose
 * message names the field and says what was wrong; `details.field` names it for machines.
 */
import { OkrError, type OkrErrorCode } from "./errors.js";
import { HEALTHS, type Id, KEY_RESULT_KINDS, type KeyResult, STATUSES } from "./types.js";

function fail(code: OkrErrorCode, field: string, message: string): never {
  throw new OkrError(code, message, { field });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** A weight is a finite number ≥ 0 (0 keeps the item out of roll-ups). */
export function validateWeight(weight: unknown, field = "weight"): void {
  if (!isFiniteNumber(weight)) {
    fail("invalid_input", field, `${field} must be a number, got ${describe(weight)}.`);
  }
  if (weight < 0) {
    fail("negative_weight", field, `${field} must be 0 or more, got ${weight}.`);
  }
}

/** Confidence is a number from 0 to 10, or null. */
export function validateConfidence(confidence: unknown, field = "confidence"): void {
  if (confidence === null || confidence === undefined) return;
  if (!isFiniteNumber(confidence) || confidence < 0 || confidence > 10) {
    fail(
      "invalid_input",
      field,
      `${field} must be a number from 0 to 10, got ${describe(confidence)}.`,
    );
  }
}

/** Progress is a finite number ≥ 0 (1 = 100%, above 1 allowed), or null. */
export function validateProgress(progress: unknown, field = "progress"): void {
  if (progress === null || progress === undefined) return;
  if (!isFiniteNumber(progress)) {
    fail(
      "invalid_input",
      field,
      `${field} must be a number (1 = 100%), got ${describe(progress)}.`,
    );
  }
  if (progress < 0) {
    fail("invalid_input", field, `${field} must be 0 or more (1 = 100%), got ${progress}.`);
  }
}

/** A measured value is a finite number, or null. */
export function validateValue(value: unknown, field = "value"): void {
  if (value === null || value === undefined) return;
  if (!isFiniteNumber(value)) {
    fail("invalid_input", field, `${field} must be a number, got ${describe(value)}.`);
  }
}

/** Title is required text of at most `max` characters. */
export function validateTitle(title: unknown, field = "title", max = 2000): void {
  if (typeof title !== "string" || title.trim() === "") {
    fail("invalid_input", field, `${field} is required and must be text.`);
  }
  if (title.length > max) {
    fail(
      "invalid_input",
      field,
      `${field} must be at most ${max} characters, got ${title.length}.`,
    );
  }
}

/** Status is one of STATUSES, or null. */
export function validateStatus(status: unknown, field = "status"): void {
  if (status === null || status === undefined) return;
  if (!(STATUSES as readonly unknown[]).includes(status)) {
    fail(
      "invalid_input",
      field,
      `${field} must be one of ${STATUSES.join(", ")}, got ${describe(status)}.`,
    );
  }
}

/** Health is one of HEALTHS, or null. */
export function validateHealth(health: unknown, field = "health"): void {
  if (health === null || health === undefined) return;
  if (!(HEALTHS as readonly unknown[]).includes(health)) {
    fail(
      "invalid_input",
      field,
      `${field} must be one of ${HEALTHS.join(", ")}, got ${describe(health)}.`,
    );
  }
}

/** The fields of a key result whose combination is checked. */
export type KeyResultShape = Pick<KeyResult, "kind" | "start" | "target" | "direction" | "weight"> &
  Partial<Pick<KeyResult, "confidence" | "progress" | "current" | "status" | "health">>;

/**
 * A key result's kind, numbers and direction must fit together:
 * a metric needs a start and a target that differ; a threshold needs a target and a direction.
 */
export function validateKeyResult(kr: KeyResultShape): void {
  if (!(KEY_RESULT_KINDS as readonly unknown[]).includes(kr.kind)) {
    fail(
      "invalid_input",
      "kind",
      `kind must be one of ${KEY_RESULT_KINDS.join(", ")}, got ${describe(kr.kind)}.`,
    );
  }
  validateWeight(kr.weight);
  validateValue(kr.start, "start");
  validateValue(kr.target, "target");
  validateValue(kr.current, "current");
  validateConfidence(kr.confidence);
  validateProgress(kr.progress);
  validateStatus(kr.status);
  validateHealth(kr.health);
  if (kr.direction !== null && kr.direction !== "above" && kr.direction !== "below") {
    fail(
      "invalid_input",
      "direction",
      `direction must be "above" or "below", got ${describe(kr.direction)}.`,
    );
  }
  if (kr.kind === "metric") {
    if (kr.start === null || kr.target === null) {
      fail(
        "invalid_input",
        kr.start === null ? "start" : "target",
        "A metric key result needs both start and target (e.g. from 70 to 56).",
      );
    }
    if (kr.start === kr.target) {
      fail(
        "target_equals_start",
        "target",
        `target must differ from start (both are ${kr.start}): progress from ${kr.start} to ${kr.target} cannot be measured.`,
      );
    }
  }
  if (kr.kind === "threshold") {
    if (kr.target === null) {
      fail(
        "invalid_input",
        "target",
        "A threshold key result needs a target: the line to stay above or below.",
      );
    }
    if (kr.direction === null) {
      fail(
        "invalid_input",
        "direction",
        'A threshold key result needs a direction: "above" or "below".',
      );
    }
  }
}

/** What a check-in may carry. */
export interface CheckInShape {
  value?: number | null;
  progress?: number | null;
  health?: string | null;
  confidence?: number | null;
  note?: string | null;
}

/** A check-in's numbers must be numbers, confidence 0–10, health a known word. */
export function validateCheckIn(checkIn: CheckInShape): void {
  validateValue(checkIn.value, "value");
  validateProgress(checkIn.progress, "progress");
  validateHealth(checkIn.health, "health");
  validateConfidence(checkIn.confidence, "confidence");
  if (checkIn.note !== undefined && checkIn.note !== null && typeof checkIn.note !== "string") {
    fail("invalid_input", "note", "note must be text.");
  }
}

/**
 * Refuses a move that would make `itemId` its own ancestor. Items of either kind share one id
 * space: an objective's parent is an objective or a key result, a key result's parent is its
 * objective. `parentOf` returns the current parent of an id (null/undefined at the top).
 */
export function assertNoCycle(
  itemId: Id,
  newParentId: Id | null,
  parentOf: (id: Id) => Id | null | undefined,
): void {
  const seen = new Set<Id>();
  let current: Id | null | undefined = newParentId;
  while (current !== null && current !== undefined) {
    if (current === itemId) {
      fail(
        "tree_cycle",
        "parent",
        `Cannot align ${itemId} under ${newParentId}: ${itemId} would become its own ancestor.`,
      );
    }
    // Stored data should hold no cycle; if it does, stop instead of looping forever.
    if (seen.has(current)) return;
    seen.add(current);
    current = parentOf(current);
  }
}
