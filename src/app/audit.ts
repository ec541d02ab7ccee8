/** The audit log: who changed what and when (admins only), a page at a time. */
import { OkrError } from "../core/errors.js";
import type { AuditEvent, Id } from "../core/types.js";
import { listAuditEvents } from "../store/audit.repository.js";
import { type EntityName, findNames } from "../store/names.repository.js";
import { findAncestors, findItem } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin, isInsider } from "./permissions.js";
import { AuditQueryInputSchema } from "./schemas.js";
import { isConfidentialChain, presentAuditEvent } from "./visibility.js";

/** One page of the audit log, newest first. */
export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: string | null;
  /** What the ids in these events are called, so readers see names instead of ids. */
  names: Record<Id, EntityName>;
}

function flagOf(snapshot: unknown, field: string): boolean {
  return (
    typeof snapshot === "object" &&
    snapshot !== null &&
    (snapshot as Record<string, unknown>)[field] === true
  );
}

function cursorOf(event: AuditEvent): string {
  return Buffer.from(JSON.stringify([event.at, event.id])).toString("base64url");
}

function parseCursor(cursor: string): { at: string; id: Id } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && typeof id === "string") return { at, id };
  } catch {
    // falls through to the refusal
  }
  throw new OkrError("invalid_input", "Invalid input: cursor: is not a `next` from an audit page", [
    { path: "cursor", message: "is not a `next` from an audit page" },
  ]);
}

/** Ids a snapshot refers to: fields named `…Id` or `…Ids`, in objects and lists of objects. */
function idsIn(snapshot: unknown, out: Set<string>, depth = 0): void {
  if (depth > 2 || snapshot === null || typeof snapshot !== "object") return;
  if (Array.isArray(snapshot)) {
    for (const entry of snapshot) idsIn(entry, out, depth + 1);
    return;
  }
  for (const [field, value] of Object.entries(snapshot)) {
    if (/Id$/.test(field) && typeof value === "string") out.add(value);
    else if (/Ids$/.test(field) && Array.isArray(value)) {
      for (const id of value) if (typeof id === "string") out.add(id);
    } else if (typeof value === "object") idsIn(value, out, depth + 1);
  }
}

/**
 * A page of audit events, newest first, filtered by `entity`, `entityId`; `limit` per page and
 * `cursor` for the next. Before/after of confidential entities are withheld from non-insiders
 * (admins always are insiders).
 */
export async function readAuditPage(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<AuditPage> {
  const { cursor, limit, ...filter } = parseInput(AuditQueryInputSchema, input);
  assertAdmin(actor, "read the audit log");
  const rows = await listAuditEvents(deps.db, {
    ...filter,
    limit: limit + 1,
    ...(cursor ? { olderThan: parseCursor(cursor) } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? cursorOf(last) : null;
  const events = isInsider(actor) ? page : await presentForOutsider(deps, actor, page);
  const ids = new Set<string>();
  for (const event of events) {
    ids.add(event.entityId);
    idsIn(event.before, ids);
    idsIn(event.after, ids);
  }
  const names = Object.fromEntries(await findNames(deps.db, [...ids]));
  return { events, next, names };
}

/** Audit events, newest first (one page of `limit`, default 50): see `readAuditPage`. */
export async function listAudit(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<AuditEvent[]> {
  return (await readAuditPage(deps, actor, input)).events;
}

async function presentForOutsider(
  deps: AppDeps,
  actor: Actor,
  events: AuditEvent[],
): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  for (const event of events) {
    let confidential = flagOf(event.before, "confidential") || flagOf(event.after, "confidential");
    let targetConfidential =
      flagOf(event.before, "targetConfidential") || flagOf(event.after, "targetConfidential");
    const item = await findItem(deps.db, event.entityId);
    if (item) {
      confidential ||= isConfidentialChain(item, await findAncestors(deps.db, item));
      targetConfidential ||= item.type === "key_result" && item.targetConfidential;
    }
    const shown = presentAuditEvent(actor, event, { confidential, targetConfidential });
    if (shown) out.push(shown);
  }
  return out;
}
