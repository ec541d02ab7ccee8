/**
 * Helpers every use case shares: the actor's membership, the clock as text, the audit record,
 * the closed-period rule, owners from text, and finding an item with its ancestors.
 */
import { OkrError } from "../core/errors.js";
import type { AuditEvent, Id, OkrItem, Owner, Period } from "../core/types.js";
import { insertAuditEvents } from "../store/audit.repository.js";
import type { Db } from "../store/db.js";
import { findKeyResult } from "../store/key-results.repository.js";
import { findObjective } from "../store/objectives.repository.js";
import { findPerson, findPersonByName } from "../store/people.repository.js";
import { findTeamByName } from "../store/teams.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import type { Membership } from "./permissions.js";
import { isInsider } from "./permissions.js";
import { isConfidentialChain, parentIdOf } from "./visibility.js";
import { emitWebhookEvents } from "./webhook-outbox.js";

/** The clock as stored: ISO 8601 in UTC. */
export function nowIso(deps: AppDeps): string {
  return deps.now().toISOString();
}

/** The actor's person, that person's team and title: what makes an OKR "theirs". */
export async function loadMembership(db: Db, actor: Actor): Promise<Membership> {
  if (!actor.personId) return membershipOf(actor, undefined);
  return membershipOf(actor, await findPerson(db, actor.personId));
}

/** `loadMembership` from the actor's person as read (undefined: not on record). */
export function membershipOf(
  actor: Actor,
  person: { teamId: Id | null; title: string | null } | undefined,
): Membership {
  if (!actor.personId) return { personId: null, teamIds: [], roleTitle: null };
  return {
    personId: actor.personId,
    teamIds: person?.teamId ? [person.teamId] : [],
    roleTitle: person?.title?.trim() || null,
  };
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId: Id;
  before: unknown;
  after: unknown;
  /** When the change was made, where the change has its own time already; else now. */
  at?: string;
}

/** The audit event of a change `actor` makes now (for a store write that records it itself). */
export function auditEventOf(deps: AppDeps, actor: Actor, input: AuditInput): AuditEvent {
  return {
    id: deps.newId(),
    actorId: actor.userId,
    actorName: actor.name,
    at: input.at ?? nowIso(deps),
    // Written out, not spread: every write makes one (decisions/0049).
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
  };
}

/**
 * Records one audit event in the same transaction as the change it describes, and the webhook
 * deliveries the change causes (`webhook-outbox.ts`).
 */
export async function recordAudit(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  input: AuditInput,
): Promise<AuditEvent> {
  const event = auditEventOf(deps, actor, input);
  await recordAuditEvents(db, deps, [event]);
  return event;
}

/**
 * Records audit events made by {@link auditEventOf} (a page's, held until its rows are
 * written) in as few statements as the store allows, then the webhook deliveries of each.
 */
export async function recordAuditEvents(
  db: Db,
  deps: AppDeps,
  events: readonly AuditEvent[],
): Promise<void> {
  await insertAuditEvents(db, events);
  // Webhooks hear of the change in its own transaction (the outbox).
  for (const event of events) await emitWebhookEvents(db, deps, event);
}

/** Refuses writes to a closed period: reopen it first (admins). */
export function assertPeriodOpen(period: Period): void {
  if (period.closedAt !== null) {
    throw new OkrError(
      "period_closed",
      `Period ${period.label} was closed at ${period.closedAt}; an admin must reopen it before it can change.`,
      { periodId: period.id },
    );
  }
}

/**
 * An owner from text: the person of that name, else the team of that name, else a role title
 * kept exactly as written. Empty text or null: no owner.
 */
export async function resolveOwner(db: Db, text: string | null | undefined): Promise<Owner | null> {
  const name = text?.trim();
  if (!name) return null;
  const person = await findPersonByName(db, name);
  if (person) return { kind: "person", id: person.id, name: person.name };
  const team = await findTeamByName(db, name);
  if (team) return { kind: "team", id: team.id, name: team.name };
  return { kind: "role", id: null, name };
}

/** An objective or key result by id (ids share one space), or undefined. */
export async function findItem(db: Db, id: Id): Promise<OkrItem | undefined> {
  return (await findObjective(db, id)) ?? (await findKeyResult(db, id));
}

/** The items above `item`, nearest first (stops at the top, or at a loop in stored data). */
export async function findAncestors(db: Db, item: OkrItem): Promise<OkrItem[]> {
  const ancestors: OkrItem[] = [];
  const seen = new Set<Id>([item.id]);
  let parentId = parentIdOf(item);
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = await findItem(db, parentId);
    if (!parent) break;
    ancestors.push(parent);
    parentId = parentIdOf(parent);
  }
  return ancestors;
}

/**
 * Refuses (as `not_found`, so existence does not leak) when `actor` may not see `item`:
 * it is, or hangs under, a confidential objective and the actor is no insider.
 * Returns the ancestors, nearest first, for callers that need them.
 */
export async function assertVisible(db: Db, actor: Actor, item: OkrItem): Promise<OkrItem[]> {
  const ancestors = await findAncestors(db, item);
  if (!isInsider(actor) && isConfidentialChain(item, ancestors)) {
    // The very answer a missing id gets: nothing tells hidden from absent.
    throw new OkrError("not_found", `Item ${item.id} not found`);
  }
  return ancestors;
}

/** The owners whose holders may write an item as viewers: its own, and its objective's. */
export function ownersOf(item: OkrItem, ancestors: readonly OkrItem[]): (Owner | null)[] {
  if (item.type === "objective") return [item.owner];
  const objective = ancestors[0];
  return [item.owner, objective?.owner ?? null];
}
