/**
 * The lifecycle objectives and key results share, written once: a versioned patch with its
 * audit event, the revision every edit goes through (the API's update and an import's page
 * line alike), a place among siblings (move, reorder, renumbering the others), archiving, the
 * audit of a creation. The confidentiality rule both apply is `assertMayChangeConfidential`.
 * Each kind keeps its own create, update and move (their fields and parents differ) and hands
 * this module an {@link ItemKind}.
 */
import type {
  Id,
  IsoDateTime,
  KeyResult,
  Link,
  Objective,
  OkrItem,
  Owner,
  Period,
} from "../core/types.js";
import { validateTitle } from "../core/validate.js";
import { type Db, withTransaction } from "../store/db.js";
import { type NewLink, replaceLinks } from "../store/links.repository.js";
import { assertPeriodOpen, nowIso, ownersOf } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { notifyOfChange } from "./follows.js";
import { parseInput } from "./input.js";
import { type ItemWrites, WRITE_NOW } from "./item-writes.js";
import {
  assertMayWrite,
  getVisibleItem,
  loadForWrite,
  membershipForWrite,
  newLinks,
  positionsAfterMove,
  type WriteTarget,
  withPresentedConflict,
} from "./items.js";
import { assertCanWriteItem } from "./permissions.js";
import { IdSchema, type LinkInput, ReorderInputSchema, VersionInputSchema } from "./schemas.js";
import { storedIndexOf } from "./visibility.js";

/** The fields every item takes in a patch from the lifecycle itself. */
export interface LifecyclePatch {
  position?: number;
  archived?: boolean;
}

/** How the lifecycle reaches one kind of item. */
export interface ItemKind<T extends Objective | KeyResult, P, V> {
  entity: "objective" | "key_result";
  /** How a refusal names them: "objectives". */
  plural: string;
  /** Narrows a loaded item to this kind, or `not_found`. */
  expect(item: OkrItem): T;
  /** The store's versioned update. */
  update(db: Db, id: Id, version: number, patch: P | LifecyclePatch, at: IsoDateTime): Promise<T>;
  /** The item's siblings, the item included, in position order. */
  siblingsOf(db: Db, item: T): Promise<T[]>;
  /** The item as the actor may see it. */
  present(actor: Actor, item: T): V;
}

/**
 * Applies a versioned patch (`version_conflict` shown through visibility), replaces the item's
 * links when `links` are given, and audits it.
 */
export async function patchItem<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  db: Db,
  deps: AppDeps,
  actor: Actor,
  before: T,
  version: number,
  patch: P | LifecyclePatch,
  action: string,
  links?: readonly NewLink[],
  writes: ItemWrites = WRITE_NOW,
): Promise<T> {
  let after = await withPresentedConflict(
    actor,
    () => kind.update(db, before.id, version, patch, nowIso(deps)),
    db,
  );
  if (links !== undefined) {
    const target =
      kind.entity === "objective" ? { objectiveId: before.id } : { keyResultId: before.id };
    await replaceLinks(db, target, links);
    after = { ...after, links: links.map(({ id, kind, text, url }) => ({ id, kind, text, url })) };
  }
  await writes.audit(db, deps, actor, {
    action,
    entity: kind.entity,
    entityId: before.id,
    before,
    after,
  });
  // What a reader calls a change (not a move among siblings) reaches the item's followers.
  if (action === "update" || action === "archive") await notifyOfChange(deps, db, actor, after);
  return after;
}

/** A change to a stored item: the version it was read at, the fields, its new links if any. */
export interface Revision<P> {
  version: number;
  patch: P | LifecyclePatch;
  links?: readonly NewLink[];
  /** How the audit names it: "update" from the API, "import" from a page. */
  action: string;
  /** Where its audit event goes: now, unless an import holds it for its page. */
  writes?: ItemWrites;
}

/**
 * Changes a stored item: the write every edit goes through, whatever path it comes from (the
 * API's update, a page line in an import). The actor must be allowed to write the item and its
 * period open; then the versioned patch, its links, and one audit event. The kind's own rules
 * (fields, confidentiality, a new parent) are checked by its caller first.
 */
export async function reviseItem<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  db: Db,
  deps: AppDeps,
  actor: Actor,
  target: WriteTarget<T>,
  revision: Revision<P>,
): Promise<T> {
  await assertMayWrite(db, actor, target, "edit");
  const { version, patch, action, links, writes } = revision;
  return patchItem(kind, db, deps, actor, target.item, version, patch, action, links, writes);
}

/**
 * Refuses putting an item under `parent` (null: the top level) unless the actor may write
 * there: a viewer adds or moves items only under their own. `what` names the refused act.
 */
export async function assertMayWriteUnder(
  db: Db,
  actor: Actor,
  parent: { item: OkrItem; ancestors: OkrItem[] } | null,
  what: string,
): Promise<void> {
  const owners = parent ? ownersOf(parent.item, parent.ancestors) : [];
  assertCanWriteItem(actor, owners, await membershipForWrite(db, actor), what);
}

/** As {@link assertMayWriteUnder}, for a new item: its period must be open too. */
export async function assertMayAddUnder(
  db: Db,
  actor: Actor,
  parent: { item: OkrItem; ancestors: OkrItem[] } | null,
  period: Period,
  what: string,
): Promise<void> {
  await assertMayWriteUnder(db, actor, parent, what);
  assertPeriodOpen(period);
}

/**
 * An item's title: text of up to 2,000 characters, not empty — except on a page's owner line
 * (`**Sales**:` with its key results below), an item its owner names. The API's input schema
 * asks for a title, so only an import makes those.
 */
export function validateItemTitle(title: string, owner: Owner | null): void {
  if (title.trim() === "" && owner !== null) return;
  validateTitle(title);
}

/** The links a create request gives, with fresh ids (kind `other` and no text by default). */
export function linksOfInput(deps: AppDeps, links: readonly LinkInput[] | undefined): Link[] {
  return newLinks(
    deps,
    links?.map((l) => ({ kind: l.kind ?? "other", text: l.text ?? "", url: l.url })),
  );
}

/** What every new item starts with, whatever path makes it. */
type MadeByLifecycle =
  | "id"
  | "createdAt"
  | "updatedAt"
  | "version"
  | "position"
  | "archived"
  | "carriedFromId"
  | "carriedToId";

/** A new item as a path hands it in: its own fields, and `position` when it says where. */
export type ItemDraft<N> = Omit<N, MadeByLifecycle> & { position?: number };

/** The fields the lifecycle gives a new item: a fresh id, its place, not archived, made now. */
export interface MadeFields {
  id: Id;
  position: number;
  archived: false;
  carriedFromId: null;
  carriedToId: null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/**
 * How a path adds an item: the audit's name for it ("create" from the API, "import" from a
 * page), where it goes when the caller already knows (`K`), and where its writes go.
 */
export interface AddOptions<K> {
  action?: string;
  known?: K;
  writes?: ItemWrites;
}

/**
 * Inserts a new item (`insert` adds the kind's own fields to `made` and writes it through
 * `made.writes`) and audits it there.
 */
export async function addItem<T extends Objective | KeyResult>(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  made: {
    entity: "objective" | "key_result";
    action: string;
    position: number;
    writes: ItemWrites;
  },
  insert: (fields: MadeFields) => Promise<T>,
): Promise<T> {
  const at = nowIso(deps);
  const item = await insert({
    id: deps.newId(),
    position: made.position,
    archived: false,
    carriedFromId: null,
    carriedToId: null,
    createdAt: at,
    updatedAt: at,
  });
  await made.writes.audit(db, deps, actor, {
    action: made.action,
    entity: made.entity,
    entityId: item.id,
    before: null,
    after: item,
  });
  return item;
}

/**
 * Runs an edit of item `id` in one transaction, on the item as the actor may see it, narrowed
 * to `kind` (the edit's revision checks who may write it and that its period is open).
 */
export function editItem<T extends Objective | KeyResult, P, V, R>(
  kind: ItemKind<T, P, V>,
  deps: AppDeps,
  actor: Actor,
  id: Id,
  edit: (trx: Db, target: WriteTarget<T>) => Promise<R>,
): Promise<R> {
  return withTransaction(deps.db, async (trx) => {
    const found = await getVisibleItem(trx, actor, parseInput(IdSchema, id));
    return edit(trx, { ...found, item: kind.expect(found.item) });
  });
}

/** Runs a move of item `id` in one transaction, once the actor may write it (`move …`). */
export function moveItem<T extends Objective | KeyResult, P, V, R>(
  kind: ItemKind<T, P, V>,
  deps: AppDeps,
  actor: Actor,
  id: Id,
  move: (trx: Db, before: T, period: Period) => Promise<R>,
): Promise<R> {
  return withTransaction(deps.db, async (trx) => {
    const what = `move ${kind.plural}`;
    const { item, period } = await loadForWrite(trx, actor, parseInput(IdSchema, id), what);
    return move(trx, kind.expect(item), period);
  });
}

/** The position after the last of `siblings`: where a new item goes unless told. */
export function positionAfter(siblings: readonly { position: number }[]): number {
  return siblings.reduce((max, s) => Math.max(max, s.position + 1), 0);
}

/** Gives the siblings whose position changed their new one (versioned, like any write). */
export async function renumberSiblings<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  db: Db,
  deps: AppDeps,
  siblings: readonly T[],
  positions: ReadonlyMap<Id, number>,
): Promise<void> {
  for (const sibling of siblings) {
    const position = positions.get(sibling.id);
    if (position === undefined) continue;
    await kind.update(db, sibling.id, sibling.version, { position }, nowIso(deps));
  }
}

/**
 * Puts `before` at `index` (default: last) among `siblings` (its new siblings, itself left
 * out) with `patch` (its new parent), audited as a move, and renumbers the others.
 */
export async function placeAmong<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  db: Db,
  deps: AppDeps,
  actor: Actor,
  move: { before: T; version: number; siblings: readonly T[]; index?: number; patch: P },
): Promise<T> {
  const { before, siblings } = move;
  // A place the actor sends is among the siblings they see.
  const index =
    move.index === undefined ? siblings.length : storedIndexOf(actor, siblings, move.index);
  const positions = positionsAfterMove(
    [...siblings, { id: before.id, position: -1 }],
    before.id,
    index,
  );
  const position = positions.get(before.id) ?? index;
  const moved = await patchItem(
    kind,
    db,
    deps,
    actor,
    before,
    move.version,
    { ...move.patch, position },
    "move",
  );
  await renumberSiblings(kind, db, deps, siblings, positions);
  return moved;
}

/** Moves an item to `position` (0 = first) among its siblings. */
export async function reorderItem<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<V> {
  const data = parseInput(ReorderInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const what = `reorder ${kind.plural}`;
    const { item } = await loadForWrite(trx, actor, parseInput(IdSchema, id), what);
    const before = kind.expect(item);
    const siblings = await kind.siblingsOf(trx, before);
    // A place the actor sends is among the siblings they see.
    const others = siblings.filter((s) => s.id !== before.id);
    const index = storedIndexOf(actor, others, data.position);
    const positions = positionsAfterMove(siblings, before.id, index);
    const position = positions.get(before.id) ?? before.position;
    const moved = await patchItem(
      kind,
      trx,
      deps,
      actor,
      before,
      data.version,
      { position },
      "reorder",
    );
    await renumberSiblings(kind, trx, deps, others, positions);
    return kind.present(actor, moved);
  });
}

/** Archives an item: it stays in history but leaves roll-ups and lists. */
export async function archiveItem<T extends Objective | KeyResult, P, V>(
  kind: ItemKind<T, P, V>,
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<V> {
  const { version } = parseInput(VersionInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, parseInput(IdSchema, id), "archive");
    const before = kind.expect(item);
    const after = await patchItem(
      kind,
      trx,
      deps,
      actor,
      before,
      version,
      { archived: true },
      "archive",
    );
    return kind.present(actor, after);
  });
}
