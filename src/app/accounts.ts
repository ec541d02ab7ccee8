/**
 * Accounts: the first admin, users and their roles, personal API tokens.
 * Admins manage users; everyone manages their own tokens; the system actor (CLI) may do all.
 */
import { OkrError } from "../core/errors.js";
import type { Id, Role, User } from "../core/types.js";
import type { UsersTable } from "../store/schema.js";
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
import type { Actor, AppDeps } from "./deps.js";
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

/** Maps a users row to the domain type (the password hash never leaves the store layer here). */
export function userOf(
  row: Pick<UsersTable, "id" | "email" | "name" | "role" | "insider" | "person_id" | "created_at">,
): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    insider: Boolean(row.insider),
    personId: row.person_id,
    createdAt: row.created_at,
  };
}

function tokenOf(row: {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
  };
}

function assertAdminActor(actor: Actor, what: string): void {
  if (actor.role !== "admin") throw new OkrError("forbidden", `Only admins may ${what}.`);
}

/** Whether the first admin is still to be created (no admin account exists). */
export async function isSetupNeeded(deps: AppDeps): Promise<boolean> {
  const row = await deps.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/** Creates the first admin; refused with `conflict` once any admin exists. */
export async function setUpFirstAdmin(deps: AppDeps, input: SetupInput): Promise<User> {
  const data = parseInput(SetupInputSchema, input);
  if (!(await isSetupNeeded(deps))) {
    throw new OkrError("conflict", "Setup is done: an admin account exists. Sign in instead.");
  }
  return insertUser(deps, { ...data, role: "admin", insider: true, personId: null });
}

/** Creates a user (admins only). Emails are unique, compared without case. */
export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: CreateUserInput,
): Promise<User> {
  const data = parseInput(CreateUserInputSchema, input);
  assertAdminActor(actor, "create users");
  return insertUser(deps, { ...data, personId: data.personId ?? null });
}

async function insertUser(
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
  const existing = await findUserByEmail(deps, data.email);
  if (existing) throw new OkrError("conflict", `A user with email ${data.email} exists already.`);
  if (data.personId) await assertPersonExists(deps, data.personId);
  const now = deps.now().toISOString();
  const row = {
    id: deps.newId(),
    email: data.email,
    name: data.name,
    role: data.role,
    insider: data.insider ? 1 : 0,
    person_id: data.personId,
    password_hash: data.password ? await hashPassword(data.password) : null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.insertInto("users").values(row).execute();
  return userOf(row);
}

async function assertPersonExists(deps: AppDeps, personId: Id): Promise<void> {
  const person = await deps.db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!person)
    throw new OkrError("not_found", `No person with id ${personId}.`, { path: "personId" });
}

/** Every user, by name (admins only). */
export async function listUsers(deps: AppDeps, actor: Actor): Promise<User[]> {
  assertAdminActor(actor, "list users");
  const rows = await deps.db
    .selectFrom("users")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(userOf);
}

export async function findUser(deps: AppDeps, id: Id): Promise<User | undefined> {
  const row = await deps.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? userOf(row) : undefined;
}

export async function getUser(deps: AppDeps, id: Id): Promise<User> {
  const user = await findUser(deps, id);
  if (!user) throw new OkrError("not_found", `No user with id ${id}.`);
  return user;
}

export async function findUserByEmail(deps: AppDeps, email: string): Promise<User | undefined> {
  const row = await deps.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? userOf(row) : undefined;
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
    const admins = await deps.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .execute();
    if (admins.length <= 1) {
      throw new OkrError("conflict", "This is the last admin; make another user admin first.");
    }
  }
  if (data.personId) await assertPersonExists(deps, data.personId);
  const changes: Partial<UsersTable> = { updated_at: deps.now().toISOString() };
  if (data.name !== undefined) changes.name = data.name;
  if (data.role !== undefined) changes.role = data.role;
  if (data.insider !== undefined) changes.insider = data.insider ? 1 : 0;
  if (data.personId !== undefined) changes.person_id = data.personId;
  if (data.password !== undefined) changes.password_hash = await hashPassword(data.password);
  await deps.db.updateTable("users").set(changes).where("id", "=", id).execute();
  if (data.password !== undefined || (data.role !== undefined && data.role !== user.role)) {
    // A new password or a changed role ends the user's sessions: they sign in again.
    await deps.db.deleteFrom("sessions").where("user_id", "=", id).execute();
  }
  return getUser(deps, id);
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
  if (!userId)
    throw new OkrError("invalid_input", "Name the user the token is for.", [
      { path: "user", message: "is required" },
    ]);
  if (userId !== actor.userId) assertAdminActor(actor, "create tokens for other users");
  await getUser(deps, userId);
  const secret = makeApiToken();
  const now = deps.now();
  const row = {
    id: deps.newId(),
    user_id: userId,
    name: data.name,
    token_hash: digestSecret(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    expires_at: data.expiresInDays
      ? new Date(now.getTime() + data.expiresInDays * 86_400_000).toISOString()
      : null,
    revoked_at: null,
    last_used_at: null,
    created_at: now.toISOString(),
  };
  await deps.db.insertInto("api_tokens").values(row).execute();
  return { token: tokenOf(row), secret };
}

/** Tokens of `userId` (default: the actor's own); admins may list anyone's, or all with `null`. */
export async function listApiTokens(
  deps: AppDeps,
  actor: Actor,
  userId: Id | null | undefined = actor.userId,
): Promise<ApiToken[]> {
  if (userId !== actor.userId) assertAdminActor(actor, "list other users' tokens");
  let query = deps.db.selectFrom("api_tokens").selectAll().orderBy("created_at").orderBy("id");
  if (userId) query = query.where("user_id", "=", userId);
  const rows = await query.execute();
  return rows.map(tokenOf);
}

/** Revokes a token: it stops working at once. Your own, or anyone's for admins. */
export async function revokeApiToken(deps: AppDeps, actor: Actor, id: Id): Promise<ApiToken> {
  const row = await deps.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || (row.user_id !== actor.userId && actor.role !== "admin")) {
    throw new OkrError("not_found", `No token with id ${id}.`);
  }
  const revokedAt = row.revoked_at ?? deps.now().toISOString();
  await deps.db
    .updateTable("api_tokens")
    .set({ revoked_at: revokedAt })
    .where("id", "=", id)
    .execute();
  return tokenOf({ ...row, revoked_at: revokedAt });
}
