/**
 * Following an objective or key result: its followers hear of its comments, check-ins and
 * changes. The owners follow their own by default (their person, a team they are in, a role
 * title they hold: the one owner model, `ownerDirectory`), until they unfollow.
 */
import { OkrError } from "../core/errors.js";
import { type Member, type OwnerDirectory, ownerDirectory } from "../core/owners.js";
import type { CheckIn, Id, KeyResult, OkrItem } from "../core/types.js";
import type { Db } from "../store/db.js";
import {
  findFollowChoice,
  listAccountPeople,
  listFollowChoices,
  setFollow,
} from "../store/follows.repository.js";
import { nowIso } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { getVisibleItem } from "./items.js";
import {
  linkOf,
  type NotificationKind,
  notify,
  OUTSIDER,
  type PlannedNotice,
  planNotice,
  writeNotice,
} from "./notifications.js";
import type { NotifyTargets } from "./notify-targets.js";
import { IdSchema } from "./schemas.js";
import { presentItem } from "./visibility.js";

/** Whether the caller follows an item, and whether that is because they own it. */
export interface FollowState {
  following: boolean;
  /** The caller owns the item, so follows it unless they unfollowed. */
  owner: boolean;
}

/**
 * The user ids of the accounts whose person owns `item`, decided by the owner model over the
 * people who have accounts (a role title resolves to those of them who hold it).
 */
async function ownerUserIds(
  db: Db,
  item: OkrItem,
  known?: NotifyTargets["accounts"],
): Promise<Set<Id>> {
  if (!item.owner) return new Set();
  const accounts = known ?? (await listAccountPeople(db));
  const { directory, members } = accountDirectoryOf(accounts);
  const owns = directory.ownsMember(item.owner);
  const owners = new Set<Id>();
  for (let i = 0; i < accounts.length; i++) {
    if (owns(members[i] as Member)) owners.add((accounts[i] as AccountPerson).userId);
  }
  return owners;
}

type AccountPerson = NotifyTargets["accounts"][number];

/** The owner model over the people who have accounts, made once per list of them. */
const accountDirectories = new WeakMap<
  readonly AccountPerson[],
  { directory: OwnerDirectory; members: Member[] }
>();

function accountDirectoryOf(accounts: readonly AccountPerson[]) {
  const kept = accountDirectories.get(accounts);
  if (kept) return kept;
  const people = accounts.map((a) => ({
    id: a.personId,
    name: a.name,
    email: null,
    title: a.title,
    teamId: a.teamId,
  }));
  const teamIds = [...new Set(accounts.map((a) => a.teamId).filter((id): id is Id => id !== null))];
  const made = {
    directory: ownerDirectory(
      people,
      teamIds.map((id) => ({ id, name: "", parentId: null })),
    ),
    members: accounts.map((a) => ({ personId: a.personId, teamIds: a.teamId ? [a.teamId] : [] })),
  };
  accountDirectories.set(accounts, made);
  return made;
}

/**
 * Who follows `item`: those who chose to, and its owners who did not unfollow. `known`, the
 * targets kept between writes (notify-targets.ts), spares the reads it holds.
 */
export async function followersOf(db: Db, item: OkrItem, known?: NotifyTargets): Promise<Set<Id>> {
  const [choices, owners] = await Promise.all([
    known && !known.itemsWithChoices.has(item.id)
      ? new Map<Id, boolean>()
      : listFollowChoices(db, item.id),
    ownerUserIds(db, item, known?.accounts),
  ]);
  const followers = new Set<Id>();
  for (const id of owners) if (choices.get(id) !== false) followers.add(id);
  for (const [id, following] of choices) if (following) followers.add(id);
  return followers;
}

export type ItemKindName = "objective" | "key_result";

/**
 * The item by id as the actor may see it; with `kind`, it must be of that kind (an objective's
 * id under `/key-results/` is as absent as any unknown id).
 */
export async function getItemOfKind(
  db: Db,
  actor: Actor,
  id: Id,
  kind?: ItemKindName,
): Promise<OkrItem> {
  const { item } = await getVisibleItem(db, actor, id);
  if (kind && item.type !== kind) {
    throw new OkrError(
      "not_found",
      `${kind === "objective" ? "Objective" : "Key result"} ${id} not found`,
    );
  }
  return item;
}

function userOf(actor: Actor, what: string): Id {
  if (!actor.userId) throw new OkrError("invalid_input", `Only a user account may ${what}.`);
  return actor.userId;
}

/** Whether the caller follows the item (`not_found` when they may not see it). */
export async function getFollowState(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  kind?: ItemKindName,
): Promise<FollowState> {
  const item = await getItemOfKind(deps.db, actor, parseInput(IdSchema, id), kind);
  if (!actor.userId) return { following: false, owner: false };
  const [choice, owners] = await Promise.all([
    findFollowChoice(deps.db, actor.userId, item.id),
    ownerUserIds(deps.db, item),
  ]);
  const owner = owners.has(actor.userId);
  return { following: choice ?? owner, owner };
}

/** Follows (`following` true) or unfollows an item the caller may see. */
export async function setFollowing(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  following: boolean,
  kind?: ItemKindName,
): Promise<FollowState> {
  const userId = userOf(actor, following ? "follow" : "unfollow");
  const item = await getItemOfKind(deps.db, actor, parseInput(IdSchema, id), kind);
  await setFollow(deps.db, {
    id: deps.newId(),
    userId,
    itemId: item.id,
    itemKind: item.type,
    following,
    at: nowIso(deps),
  });
  return getFollowState(deps, actor, item.id);
}

/** The title as every reader may see it (a confidential target's numbers hidden). */
export function shownTitleOf(item: OkrItem): string {
  return presentItem(OUTSIDER, item).title;
}

/**
 * Tells the followers of `item` (not the actor, nor anyone in `skip`) what happened, in the
 * caller's transaction. Answers who was told.
 */
export async function notifyFollowers(
  deps: AppDeps,
  db: Db,
  actor: Actor,
  item: OkrItem,
  event: {
    kind: NotificationKind;
    title: string;
    body?: string | null;
    link?: string;
    underConfidential?: boolean;
  },
  skip: ReadonlySet<Id> = new Set(),
  known?: NotifyTargets,
): Promise<Id[]> {
  const userIds = await recipientsOf(db, actor, item, skip, known);
  return notify(deps, { ...event, userIds, link: event.link ?? linkOf(item), itemId: item.id }, db);
}

/** Whom a change to an item by `actor` is told to: its followers but the actor and `skip`. */
export async function recipientsOf(
  db: Db,
  actor: Actor,
  item: OkrItem,
  skip: ReadonlySet<Id>,
  known?: NotifyTargets,
): Promise<Id[]> {
  const followers = await followersOf(db, item, known);
  return [...followers].filter((id) => id !== actor.userId && !skip.has(id));
}

/**
 * Tells a key result's followers of a check-in (its progress, health and note, never its
 * value) in `db`, the check-in's transaction: what `planCheckInNotice` plans, written.
 */
export async function notifyOfCheckIn(
  ...args: Parameters<typeof planCheckInNotice>
): Promise<void> {
  const [deps, db] = args;
  const notice = await planCheckInNotice(...args);
  if (notice) await writeNotice(deps, db, notice);
}

/**
 * What telling a key result's followers of a check-in writes, read in `db` but written
 * nowhere (a check-in may write it in its own statement). Undefined when nobody is told.
 */
export async function planCheckInNotice(
  deps: AppDeps,
  db: Db,
  actor: Actor,
  keyResult: KeyResult,
  checkIn: CheckIn,
  known?: NotifyTargets,
  underConfidential?: boolean,
): Promise<PlannedNotice | undefined> {
  const userIds = await recipientsOf(db, actor, keyResult, new Set(), known);
  const event = checkInEvent(actor, keyResult, checkIn, underConfidential);
  return planNotice(deps, { ...event, userIds, link: linkOf(keyResult), itemId: keyResult.id }, db);
}

function checkInEvent(
  actor: Actor,
  keyResult: KeyResult,
  checkIn: CheckIn,
  underConfidential: boolean | undefined,
) {
  const parts = [
    checkIn.progress !== null ? `Progress ${Math.round(checkIn.progress * 100)}%` : null,
    checkIn.health ? checkIn.health.replace(/_/g, " ") : null,
    checkIn.note.trim() || null,
  ].filter((part): part is string => part !== null);
  return {
    kind: "check_in" as const,
    title: `${actor.name} checked in on “${shownTitleOf(keyResult)}”`,
    body: parts.join(" · ") || null,
    underConfidential,
  };
}

/** Tells an item's followers that someone changed it. */
export async function notifyOfChange(
  deps: AppDeps,
  db: Db,
  actor: Actor,
  item: OkrItem,
): Promise<void> {
  await notifyFollowers(deps, db, actor, item, {
    kind: "change",
    title: `${actor.name} changed “${shownTitleOf(item)}”`,
  });
}
