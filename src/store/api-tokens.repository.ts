/** Personal API tokens: stored as a hash; lists show the prefix only. */
import type { Id, IsoDateTime, User } from "../core/types.js";
import { type Db, notFound } from "./db.js";
import { firstRow, prepared } from "./prepared.js";
import type { ApiTokensTable } from "./schema-accounts.js";
import { JOINED_USER_COLUMNS, userOfJoined } from "./users.repository.js";

export interface StoredApiToken {
  id: Id;
  userId: Id;
  name: string;
  tokenHash: string;
  prefix: string;
  expiresAt: IsoDateTime | null;
  revokedAt: IsoDateTime | null;
  lastUsedAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

function apiTokenOf(row: ApiTokensTable): StoredApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    prefix: row.prefix,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
  };
}

export async function insertApiToken(db: Db, token: StoredApiToken): Promise<StoredApiToken> {
  await db
    .insertInto("api_tokens")
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      expires_at: token.expiresAt,
      revoked_at: token.revokedAt,
      last_used_at: token.lastUsedAt,
      created_at: token.createdAt,
    })
    .execute();
  return token;
}

export async function findApiToken(db: Db, id: Id): Promise<StoredApiToken | undefined> {
  const row = await db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? apiTokenOf(row) : undefined;
}

/**
 * The token with that hash, if it is neither revoked nor expired at `now`, with its user: one
 * read, as every request with a token makes it.
 */
export async function findUsableApiTokenByHash(
  db: Db,
  tokenHash: string,
  now: IsoDateTime,
): Promise<{ token: StoredApiToken; user: User } | undefined> {
  const row = await firstRow(usableTokenByHash, db, { tokenHash, now });
  return row ? { token: apiTokenOf(row), user: userOfJoined(row) } : undefined;
}

const usableTokenByHash = prepared((db, p: { tokenHash: string; now: IsoDateTime }) =>
  db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select(JOINED_USER_COLUMNS)
    .where("api_tokens.token_hash", "=", p.tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .where((eb) =>
      eb.or([eb("api_tokens.expires_at", "is", null), eb("api_tokens.expires_at", ">", p.now)]),
    ),
);

/** A user's tokens, oldest first. */
export async function listApiTokens(db: Db, userId: Id): Promise<StoredApiToken[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(apiTokenOf);
}

export async function revokeApiToken(db: Db, id: Id, at: IsoDateTime): Promise<void> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0 && !(await findApiToken(db, id)))
    throw notFound("API token", id);
}

export async function touchApiToken(db: Db, id: Id, at: IsoDateTime): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}

/** A token with its owner's email and name, for the admin list. */
export interface StoredApiTokenWithOwner extends StoredApiToken {
  userEmail: string;
  userName: string;
}

/** Every user's tokens, by owner name then age. */
export async function listAllApiTokens(db: Db): Promise<StoredApiTokenWithOwner[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select(["users.email as user_email", "users.name as user_name"])
    .orderBy("users.name")
    .orderBy("api_tokens.created_at")
    .orderBy("api_tokens.id")
    .execute();
  return rows.map((row) => ({
    ...apiTokenOf(row),
    userEmail: row.user_email,
    userName: row.user_name,
  }));
}

/** Revokes every usable token of a user at `at`; returns how many. */
export async function revokeApiTokensOfUser(db: Db, userId: Id, at: IsoDateTime): Promise<number> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
