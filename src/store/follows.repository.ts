/** Who follows which objective or key result; `following = 0` is an owner's unfollow. */
import type { Id, IsoDateTime } from "../core/types.js";
import type { CommentItemKind } from "./comments.repository.js";
import type { Db } from "./db.js";

/** Follows (true) or unfollows (false) an item, replacing any earlier choice. */
export async function setFollow(
  db: Db,
  choice: {
    id: Id;
    userId: Id;
    itemId: Id;
    itemKind: CommentItemKind;
    following: boolean;
    at: IsoDateTime;
  },
): Promise<void> {
  const following = choice.following ? 1 : 0;
  await db
    .insertInto("follows")
    .values({
      id: choice.id,
      user_id: choice.userId,
      item_id: choice.itemId,
      item_kind: choice.itemKind,
      following,
      updated_at: choice.at,
    })
    .onConflict((conflict) =>
      conflict.columns(["user_id", "item_id"]).doUpdateSet({ following, updated_at: choice.at }),
    )
    .execute();
}

/** Every recorded choice on an item: user id -> follows (true) or unfollowed (false). */
export async function listFollowChoices(db: Db, itemId: Id): Promise<Map<Id, boolean>> {
  const rows = await db
    .selectFrom("follows")
    .select(["user_id", "following"])
    .where("item_id", "=", itemId)
    .execute();
  return new Map(rows.map((row) => [row.user_id, Number(row.following) === 1]));
}

/** One user's recorded choice on an item, or undefined when they never chose. */
export async function findFollowChoice(
  db: Db,
  userId: Id,
  itemId: Id,
): Promise<boolean | undefined> {
  const row = await db
    .selectFrom("follows")
    .select("following")
    .where("user_id", "=", userId)
    .where("item_id", "=", itemId)
    .executeTakeFirst();
  return row ? Number(row.following) === 1 : undefined;
}

/** The enabled accounts that are a person, with that person (what "owns it" is decided on). */
export async function listAccountPeople(
  db: Db,
): Promise<{ userId: Id; personId: Id; name: string; title: string | null; teamId: Id | null }[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("people", "people.id", "users.person_id")
    .select([
      "users.id as user_id",
      "people.id as person_id",
      "people.name as name",
      "people.title as title",
      "people.team_id as team_id",
    ])
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    personId: row.person_id,
    name: row.name,
    title: row.title,
    teamId: row.team_id,
  }));
}
