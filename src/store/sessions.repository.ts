/** Browser sessions: stored by a hash of the secret in the cookie, with their CSRF token. */
import type { Id, IsoDateTime, User } from "../core/types.js";
import type { Db } from "./db.js";
import { firstRow, prepared } from "./prepared.js";
import type { SessionsTable } from "./schema-accounts.js";
import { JOINED_USER_COLUMNS, userOfJoined } from "./users.repository.js";

export interface Session {
  /** A hash of the cookie's secret. */
  id: string;
  userId: Id;
  csrfToken: string;
  expiresAt: IsoDateTime;
  createdAt: IsoDateTime;
  /** The browser's User-Agent at sign-in, if it sent one. */
  userAgent: string | null;
  /** The last request it made, to within a few minutes (null: none since sign-in). */
  lastSeenAt: IsoDateTime | null;
}

/** A session as opened: the device and last use may be left out. */
export type NewSession = Omit<Session, "userAgent" | "lastSeenAt"> &
  Partial<Pick<Session, "userAgent" | "lastSeenAt">>;

function sessionOf(row: SessionsTable): Session {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    userAgent: row.user_agent,
    lastSeenAt: row.last_seen_at,
  };
}

export async function insertSession(db: Db, session: NewSession): Promise<Session> {
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      created_at: session.createdAt,
      user_agent: session.userAgent ?? null,
      last_seen_at: session.lastSeenAt ?? null,
    })
    .execute();
  return {
    ...session,
    userAgent: session.userAgent ?? null,
    lastSeenAt: session.lastSeenAt ?? null,
  };
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
  const row = await firstRow(liveSession, db, { id, now });
  return row ? { session: sessionOf(row), user: userOfJoined(row) } : undefined;
}

const liveSession = prepared((db, p: { id: string; now: IsoDateTime }) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("sessions")
    .select(JOINED_USER_COLUMNS)
    .where("sessions.id", "=", p.id)
    .where("sessions.expires_at", ">", p.now),
);

/** Moves a session's expiry (sliding sessions) and records when it was last seen. */
export async function extendSession(
  db: Db,
  id: string,
  expiresAt: IsoDateTime,
  lastSeenAt: IsoDateTime | null = null,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ expires_at: expiresAt, ...(lastSeenAt ? { last_seen_at: lastSeenAt } : {}) })
    .where("id", "=", id)
    .execute();
}

/** A user's sessions that have not expired at `now`, most recently used first. */
export async function listSessionsOfUser(db: Db, userId: Id, now: IsoDateTime): Promise<Session[]> {
  const rows = await db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .execute();
  const seen = (s: Session) => s.lastSeenAt ?? s.createdAt;
  return rows
    .map(sessionOf)
    .sort((a, b) => seen(b).localeCompare(seen(a)) || a.id.localeCompare(b.id));
}

/** Ends one of a user's sessions; false when the user has no session with that id. */
export async function deleteSessionOfUser(db: Db, userId: Id, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user but one (the one making the request). */
export async function deleteOtherSessionsOfUser(
  db: Db,
  userId: Id,
  keepId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "!=", keepId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
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
