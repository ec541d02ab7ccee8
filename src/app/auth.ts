/**
 * Proving who you are: password sign-in into a server-side session (sliding expiry), sign-out,
 * and personal API tokens. Secrets are stored only as sha256 digests.
 */
import { OkrError } from "../core/errors.js";
import type { User } from "../core/types.js";
import {
  findUsableApiTokenByHash,
  type StoredApiToken,
  touchApiToken,
} from "../store/api-tokens.repository.js";
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findSession,
  insertSession,
} from "../store/sessions.repository.js";
import { findUserCredentials } from "../store/users.repository.js";
import { type SignInInput, SignInInputSchema } from "./accounts-schemas.js";
import {
  digestSecret,
  hashPassword,
  makeSecret,
  TOKEN_PREFIX,
  verifyPassword,
} from "./auth-secrets.js";
import { keptCredential, lookUpCredential } from "./credential-cache.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";

/** Sessions live 14 days from the last use. */
export const SESSION_TTL_MS = 14 * 86_400_000;
/** A session's expiry is pushed forward at most this often, to spare a write per request. */
const SLIDE_EVERY_MS = 60 * 60_000;
/** "Last seen" is kept to within this much: at most one write per session this often. */
const SEEN_EVERY_MS = 5 * 60_000;
/** Enough of a User-Agent to name the device; the rest is not kept. */
const USER_AGENT_MAX = 300;

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

/** The refusal for a disabled account, in one wording for every way in. */
export function accountDisabled(): OkrError {
  return new OkrError("forbidden", "This account is disabled; ask an admin to enable it.");
}

/**
 * Checks email and password and opens a session. Wrong either way: one `unauthenticated`.
 * A disabled account is told so only after its password proved right.
 */
export async function signIn(
  deps: AppDeps,
  input: SignInInput,
  ttlMs: number = SESSION_TTL_MS,
  userAgent: string | null = null,
): Promise<SignedIn> {
  const data = parseInput(SignInInputSchema, input);
  const found = await findUserCredentials(deps.db, data.email);
  if (!found?.passwordHash) {
    // Spend the same time as a real check, so response times do not reveal which emails exist.
    dummyHash ??= hashPassword(makeSecret());
    await verifyPassword(await dummyHash, data.password);
    throw new OkrError("unauthenticated", "Wrong email or password.");
  }
  if (!(await verifyPassword(found.passwordHash, data.password))) {
    throw new OkrError("unauthenticated", "Wrong email or password.");
  }
  if (found.user.disabledAt) throw accountDisabled();
  return openSession(deps, found.user, ttlMs, userAgent);
}

/** Opens a session for a user whose identity is proven (password, or single sign-on). */
export async function openSession(
  deps: AppDeps,
  user: User,
  ttlMs: number = SESSION_TTL_MS,
  userAgent: string | null = null,
): Promise<SignedIn> {
  if (user.disabledAt) throw accountDisabled();
  const secret = makeSecret();
  const now = deps.now();
  const session: Session = {
    id: digestSecret(secret),
    csrfToken: makeSecret(24),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  await insertSession(deps.db, {
    ...session,
    userId: user.id,
    createdAt: now.toISOString(),
    userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    lastSeenAt: now.toISOString(),
  });
  // Sessions that ran out are swept when anyone signs in.
  await deleteExpiredSessions(deps.db, now.toISOString());
  return { secret, session, user };
}

/** The session a cookie secret names, pushed forward (sliding expiry); undefined if unknown or expired. */
export async function resolveSession(
  deps: AppDeps,
  secret: string,
  ttlMs: number = SESSION_TTL_MS,
): Promise<(Authenticated & { session: Session; extended: boolean }) | undefined> {
  if (!secret || secret.length > 200) return undefined;
  const now = deps.now();
  const id = digestSecret(secret);
  const key = `session:${id}`;
  const fresh = new Date(now.getTime() + ttlMs);
  // Pushed forward now and then, not on every request; the last use is kept to minutes.
  const due = (stored: StoredSession) =>
    fresh.getTime() - new Date(stored.expiresAt).getTime() > SLIDE_EVERY_MS ||
    now.getTime() - new Date(stored.lastSeenAt ?? stored.createdAt).getTime() > SEEN_EVERY_MS;
  const known = keptCredential<FoundSession>(deps.db, key, now.getTime());
  if (known && known.session.expiresAt > now.toISOString() && !due(known.session)) {
    return sessionAnswer(known, false);
  }
  let extended = false;
  const found = await lookUpCredential(deps.db, key, now.getTime(), async () => {
    const stored = await findSession(deps.db, id, now.toISOString());
    // A disabled account's sessions stop at once (disabling also deletes them).
    if (!stored || stored.user.disabledAt) return undefined;
    if (!due(stored.session)) return stored;
    const expiresAt = fresh.toISOString();
    await extendSession(deps.db, id, expiresAt, now.toISOString());
    extended = expiresAt !== stored.session.expiresAt;
    return { ...stored, session: { ...stored.session, expiresAt, lastSeenAt: now.toISOString() } };
  });
  return found ? sessionAnswer(found, extended) : undefined;
}

type FoundSession = NonNullable<Awaited<ReturnType<typeof findSession>>>;
type StoredSession = FoundSession["session"];

function sessionAnswer(
  found: FoundSession,
  extended: boolean,
): Authenticated & { session: Session; extended: boolean } {
  const { session, user } = found;
  return {
    actor: actorOf(user, "user"),
    user,
    session: { id: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
    extended,
  };
}

/** Ends the session a cookie secret names (nothing happens for an unknown one). */
export async function signOut(deps: AppDeps, secret: string): Promise<void> {
  if (!secret) return;
  await deleteSession(deps.db, digestSecret(secret));
}

/** The user behind an API token; undefined if unknown, revoked or expired. Records last use. */
export async function resolveApiToken(
  deps: AppDeps,
  secret: string,
): Promise<Authenticated | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const now = deps.now();
  const hash = digestSecret(secret);
  const key = `token:${hash}`;
  // Last use is kept to the minute: at most one write a minute per token.
  const due = (token: StoredApiToken) =>
    !token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() > 60_000;
  const known = keptCredential<FoundToken>(deps.db, key, now.getTime());
  const usable = (token: StoredApiToken) =>
    token.expiresAt === null || token.expiresAt > now.toISOString();
  const found =
    known && usable(known.token) && !due(known.token)
      ? known
      : await lookUpCredential(deps.db, key, now.getTime(), async () => {
          const stored = await findUsableApiTokenByHash(deps.db, hash, now.toISOString());
          // A disabled account's tokens stop while it is disabled and work again once enabled.
          if (!stored || stored.user.disabledAt) return undefined;
          if (!due(stored.token)) return stored;
          await touchApiToken(deps.db, stored.token.id, now.toISOString());
          return { ...stored, token: { ...stored.token, lastUsedAt: now.toISOString() } };
        });
  return found ? { actor: actorOf(found.user, "token"), user: found.user } : undefined;
}

type FoundToken = NonNullable<Awaited<ReturnType<typeof findUsableApiTokenByHash>>>;
