/** Browser sessions: stored by a hash of the secret in the cookie, with their CSRF token. */
import type { Id, IsoDateTime, User } from "../core/types.js";
import type { Db } from "./db.js";
import type { SessionsTable } from "./schema.js";
import { JOINED_USER_COLUMNS, userOfJoined } from "./users.repository.js";

export interface Session {
  /** A hash of the cookie's secret. */
  id: string;
  userId: Id;
  csrfToken: string;
  expiresAt: IsoDateTime;
  createdAt: IsoDateTime;
}

function sessionOf(row: SessionsTable): Session {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

export async function insertSession(db: Db, session: Session): Promise<Session> {
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      created_at: session.createdAt,
    })
    .execute();
  return session;
}

/**
 * The session with that id, if it has not expired at `now`, with its user: one read, as every
 * request with a cookie makes it.
 */
export async function findSession(
  db: Db,
  id: string,
  now: IsoDateTime,
): Promise<{ session: Session; user: User } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("sessions")
    .select(JOINED_USER_COLUMNS)
    .where("sessions.id", "=", id)
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
  return row ? { session: sessionOf(row), user: userOfJoined(row) } : undefined;
}

/** Moves a session's expiry (sliding sessions). */
export async function extendSession(db: Db, id: string, expiresAt: IsoDateTime): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Signs a user out everywhere, or everywhere but the session `exceptId`. */
export async function deleteSessionsOfUser(
  db: Db,
  userId: Id,
  exceptId: string | null = null,
): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptId !== null) query = query.where("id", "!=", exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: IsoDateTime): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
