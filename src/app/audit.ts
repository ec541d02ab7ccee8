/** The audit log: who changed what and when (admins only). */
import type { AuditEvent } from "../core/types.js";
import { listAuditEvents } from "../store/audit.repository.js";
import { findAncestors, findItem } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin, isInsider } from "./permissions.js";
import { AuditQueryInputSchema } from "./schemas.js";
import { isConfidentialChain, presentAuditEvent } from "./visibility.js";

function flagOf(snapshot: unknown, field: string): boolean {
  return (
    typeof snapshot === "object" &&
    snapshot !== null &&
    (snapshot as Record<string, unknown>)[field] === true
  );
}

/**
 * Audit events, newest first, filtered by `entity`, `entityId`; at most `limit`. Before/after
 * of confidential entities are withheld from non-insiders (admins always are insiders).
 */
export async function listAudit(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<AuditEvent[]> {
  const filter = parseInput(AuditQueryInputSchema, input);
  assertAdmin(actor, "read the audit log");
  const events = await listAuditEvents(deps.db, filter);
  if (isInsider(actor)) return events;
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
