/** Audit events in words: which fields changed, ids as names, retrospective edits as sentences. */
import type { AuditEvent } from "../api/types";

/** What the server says an id is called. */
export type Names = Record<string, { kind: string; name: string }>;

/** One changed field: its name and its value before and after (undefined: absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields that differ between two snapshots; a whole value when they are not objects. */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  // A creation or a deletion: every field of the one snapshot there is.
  if (before === null && isRecord(after)) return diffSnapshots({}, after);
  if (after === null && isRecord(before)) return diffSnapshots(before, {});
  if (!isRecord(before) || !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: "(value)", before, after }];
  }
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** A value as people read it: an id as the name it has, an owner as its name. */
export function showValue(value: unknown, field: string, names: Names): string {
  if (value === undefined) return "";
  if (value === null) return "—";
  if (typeof value === "string") {
    const named = /Id$/.test(field) || field === "id" ? names[value] : undefined;
    return named ? named.name : value;
  }
  if (isRecord(value) && typeof value.name === "string" && Object.keys(value).length <= 3)
    return value.name;
  return JSON.stringify(value);
}

/**
 * The snapshot field that names each kind of audited thing; anything else goes by `name` (a
 * person's `title` is their role title: their name says who it is).
 */
const LABEL_FIELDS: Readonly<Record<string, string>> = {
  objective: "title",
  key_result: "title",
  period: "label",
};

/** What the event is about: the snapshot's own title or name, else the name of its id. */
export function labelOf(event: AuditEvent, names: Names): string {
  const field = LABEL_FIELDS[event.entity] ?? "name";
  for (const snapshot of [event.after, event.before]) {
    if (isRecord(snapshot)) {
      const text = snapshot[field];
      if (typeof text === "string" && text) return text;
    }
  }
  return names[event.entityId]?.name ?? event.entityId;
}

interface Retro {
  team: string;
  good: string[];
  bad: string[];
  try: string[];
}

function retrosOf(value: unknown): Retro[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((r) => ({
    team: String(r.team ?? ""),
    good: Array.isArray(r.good) ? r.good.map(String) : [],
    bad: Array.isArray(r.bad) ? r.bad.map(String) : [],
    try: Array.isArray(r.try) ? r.try.map(String) : [],
  }));
}

const COLUMNS = ["good", "bad", "try"] as const;

function count(retro: Retro): string {
  return COLUMNS.map((c) => `${retro[c].length} ${c.toUpperCase()}`).join(", ");
}

function quote(line: string): string {
  return `“${line.length > 80 ? `${line.slice(0, 79)}…` : line}”`;
}

/**
 * A retrospectives edit as sentences, one per team that changed:
 * "Quality: added GOOD “Fewer flaky tests”; removed TRY “Pair more”".
 */
export function describeRetrospectives(before: unknown, after: unknown): string[] {
  const old = new Map(retrosOf(before).map((r) => [r.team.toLowerCase(), r]));
  const now = new Map(retrosOf(after).map((r) => [r.team.toLowerCase(), r]));
  const sentences: string[] = [];
  for (const [key, retro] of now) {
    const was = old.get(key);
    if (!was) {
      sentences.push(`Wrote the retrospective of ${retro.team}: ${count(retro)}.`);
      continue;
    }
    const parts: string[] = [];
    for (const column of COLUMNS) {
      const label = column.toUpperCase();
      for (const line of retro[column])
        if (!was[column].includes(line)) parts.push(`added ${label} ${quote(line)}`);
      for (const line of was[column])
        if (!retro[column].includes(line)) parts.push(`removed ${label} ${quote(line)}`);
    }
    if (parts.length > 0) sentences.push(`${retro.team}: ${parts.join("; ")}.`);
  }
  for (const [key, retro] of old)
    if (!now.has(key)) sentences.push(`Removed the retrospective of ${retro.team}.`);
  return sentences;
}
