/**
 * Invites and password resets by mail: a one-time link that sets the password. The secret
 * lives only in the mail; the database keeps its hash, when it expires and when it was used.
 * "Forgot password" answers the same whether the address has an account or not.
 */
import { OkrError } from "../core/errors.js";
import type { User } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import {
  expireAccountLinksOf,
  insertAccountLink,
  isAccountLinkOpen,
  useAccountLink,
} from "../store/rhythm-links.repository.js";
import { deleteSessionsOfUser } from "../store/sessions.repository.js";
import * as users from "../store/users.repository.js";
import { createUser } from "./accounts.js";
import { digestSecret, hashPassword, makeSecret } from "./auth-secrets.js";
import { nowIso, recordAudit } from "./context.js";
import { type Actor, type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { parseInput } from "./input.js";
import { enqueueJob } from "./jobs.js";
import { escapeHtml, rhythmOf } from "./mail.js";
import { assertAdmin } from "./permissions.js";
import {
  ForgotPasswordInputSchema,
  InviteInputSchema,
  SetPasswordInputSchema,
} from "./rhythm-schemas.js";

export const INVITE_TTL_MS = 7 * 86_400_000;
export const RESET_TTL_MS = 60 * 60_000;

/** What a set-password link mails: its kind's words and the link. */
export interface AccountMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The set-password link: at the configured public address, else — for an invite, made in an
 * admin's own request — at the address the admin reached the app at (`seenAt`). A reset is
 * asked for by anyone, whose request says whatever host it likes: never at that.
 */
function linkOf(deps: AppDeps, secret: string, seenAt?: string): string {
  const config = rhythmOf(deps);
  const base = config.publicUrlSet === false && seenAt ? seenAt : config.publicUrl;
  return `${base}/#/set-password?token=${secret}`;
}

async function issueLink(
  deps: AppDeps,
  user: User,
  purpose: "invite" | "reset",
  seenAt?: string,
): Promise<{ link: string; expiresAt: string }> {
  const secret = makeSecret(24);
  const expiresAt = new Date(
    deps.now().getTime() + (purpose === "invite" ? INVITE_TTL_MS : RESET_TTL_MS),
  ).toISOString();
  await withTransaction(deps.db, async (trx) => {
    await expireAccountLinksOf(trx, user.id, nowIso(deps));
    await insertAccountLink(
      trx,
      { id: digestSecret(secret), purpose, userId: user.id, expiresAt },
      nowIso(deps),
    );
  });
  return { link: linkOf(deps, secret, seenAt), expiresAt };
}

function inviteMail(user: User, inviter: string, link: string, expiresAt: string): AccountMail {
  const until = expiresAt.slice(0, 16).replace("T", " ");
  return {
    to: user.email,
    subject: `${inviter} invited you to okr`,
    text: `Hello ${user.name},\n\n${inviter} invited you to okr, where your company keeps its objectives and key results.\nChoose your password here (the link works once, until ${until} UTC):\n${link}\n`,
    html: `<p>Hello ${escapeHtml(user.name)},</p><p>${escapeHtml(inviter)} invited you to okr, where your company keeps its objectives and key results.</p><p><a href="${escapeHtml(link)}">Choose your password</a> (the link works once, until ${until} UTC).</p>`,
  };
}

function resetMail(user: User, link: string): AccountMail {
  return {
    to: user.email,
    subject: "Reset your okr password",
    text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your okr password. Choose a new one here (the link works once, for an hour):\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    html: `<p>Hello ${escapeHtml(user.name)},</p><p>Someone (hopefully you) asked to reset your okr password. <a href="${escapeHtml(link)}">Choose a new one</a> (the link works once, for an hour).</p><p>If it was not you, ignore this mail: your password stays as it is.</p>`,
  };
}

/** Queues an account mail: sent by the job queue, retried while SMTP fails, never in the request. */
async function queueAccountMail(deps: AppDeps, mail: AccountMail): Promise<boolean> {
  if (!rhythmOf(deps).mail) return false;
  await enqueueJob(deps, { kind: "account.mail", payload: mail });
  return true;
}

export interface Invite {
  user: User;
  expiresAt: string;
  /** Whether a mail was queued; without mail, `link` is for the admin to pass on. */
  mailed: boolean;
  link: string | null;
}

/**
 * Invites someone by address (admins): an account without a password, and the link to set one.
 * `seenAt`: the address the admin reached the app at, for the link where none is configured.
 */
export async function inviteUser(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  seenAt?: string,
): Promise<Invite> {
  const data = parseInput(InviteInputSchema, input);
  assertAdmin(actor, "invite people");
  // Every account has a password (decisions/0014): a random one nobody knows, until the link.
  const user = await createUser(deps, actor, {
    password: makeSecret(32),
    email: data.email,
    name: data.name,
    role: data.role,
    insider: data.insider,
    personId: data.personId ?? null,
  });
  const { link, expiresAt } = await issueLink(deps, user, "invite", seenAt);
  const mailed = await queueAccountMail(deps, inviteMail(user, actor.name, link, expiresAt));
  await recordAudit(deps.db, deps, actor, {
    action: "invite",
    entity: "user",
    entityId: user.id,
    before: null,
    after: { email: user.email, expiresAt, mailed },
  });
  return { user, expiresAt, mailed, link: mailed ? null : link };
}

/** "Forgot password": mails a reset link when the address has an enabled account; answers nothing either way. */
export async function requestPasswordReset(deps: AppDeps, input: unknown): Promise<void> {
  const { email } = parseInput(ForgotPasswordInputSchema, input);
  const user = await users.findUserByEmail(deps.db, email);
  if (!user || user.disabledAt !== null) return;
  const { link } = await issueLink(deps, user, "reset");
  await queueAccountMail(deps, resetMail(user, link));
}

/** Sets the password with a mailed link (once, before it expires); ends the account's sessions. */
export async function setPasswordWithLink(deps: AppDeps, input: unknown): Promise<User> {
  const data = parseInput(SetPasswordInputSchema, input);
  const id = digestSecret(data.token);
  const closed = () =>
    new OkrError("invalid_input", "This link has expired or was used already; ask for a new one.", [
      { path: "token", message: "expired, used or unknown" },
    ]);
  // Hashing is the costly part, and anyone may call: only for a link that may still be used.
  if (!(await isAccountLinkOpen(deps.db, id, nowIso(deps)))) throw closed();
  const passwordHash = await hashPassword(data.password);
  return withTransaction(deps.db, async (trx) => {
    const link = await useAccountLink(trx, id, nowIso(deps));
    if (!link) throw closed();
    const user = await users.getUser(trx, link.userId);
    if (user.disabledAt !== null) {
      throw new OkrError("forbidden", "This account is disabled; ask an admin.");
    }
    const updated = await users.updateUser(trx, user.id, {
      passwordHash,
      updatedAt: nowIso(deps),
    });
    await deleteSessionsOfUser(trx, user.id);
    await recordAudit(
      trx,
      deps,
      { ...SYSTEM_ACTOR, userId: user.id, name: user.name },
      {
        action: link.purpose === "invite" ? "accept_invite" : "reset_password",
        entity: "user",
        entityId: user.id,
        before: null,
        after: null,
      },
    );
    return updated;
  });
}

/** The account mail a job sends. */
export function accountMailOf(payload: unknown): AccountMail {
  const mail = payload as Partial<AccountMail> | null;
  if (!mail || typeof mail.to !== "string" || typeof mail.subject !== "string") {
    throw new Error("The job's payload is not an account mail");
  }
  return mail as AccountMail;
}
