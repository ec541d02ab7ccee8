/**
 * Proving who you are: password sign-in into a server-side session (sliding expiry), sign-out,
 * and personal API tokens. Secrets are stored only as sha256 digests.
 */
import { OkrError } from "../core/errors.js";
import type { User } from "../core/types.js";
import { userOf } from "./accounts.js";
import { type SignInInput, SignInInputSchema } from "./accounts-schemas.js";
import {
  digestSecret,
  hashPassword,
  makeSecret,
  TOKEN_PREFIX,
  verifyPassword,
} from "./auth-secrets.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";

/** Sessions live 14 days from the last use. */
export const SESSION_TTL_MS = 14 * 86_400_000;
/** A session's expiry is pushed forward at most this often, to spare a write per request. */
const SLIDE_EVERY_MS = 60 * 60_000;

export interface Session {
  /** The stored id (a digest of the secret). */
  id: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SignedIn {
  /** Goes into the cookie; not stored anywhere. */
  secret: string;
  session: Session;
  user: User;
}

export interface Authenticated {
  actor: Actor;
  user: User;
}

/** The actor a user acts as, through a session or a token. */
export function actorOf(user: User, kind: "user" | "token"): Actor {
  return {
    kind,
    userId: user.id,
    name: user.name,
    role: user.role,
    insider: user.role === "admin" || user.insider,
    personId: user.personId,
  };
}

let dummyHash: Promise<string> | undefined;

/** Checks email and password and opens a session. Wrong either way: one `unauthenticated`. */
export async function signIn(
  deps: AppDeps,
  input: SignInInput,
  ttlMs: number = SESSION_TTL_MS,
): Promise<SignedIn> {
  const data = parseInput(SignInInputSchema, input);
  const row = await deps.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", data.email)
    .executeTakeFirst();
  if (!row?.password_hash) {
    // Spend the same time as a real check, so response times do not reveal which emails exist.
    dummyHash ??= hashPassword(makeSecret());
    await verifyPassword(await dummyHash, data.password);
    throw new OkrError("unauthenticated", "Wrong email or password.");
  }
  if (!(await verifyPassword(row.password_hash, data.password))) {
    throw new OkrError("unauthenticated", "Wrong email or password.");
  }
  const secret = makeSecret();
  const now = deps.now();
  const session: Session = {
    id: digestSecret(secret),
    csrfToken: makeSecret(24),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  await deps.db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: row.id,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      created_at: now.toISOString(),
    })
    .execute();
  // Expired sessions of this user go when they sign in again.
  await deps.db
    .deleteFrom("sessions")
    .where("user_id", "=", row.id)
    .where("expires_at", "<", now.toISOString())
    .execute();
  return { secret, session, user: userOf(row) };
}

/** The session a cookie secret names, pushed forward (sliding expiry); undefined if unknown or expired. */
export async function resolveSession(
  deps: AppDeps,
  secret: string,
  ttlMs: number = SESSION_TTL_MS,
): Promise<(Authenticated & { session: Session }) | undefined> {
  if (!secret || secret.length > 200) return undefined;
  const id = digestSecret(secret);
  const row = await deps.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.insider",
      "users.person_id",
      "users.created_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = deps.now();
  if (row.expires_at <= now.toISOString()) {
    await deps.db.deleteFrom("sessions").where("id", "=", id).execute();
    return undefined;
  }
  let expiresAt = row.expires_at;
  const fresh = new Date(now.getTime() + ttlMs);
  if (fresh.getTime() - new Date(row.expires_at).getTime() > SLIDE_EVERY_MS) {
    expiresAt = fresh.toISOString();
    await deps.db
      .updateTable("sessions")
      .set({ expires_at: expiresAt })
      .where("id", "=", id)
      .execute();
  }
  const user = userOf(row);
  return {
    actor: actorOf(user, "user"),
    user,
    session: { id: row.session_id, csrfToken: row.csrf_token, expiresAt },
  };
}

/** Ends the session a cookie secret names (nothing happens for an unknown one). */
export async function signOut(deps: AppDeps, secret: string): Promise<void> {
  if (!secret) return;
  await deps.db.deleteFrom("sessions").where("id", "=", digestSecret(secret)).execute();
}

/** The user behind an API token; undefined if unknown, revoked or expired. Records last use. */
export async function resolveApiToken(
  deps: AppDeps,
  secret: string,
): Promise<Authenticated | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const row = await deps.db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.expires_at",
      "api_tokens.revoked_at",
      "api_tokens.last_used_at",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.insider",
      "users.person_id",
      "users.created_at",
    ])
    .where("api_tokens.token_hash", "=", digestSecret(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  const now = deps.now();
  if (row.expires_at && row.expires_at <= now.toISOString()) return undefined;
  // Last use is kept to the minute: one write a minute at most per token.
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await deps.db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.token_id)
      .execute();
  }
  const user = userOf(row);
  return { actor: actorOf(user, "token"), user };
}
