/**
 * Who may do what. Viewers read; editors and admins write; owners (their person, their team,
 * or the role title their person holds) may edit and check in on their own OKRs even as viewers; settings, users and the audit log are for admins only.
 * Pure: the caller loads what these rules look at (the item, the actor's teams).
 */
import { OkrError } from "../core/errors.js";
import { type OwnerDirectory, ownerDirectory } from "../core/owners.js";
import type { Id, Owner } from "../core/types.js";
import type { Actor } from "./deps.js";

/**
 * What "mine" means for an actor: their person, the teams that person belongs to, and the
 * role title that person holds (a line owned by role "VP Sales" is the VP Sales's).
 */
export interface Membership {
  personId: Id | null;
  teamIds: readonly Id[];
  /** The person's title ("VP Sales"); null or absent when they have none. */
  roleTitle?: string | null;
}

/** Insiders see confidential objectives and targets; admins always do. */
export function isInsider(actor: Actor): boolean {
  return actor.role === "admin" || actor.insider;
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

/** Editors and admins may write anything that is not admin-only. */
export function canEdit(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "editor";
}

const directories = new WeakMap<Membership, OwnerDirectory>();

/** The owner model (core `ownerDirectory`) over the actor's own person and teams. */
function directoryOf(membership: Membership): OwnerDirectory {
  let directory = directories.get(membership);
  if (!directory) {
    const me = membership.personId
      ? [
          {
            id: membership.personId,
            name: "",
            email: null,
            title: membership.roleTitle ?? null,
            teamId: membership.teamIds[0] ?? null,
          },
        ]
      : [];
    const teams = membership.teamIds.map((id) => ({ id, name: "", parentId: null }));
    directory = ownerDirectory(me, teams);
    directories.set(membership, directory);
  }
  return directory;
}

/**
 * Whether `owner` is the actor's: their person, one of their teams, or a role title they hold.
 * Decided by the one owner model, `ownerDirectory` in core.
 */
export function isOwnedBy(owner: Owner | null, membership: Membership): boolean {
  return directoryOf(membership).ownedByMember(owner, membership);
}

/** Refuses unless the actor is an admin. */
export function assertAdmin(actor: Actor, what: string): void {
  if (!isAdmin(actor)) throw new OkrError("forbidden", `Only admins may ${what}.`);
}

/** Refuses unless the actor is an editor or an admin. */
export function assertEditor(actor: Actor, what: string): void {
  if (!canEdit(actor)) throw new OkrError("forbidden", `Viewers may not ${what}.`);
}

/**
 * Refuses unless the actor may write an item: editors and admins always, viewers when one of
 * `owners` (the item's owner, or the owner of the objective it belongs to) is theirs.
 */
export function assertCanWriteItem(
  actor: Actor,
  owners: readonly (Owner | null)[],
  membership: Membership,
  what: string,
): void {
  if (canEdit(actor)) return;
  if (owners.some((owner) => isOwnedBy(owner, membership))) return;
  throw new OkrError("forbidden", `Viewers may only ${what} on OKRs they own.`);
}

/**
 * The numbers of a key result that say what its target is: with the progress a non-insider
 * sees, any one of them (or a check-in value) gives the hidden target away.
 */
export const TARGET_NUMBER_FIELDS = ["kind", "unit", "start", "target", "direction"] as const;

/**
 * The confidentiality rule every path (API, import, check-in) goes through: only insiders
 * make an objective or a target confidential or public, or change the numbers of a key result
 * whose target is confidential. `what` names the change for the refusal.
 */
export function assertMayChangeConfidential(
  actor: Actor,
  change: {
    /** The change sets `confidential` or `targetConfidential` (to anything). */
    confidentiality?: boolean;
    /** The key result's target is confidential and the change touches its numbers. */
    hiddenNumbers?: boolean;
  },
  where = "",
): void {
  if (isInsider(actor)) return;
  if (change.confidentiality) {
    throw new OkrError(
      "forbidden",
      `${where}Only insiders may make an objective or a target confidential, or public again.`,
    );
  }
  if (change.hiddenNumbers) {
    throw new OkrError(
      "forbidden",
      `${where}Only insiders may change the kind, unit, start, target or direction of a key result whose target is confidential, or check in a value on it; check in its progress instead.`,
    );
  }
}
