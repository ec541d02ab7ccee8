/** Comments on objectives and key results: Markdown as written, the people it mentions. */
import type { Id, IsoDateTime } from "../core/types.js";
import { type Db, isPostgres } from "./db.js";
import type { CommentsTable } from "./schema-items.js";

export type CommentItemKind = "objective" | "key_result";

/** A comment as stored. */
export interface StoredComment {
  id: Id;
  itemId: Id;
  itemKind: CommentItemKind;
  authorId: Id | null;
  authorName: string;
  body: string;
  /** The ids of the people the body mentions. */
  mentions: Id[];
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

function idsOf(text: string): Id[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((id): id is Id => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function commentOf(row: CommentsTable): StoredComment {
  return {
    id: row.id,
    itemId: row.item_id,
    itemKind: row.item_kind === "objective" ? "objective" : "key_result",
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    mentions: idsOf(row.mentions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertComment(db: Db, comment: StoredComment): Promise<StoredComment> {
  await db
    .insertInto("comments")
    .values({
      id: comment.id,
      item_id: comment.itemId,
      item_kind: comment.itemKind,
      author_id: comment.authorId,
      author_name: comment.authorName,
      body: comment.body,
      mentions: JSON.stringify(comment.mentions),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
    })
    .execute();
  return comment;
}

/** A comment by id; `lock` holds its row until the transaction ends (PostgreSQL). */
export async function findComment(
  db: Db,
  id: Id,
  options: { lock?: boolean } = {},
): Promise<StoredComment | undefined> {
  let query = db.selectFrom("comments").selectAll().where("id", "=", id);
  if (options.lock && isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? commentOf(row) : undefined;
}

/** An item's comments, oldest first (ties by id). */
export async function listComments(db: Db, itemId: Id): Promise<StoredComment[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("item_id", "=", itemId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(commentOf);
}

/** Sets a comment's body and mentions. */
export async function updateComment(
  db: Db,
  id: Id,
  change: { body: string; mentions: Id[]; updatedAt: IsoDateTime },
): Promise<void> {
  await db
    .updateTable("comments")
    .set({
      body: change.body,
      mentions: JSON.stringify(change.mentions),
      updated_at: change.updatedAt,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteComment(db: Db, id: Id): Promise<void> {
  await db.deleteFrom("comments").where("id", "=", id).execute();
}

/** The distinct authors (user ids) of an item's comments. */
export async function listCommentAuthors(db: Db, itemId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("comments")
    .select("author_id")
    .distinct()
    .where("item_id", "=", itemId)
    .where("author_id", "is not", null)
    .execute();
  return rows.map((row) => row.author_id).filter((id): id is Id => id !== null);
}
