/**
 * Accounts: the first admin, users and their roles, personal API tokens.
 * Admins manage users; everyone manages their own tokens; the system actor (CLI) may do all.
 */
import { OkrError } from "../core/errors.js";
import type { Id, Role, User } from "../core/types.js";
import * as tokens from "../store/api-tokens.repository.js";
import { withTransaction } from "../store/db.js";
import { findPerson } from "../store/people.repository.js";
import { deleteSessionsOfUser } from "../store/sessions.repository.js";
import { claimOnce } from "../store/settings.repository.js";
import * as users from "../store/users.repository.js";
import {
  type CreateTokenInput,
  CreateTokenInputSchema,
  type CreateUserInput,
  CreateUserInputSchema,
  type SetupInput,
  SetupInputSchema,
  type UpdateUserInput,
  UpdateUserInputSchema,
} from "./accounts-schemas.js";
import { digestSecret, hashPassword, makeApiToken, TOKEN_PREFIX } from "./auth-secrets.js";
import { recordAudit } from "./context.js";
import { type Actor, type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { parseInput } from "./input.js";

/** A personal API token as lists show it: never the secret, only its first characters. */
export interface ApiToken {
  id: Id;
  userId: Id;
  name: string;
  /** `okr_ab12`: enough to recognise it. */
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** What creating a token answers: the token, and its secret, shown this once. */
export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}

/** A stored token without its hash: what lists show. */
function tokenOf(stored: tokens.StoredApiToken): ApiToken {
  const { tokenHash: _hash, ...token } = stored;
  return token;
}

/** Records an account change in the audit log (never a secret or a password hash). */
async function audit(
  deps: AppDeps,
  actor: Actor,
  action: string,
  entity: "user" | "api_token",
  entityId: Id,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(deps.db, deps, actor, { action, entity, entityId, before, after });
}

function assertAdminActor(actor: Actor, what: string): void {
  if (actor.role !== "admin") throw new OkrError("forbidden", `Only admins may ${what}.`);
}

/** Whether the first admin is still to be created (no admin account exists). */
export async function isSetupNeeded(deps: AppDeps): Promise<boolean> {
  return (await users.countAdmins(deps.db)) === 0;
}

/** Creates the first admin; refused with `conflict` once any admin exists. */
export async function setUpFirstAdmin(deps: AppDeps, input: SetupInput): Promise<User> {
  const data = parseInput(SetupInputSchema, input);
  const done = () =>
    new OkrError("conflict", "Setup is done: an admin account exists. Sign in instead.");
  if (!(await isSetupNeeded(deps))) throw done();
  // Many first requests at once (or several processes): the database lets one claim setup.
  return withTransaction(deps.db, async (trx) => {
    const inTrx: AppDeps = { ...deps, db: trx };
    if (!(await claimOnce(trx, "setup", deps.now().toISOString()))) throw done();
    const user = await addUser(inTrx, { ...data, role: "admin", insider: true, personId: null });
    await audit(inTrx, { ...SYSTEM_ACTOR, name: "setup" }, "create", "user", user.id, null, user);
    return user;
  });
}

/** Creates a user (admins only). Emails are unique, compared without case. */
export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: CreateUserInput,
): Promise<User> {
  const data = parseInput(CreateUserInputSchema, input);
  assertAdminActor(actor, "create users");
  const user = await addUser(deps, { ...data, personId: data.personId ?? null });
  await audit(deps, actor, "create", "user", user.id, null, user);
  return user;
}

async function addUser(
  deps: AppDeps,
  data: {
    email: string;
    name: string;
    role: Role;
    insider: boolean;
    password?: string | undefined;
    personId: Id | null;
  },
): Promise<User> {
  if (await users.findUserByEmail(deps.db, data.email)) {
    throw new OkrError("conflict", `A user with email ${data.email} exists already.`);
  }
  if (data.personId) await assertPersonExists(deps, data.personId);
  return users.insertUser(deps.db, {
    id: deps.newId(),
    email: data.email,
    name: data.name,
    role: data.role,
    insider: data.insider,
    personId: data.personId,
    passwordHash: data.password ? await hashPassword(data.password) : null,
    createdAt: deps.now().toISOString(),
  });
}

async function assertPersonExists(deps: AppDeps, personId: Id): Promise<void> {
  if (!(await findPerson(deps.db, personId))) {
    throw new OkrError("not_found", `No person with id ${personId}.`, [
      { path: "personId", message: "names no person" },
    ]);
  }
}

/** Every user, by name (admins only). */
export async function listUsers(deps: AppDeps, actor: Actor): Promise<User[]> {
  assertAdminActor(actor, "list users");
  return users.listUsers(deps.db);
}

export function findUser(deps: AppDeps, id: Id): Promise<User | undefined> {
  return users.findUser(deps.db, id);
}

export async function getUser(deps: AppDeps, id: Id): Promise<User> {
  const user = await findUser(deps, id);
  if (!user) throw new OkrError("not_found", `No user with id ${id}.`);
  return user;
}

export function findUserByEmail(deps: AppDeps, email: string): Promise<User | undefined> {
  return users.findUserByEmail(deps.db, email.trim());
}

export async function getUserByEmail(deps: AppDeps, email: string): Promise<User> {
  const user = await findUserByEmail(deps, email);
  if (!user) throw new OkrError("not_found", `No user with email ${email}.`);
  return user;
}

/** Changes a user's name, role, insider flag, password or person (admins only). */
export async function updateUser(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: UpdateUserInput,
): Promise<User> {
  const data = parseInput(UpdateUserInputSchema, input);
  assertAdminActor(actor, "change users");
  const user = await getUser(deps, id);
  if (user.role === "admin" && data.role !== undefined && data.role !== "admin") {
    if ((await users.countAdmins(deps.db)) <= 1) {
      throw new OkrError("conflict", "This is the last admin; make another user admin first.");
    }
  }
  if (data.personId) await assertPersonExists(deps, data.personId);
  const updated = await users.updateUser(deps.db, id, {
    name: data.name,
    role: data.role,
    insider: data.insider,
    personId: data.personId,
    passwordHash: data.password !== undefined ? await hashPassword(data.password) : undefined,
    updatedAt: deps.now().toISOString(),
  });
  if (data.password !== undefined || (data.role !== undefined && data.role !== user.role)) {
    // A new password or a changed role ends the user's sessions: they sign in again.
    await deleteSessionsOfUser(deps.db, id);
  }
  if (data.password !== undefined && data.revokeTokens) {
    await tokens.revokeApiTokensOfUser(deps.db, id, deps.now().toISOString());
  }
  await audit(deps, actor, "update", "user", id, user, updated);
  return updated;
}

/**
 * Creates a personal API token for `userId` (default: the actor). Only admins (and the CLI)
 * create tokens for someone else. The secret is answered once and stored only as sha256.
 */
export async function createApiToken(
  deps: AppDeps,
  actor: Actor,
  input: CreateTokenInput,
  userId: Id | null = actor.userId,
): Promise<CreatedApiToken> {
  const data = parseInput(CreateTokenInputSchema, input);
  if (!userId) {
    throw new OkrError("invalid_input", "Name the user the token is for.", [
      { path: "user", message: "is required" },
    ]);
  }
  if (userId !== actor.userId) assertAdminActor(actor, "create tokens for other users");
  await getUser(deps, userId);
  const secret = makeApiToken();
  const now = deps.now();
  const stored = await tokens.insertApiToken(deps.db, {
    id: deps.newId(),
    userId,
    name: data.name,
    tokenHash: digestSecret(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    expiresAt: data.expiresInDays
      ? new Date(now.getTime() + data.expiresInDays * 86_400_000).toISOString()
      : null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt: now.toISOString(),
  });
  const token = tokenOf(stored);
  await audit(deps, actor, "create", "api_token", token.id, null, token);
  return { token, secret };
}

/** Tokens of `userId` (default: the actor's own); admins may list anyone's, or everyone's with `null`. */
export async function listApiTokens(
  deps: AppDeps,
  actor: Actor,
  userId: Id | null = actor.userId,
): Promise<ApiToken[]> {
  if (userId !== actor.userId) assertAdminActor(actor, "list other users' tokens");
  if (userId) return (await tokens.listApiTokens(deps.db, userId)).map(tokenOf);
  const all: ApiToken[] = [];
  for (const user of await users.listUsers(deps.db)) {
    all.push(...(await tokens.listApiTokens(deps.db, user.id)).map(tokenOf));
  }
  return all;
}

/** Revokes a token: it stops working at once. Your own, or anyone's for admins. */
export async function revokeApiToken(deps: AppDeps, actor: Actor, id: Id): Promise<ApiToken> {
  const found = await tokens.findApiToken(deps.db, id);
  if (!found || (found.userId !== actor.userId && actor.role !== "admin")) {
    throw new OkrError("not_found", `No token with id ${id}.`);
  }
  const revokedAt = found.revokedAt ?? deps.now().toISOString();
  if (!found.revokedAt) {
    await tokens.revokeApiToken(deps.db, id, revokedAt);
    await audit(deps, actor, "revoke", "api_token", id, tokenOf(found), {
      ...tokenOf(found),
      revokedAt,
    });
  }
  return tokenOf({ ...found, revokedAt });
}
