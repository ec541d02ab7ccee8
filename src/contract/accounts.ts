/** The account answers: users, API tokens, sessions, a password change. */
import { z } from "@hono/zod-openapi";

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["admin", "editor", "viewer"]),
    insider: z.boolean(),
    personId: z.string().nullable(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi("User");

export const UsersSchema = z.object({ users: z.array(UserSchema) }).openapi("Users");

/** `GET /api/session` (and signing in, first-run setup): who I am, and the CSRF token. */
export const SessionSchema = z
  .object({
    authenticated: z.boolean(),
    via: z.enum(["session", "token"]).nullable(),
    user: UserSchema.nullable(),
    csrfToken: z.string().nullable(),
    expiresAt: z.string().nullable(),
    setupNeeded: z.boolean(),
  })
  .openapi("Session");

export const TokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    prefix: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ApiToken");

export const TokenWithOwnerSchema = TokenSchema.extend({
  userEmail: z.string(),
  userName: z.string(),
}).openapi("ApiTokenWithOwner");

export const SessionSummarySchema = z
  .object({
    id: z.string(),
    device: z.string().openapi({ example: "Firefox on Windows" }),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    current: z.boolean(),
  })
  .openapi("SessionSummary");

/** `PUT /api/me/password`: the account as it is now, and what else the change did. */
export const PasswordChangedSchema = z
  .object({
    user: UserSchema,
    endedSessions: z.number().int(),
    revokedTokens: z.number().int(),
  })
  .openapi("PasswordChanged");

/** `GET /api/auth/methods`: how one signs in here. */
export const SignInMethodsSchema = z
  .object({
    password: z.boolean(),
    oidc: z.object({ name: z.string(), startUrl: z.string() }).nullable(),
  })
  .openapi("SignInMethods");
