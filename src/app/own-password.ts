/**
 * Changing your own password: you prove the current one, the new one replaces it, and your other
 * sessions end (the one you changed it from stays signed in).
 */
import { z } from "zod";
import { OkrError } from "../core/errors.js";
import type { User } from "../core/types.js";
import { deleteSessionsOfUser } from "../store/sessions.repository.js";
import { findUser, findUserCredentials, updateUser } from "../store/users.repository.js";
import { Password } from "./accounts-schemas.js";
import { hashPassword, verifyPassword } from "./auth-secrets.js";
import { recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "must not be empty").max(1000, "is too long"),
  newPassword: Password,
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInputSchema>;

/**
 * Sets the actor's own password after checking the current one. A wrong current password is
 * `invalid_input` on `currentPassword` (the caller stays signed in). `keepSessionId`: the
 * session the change came from, which stays; every other session of the user ends.
 */
export async function changeOwnPassword(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  keepSessionId: string | null = null,
): Promise<User> {
  const data = parseInput(ChangePasswordInputSchema, input);
  const user = actor.userId ? await findUser(deps.db, actor.userId) : undefined;
  if (!user) throw new OkrError("forbidden", "Only a user account has a password to change.");
  const credentials = await findUserCredentials(deps.db, user.email);
  const matches = credentials?.passwordHash
    ? await verifyPassword(credentials.passwordHash, data.currentPassword)
    : false;
  if (!matches) {
    throw new OkrError("invalid_input", "The current password is wrong; nothing was changed.", [
      { path: "currentPassword", message: "is wrong" },
    ]);
  }
  const updated = await updateUser(deps.db, user.id, {
    passwordHash: await hashPassword(data.newPassword),
    updatedAt: deps.now().toISOString(),
  });
  await deleteSessionsOfUser(deps.db, user.id, keepSessionId);
  // The audit log says that it happened, never the password or its hash.
  await recordAudit(deps.db, deps, actor, {
    action: "change_password",
    entity: "user",
    entityId: user.id,
    before: null,
    after: null,
  });
  return updated;
}
