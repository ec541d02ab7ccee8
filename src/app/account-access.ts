/**
 * Who may get in: admins disable, enable and delete accounts and see every API token; users
 * see their own sessions (device, last seen) and end them, and change their own password.
 * Disabling ends the account's sessions at once and stops its tokens until it is enabled again.
 */
import { OkrError } from "../core/errors.js";
import type { Id, User } from "../core/types.js";
import * as tokens from "../store/api-tokens.repository.js";
import { withTransaction } from "../store/db.js";
import * as sessions from "../store/sessions.repository.js";
import * as users from "../store/users.repository.js";
import type { ApiToken } from "./accounts.js";
import { type ChangePasswordInput, ChangePasswordInputSchema } from "./accounts-schemas.js";
import { hashPassword, verifyPassword } from "./auth-secrets.js";
import { recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { describeDevice } from "./device.js";
import { parseInput } from "./input.js";

/** A token in the admin list: with whose it is. */
export interface ApiTokenWithOwner extends ApiToken {
  userEmail: string;
  userName: string;
}

/** One of my sessions as the list shows it: never its secret or CSRF token. */
export interface SessionSummary {
  id: string;
  device: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session this request came with. */
  current: boolean;
}

function assertAdmin(actor: Actor, what: string): void {
  if (actor.role !== "admin") throw new OkrError("forbidden", `Only admins may ${what}.`);
}

async function getUserOrThrow(deps: AppDeps, id: Id): Promise<User> {
  const user = await users.findUser(deps.db, id);
  if (!user) throw new OkrError("not_found", `No user with id ${id}.`);
  return user;
}

/** Refuses to lock out the actor themselves or the last admin who can still sign in. */
async function assertMayLockOut(deps: AppDeps, actor: Actor, user: User, what: string) {
  if (user.id === actor.userId) {
    throw new OkrError("conflict", `You cannot ${what} your own account.`);
  }
  if (user.role === "admin" && !user.disabledAt && (await users.countEnabledAdmins(deps.db)) <= 1) {
    throw new OkrError(
      "conflict",
      `This is the last admin who can sign in; make another user admin before you ${what} it.`,
    );
  }
}

/** Disables an account (admins): its sessions end and its tokens stop at once. */
export async function disableUser(deps: AppDeps, actor: Actor, id: Id): Promise<User> {
  assertAdmin(actor, "disable users");
  const user = await getUserOrThrow(deps, id);
  if (user.disabledAt) return user;
  await assertMayLockOut(deps, actor, user, "disable");
  const now = deps.now().toISOString();
  return withTransaction(deps.db, async (trx) => {
    const updated = await users.updateUser(trx, id, { disabledAt: now, updatedAt: now });
    await sessions.deleteSessionsOfUser(trx, id);
    await recordAudit(trx, deps, actor, {
      action: "disable",
      entity: "user",
      entityId: id,
      before: user,
      after: updated,
    });
    return updated;
  });
}

/** Enables a disabled account again (admins): its unrevoked tokens work again; it signs in anew. */
export async function enableUser(deps: AppDeps, actor: Actor, id: Id): Promise<User> {
  assertAdmin(actor, "enable users");
  const user = await getUserOrThrow(deps, id);
  if (!user.disabledAt) return user;
  const now = deps.now().toISOString();
  return withTransaction(deps.db, async (trx) => {
    const updated = await users.updateUser(trx, id, { disabledAt: null, updatedAt: now });
    await recordAudit(trx, deps, actor, {
      action: "enable",
      entity: "user",
      entityId: id,
      before: user,
      after: updated,
    });
    return updated;
  });
}

/**
 * Deletes an account (admins) with its sessions and tokens. Check-ins and the audit log keep
 * the name they were written with, so the history stays readable.
 */
export async function deleteUser(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  assertAdmin(actor, "delete users");
  const user = await getUserOrThrow(deps, id);
  await assertMayLockOut(deps, actor, user, "delete");
  await withTransaction(deps.db, async (trx) => {
    await users.deleteUser(trx, id);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "user",
      entityId: id,
      before: user,
      after: null,
    });
  });
}

/** Every user's API tokens with their owner (admins). Never a secret. */
export async function listAllApiTokens(deps: AppDeps, actor: Actor): Promise<ApiTokenWithOwner[]> {
  assertAdmin(actor, "list everyone's tokens");
  return (await tokens.listAllApiTokens(deps.db)).map(({ tokenHash: _hash, ...token }) => token);
}

/** The actor's own sessions that have not expired, most recently used first. */
export async function listOwnSessions(
  deps: AppDeps,
  actor: Actor,
  currentSessionId: string | null,
): Promise<SessionSummary[]> {
  if (!actor.userId) return [];
  const found = await sessions.listSessionsOfUser(deps.db, actor.userId, deps.now().toISOString());
  return found.map((s) => ({
    id: s.id,
    device: describeDevice(s.userAgent),
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt ?? s.createdAt,
    expiresAt: s.expiresAt,
    current: s.id === currentSessionId,
  }));
}

/** Ends one of the actor's own sessions (on another device, or this one). */
export async function endOwnSession(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  if (!actor.userId || !(await sessions.deleteSessionOfUser(deps.db, actor.userId, id))) {
    throw new OkrError("not_found", `You have no session with id ${id}.`);
  }
}

/** What a password change did: the account as it is now, and what else changed. */
export interface PasswordChanged {
  user: User;
  /** Other sessions of the account that were ended. */
  endedSessions: number;
  /** API tokens revoked (only when asked to). */
  revokedTokens: number;
}

/**
 * Changes the actor's own password after checking the current one. Every other session of the
 * account ends; the one making the change stays. With `revokeTokens`, every API token stops too.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  actor: Actor,
  currentSessionId: string | null,
  input: ChangePasswordInput,
): Promise<PasswordChanged> {
  const data = parseInput(ChangePasswordInputSchema, input);
  if (!actor.userId)
    throw new OkrError("forbidden", "Only a user account has a password to change.");
  const user = await getUserOrThrow(deps, actor.userId);
  const credentials = await users.findUserCredentials(deps.db, user.email);
  if (
    !credentials?.passwordHash ||
    !(await verifyPassword(credentials.passwordHash, data.currentPassword))
  ) {
    throw new OkrError("invalid_input", "The current password is wrong; nothing was changed.", [
      { path: "currentPassword", message: "is wrong" },
    ]);
  }
  const passwordHash = await hashPassword(data.newPassword);
  const now = deps.now().toISOString();
  return withTransaction(deps.db, async (trx) => {
    const updated = await users.updateUser(trx, user.id, { passwordHash, updatedAt: now });
    const endedSessions = currentSessionId
      ? await sessions.deleteOtherSessionsOfUser(trx, user.id, currentSessionId)
      : await sessions.deleteSessionsOfUser(trx, user.id);
    const revokedTokens = data.revokeTokens
      ? await tokens.revokeApiTokensOfUser(trx, user.id, now)
      : 0;
    await recordAudit(trx, deps, actor, {
      action: "change_password",
      entity: "user",
      entityId: user.id,
      before: null,
      after: { endedSessions, revokedTokens },
    });
    return { user: updated, endedSessions, revokedTokens };
  });
}

/** Signs a user out on every device (admins, and the CLI); their tokens keep working. */
export async function endSessionsOfUser(deps: AppDeps, actor: Actor, id: Id): Promise<number> {
  assertAdmin(actor, "sign other users out");
  const user = await getUserOrThrow(deps, id);
  const ended = await sessions.deleteSessionsOfUser(deps.db, user.id);
  await recordAudit(deps.db, deps, actor, {
    action: "sign_out",
    entity: "user",
    entityId: user.id,
    before: null,
    after: { endedSessions: ended },
  });
  return ended;
}
