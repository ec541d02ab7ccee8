/**
 * Comments on objectives and key results: Markdown (shown as sanitised HTML), `@mentions` of
 * people by name, edited by their author only, deleted by their author or an admin, each
 * change audited. Whoever may see an item may comment on it; a comment on an item the reader
 * may not see is refused as the item itself is (`not_found`). A new comment notifies the
 * people it mentions, the earlier commenters (a reply) and the item's followers.
 */
import { OkrError } from "../core/errors.js";
import { findMentions } from "../core/mentions.js";
import type { Id, OkrItem } from "../core/types.js";
import {
  deleteComment as deleteStoredComment,
  findComment,
  insertComment,
  listCommentAuthors,
  listComments as listStoredComments,
  type StoredComment,
  updateComment,
} from "../store/comments.repository.js";
import { type Db, withTransaction } from "../store/db.js";
import { listNotifiableUsers } from "../store/notifications.repository.js";
import { listPeople } from "../store/people.repository.js";
import { nowIso, recordAudit } from "./context.js";
import { CommentInputSchema } from "./conversation-schemas.js";
import type { Actor, AppDeps } from "./deps.js";
import { getItemOfKind, type ItemKindName, notifyFollowers, shownTitleOf } from "./follows.js";
import { parseInput } from "./input.js";
import { getVisibleItem } from "./items.js";
import { linkOf, notify } from "./notifications.js";
import { isAdmin } from "./permissions.js";
import { IdSchema } from "./schemas.js";

/** A comment as a reader gets it. */
export interface Comment {
  id: Id;
  itemId: Id;
  itemKind: "objective" | "key_result";
  authorId: Id | null;
  authorName: string;
  /** Markdown as written. */
  body: string;
  /** The body as sanitised HTML. */
  html: string;
  mentions: { id: Id; name: string }[];
  createdAt: string;
  updatedAt: string;
  edited: boolean;
  /** Whether the reader may edit it (its author) and delete it (its author, admins). */
  canEdit: boolean;
  canDelete: boolean;
}

function isAuthor(actor: Actor, comment: StoredComment): boolean {
  return actor.userId !== null && comment.authorId === actor.userId;
}

/** The comment renderer (and its Markdown parser) loads with the first comment shown, not at start. */
const commentHtml = () => import("../markdown/comment-html.js");

async function present(
  actor: Actor,
  comment: StoredComment,
  names: Map<Id, string>,
): Promise<Comment> {
  const { renderCommentHtml } = await commentHtml();
  return {
    id: comment.id,
    itemId: comment.itemId,
    itemKind: comment.itemKind,
    authorId: comment.authorId,
    authorName: comment.authorName,
    body: comment.body,
    html: renderCommentHtml(comment.body),
    mentions: comment.mentions.map((id) => ({ id, name: names.get(id) ?? "" })),
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    edited: comment.updatedAt !== comment.createdAt,
    canEdit: isAuthor(actor, comment),
    canDelete: isAuthor(actor, comment) || isAdmin(actor),
  };
}

async function peopleNames(db: Db): Promise<Map<Id, string>> {
  return new Map((await listPeople(db)).map((person) => [person.id, person.name]));
}

/** An item's comments, oldest first, for a reader who may see the item. */
export async function listComments(
  deps: AppDeps,
  actor: Actor,
  itemId: Id,
  kind?: ItemKindName,
): Promise<Comment[]> {
  const item = await getItemOfKind(deps.db, actor, parseInput(IdSchema, itemId), kind);
  const [comments, names] = await Promise.all([
    listStoredComments(deps.db, item.id),
    peopleNames(deps.db),
  ]);
  return Promise.all(comments.map((comment) => present(actor, comment, names)));
}

/** The accounts of the people mentioned. */
async function usersOfPeople(db: Db, personIds: readonly Id[]): Promise<Id[]> {
  if (personIds.length === 0) return [];
  const wanted = new Set(personIds);
  return (await listNotifiableUsers(db))
    .filter((user) => user.personId !== null && wanted.has(user.personId))
    .map((user) => user.id);
}

function excerptOf(body: string): string {
  return body.replace(/\s+/g, " ").trim();
}

/** Mentions first, then replies, then followers: each person hears of a comment once. */
async function notifyOfComment(
  deps: AppDeps,
  db: Db,
  actor: Actor,
  item: OkrItem,
  comment: StoredComment,
  earlierAuthors: readonly Id[],
): Promise<void> {
  const title = shownTitleOf(item);
  const body = excerptOf(comment.body);
  const told = new Set<Id>(actor.userId ? [actor.userId] : []);
  // Straight to the comment on the item's page.
  const link = `${linkOf(item)}?comment=${encodeURIComponent(comment.id)}`;
  const mentioned = (await usersOfPeople(db, comment.mentions)).filter((id) => !told.has(id));
  for (const id of await notify(
    deps,
    {
      userIds: mentioned,
      kind: "mention",
      title: `${actor.name} mentioned you on “${title}”`,
      body,
      link,
      itemId: item.id,
    },
    db,
  ))
    told.add(id);
  const repliedTo = earlierAuthors.filter((id) => !told.has(id));
  for (const id of await notify(
    deps,
    {
      userIds: repliedTo,
      kind: "reply",
      title: `${actor.name} replied on “${title}”`,
      body,
      link,
      itemId: item.id,
    },
    db,
  ))
    told.add(id);
  await notifyFollowers(
    deps,
    db,
    actor,
    item,
    { kind: "comment", title: `${actor.name} commented on “${title}”`, body, link },
    told,
  );
}

/** Adds a comment to an objective or key result the actor may see. */
export async function addComment(
  deps: AppDeps,
  actor: Actor,
  itemId: Id,
  input: unknown,
  kind?: ItemKindName,
): Promise<Comment> {
  const { body } = parseInput(CommentInputSchema, input);
  const id = parseInput(IdSchema, itemId);
  return withTransaction(deps.db, async (trx) => {
    const item = await getItemOfKind(trx, actor, id, kind);
    const people = await listPeople(trx);
    const at = nowIso(deps);
    const comment: StoredComment = {
      id: deps.newId(),
      itemId: item.id,
      itemKind: item.type,
      authorId: actor.userId,
      authorName: actor.name,
      body,
      mentions: findMentions(body, people),
      createdAt: at,
      updatedAt: at,
    };
    const earlierAuthors = await listCommentAuthors(trx, item.id);
    await insertComment(trx, comment);
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "comment",
      entityId: comment.id,
      before: null,
      after: comment,
    });
    await notifyOfComment(deps, trx, actor, item, comment, earlierAuthors);
    return present(actor, comment, new Map(people.map((p) => [p.id, p.name])));
  });
}

/** A comment and its item, for a change: `not_found` when either is missing or hidden. */
async function loadComment(db: Db, actor: Actor, id: Id) {
  const comment = await findComment(db, parseInput(IdSchema, id), { lock: true });
  if (!comment) throw new OkrError("not_found", `Comment ${id} not found`);
  try {
    const { item } = await getVisibleItem(db, actor, comment.itemId);
    return { comment, item };
  } catch (error) {
    // A comment on a hidden item is as absent as the item.
    if (error instanceof OkrError && error.code === "not_found")
      throw new OkrError("not_found", `Comment ${id} not found`);
    throw error;
  }
}

/** Changes a comment's text (its author only); people newly mentioned are notified. */
export async function editComment(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<Comment> {
  const { body } = parseInput(CommentInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { comment, item } = await loadComment(trx, actor, id);
    if (!isAuthor(actor, comment))
      throw new OkrError("forbidden", "Only its author may edit a comment.");
    const people = await listPeople(trx);
    const mentions = findMentions(body, people);
    const after: StoredComment = { ...comment, body, mentions, updatedAt: nowIso(deps) };
    await updateComment(trx, comment.id, after);
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "comment",
      entityId: comment.id,
      before: comment,
      after,
    });
    const added = mentions.filter((personId) => !comment.mentions.includes(personId));
    const userIds = (await usersOfPeople(trx, added)).filter((u) => u !== actor.userId);
    await notify(
      deps,
      {
        userIds,
        kind: "mention",
        title: `${actor.name} mentioned you on “${shownTitleOf(item)}”`,
        body: excerptOf(body),
        link: `${linkOf(item)}?comment=${encodeURIComponent(comment.id)}`,
        itemId: item.id,
      },
      trx,
    );
    return present(actor, after, new Map(people.map((p) => [p.id, p.name])));
  });
}

/** Deletes a comment: its author, or an admin. */
export async function deleteComment(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  await withTransaction(deps.db, async (trx) => {
    const { comment } = await loadComment(trx, actor, id);
    if (!isAuthor(actor, comment) && !isAdmin(actor))
      throw new OkrError("forbidden", "Only its author or an admin may delete a comment.");
    await deleteStoredComment(trx, comment.id);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "comment",
      entityId: comment.id,
      before: comment,
      after: null,
    });
  });
}
