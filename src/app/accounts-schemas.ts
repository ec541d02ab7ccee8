/** Input schemas of accounts: first-run setup, sign-in, users and API tokens. */
import { z } from "zod";
import { IdSchema } from "./schemas.js";

export const RoleSchema = z.enum(["admin", "editor", "viewer"]);

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "must not be empty")
  .max(320, "is too long")
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address");
const Name = z.string().trim().min(1, "must not be empty").max(200, "is too long");
export const Password = z.string().min(8, "must be at least 8 characters").max(1000, "is too long");

export const SetupInputSchema = z.object({ email: Email, name: Name, password: Password });
export type SetupInput = z.input<typeof SetupInputSchema>;

export const SignInInputSchema = z.object({
  email: Email,
  password: z.string().min(1, "must not be empty").max(1000, "is too long"),
});
export type SignInInput = z.input<typeof SignInInputSchema>;

export const CreateUserInputSchema = z.object({
  email: Email,
  name: Name,
  role: RoleSchema.default("viewer"),
  insider: z.boolean().default(false),
  /** Required: an account without a password could never sign in to the web app. */
  password: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required: give the new user a password (at least 8 characters)"
          : "must be text",
    })
    .pipe(Password),
  personId: IdSchema.nullable().optional(),
});
export type CreateUserInput = z.input<typeof CreateUserInputSchema>;

export const UpdateUserInputSchema = z.object({
  name: Name.optional(),
  role: RoleSchema.optional(),
  insider: z.boolean().optional(),
  password: Password.optional(),
  personId: IdSchema.nullable().optional(),
  /** With a new password: also revoke every API token of the account. */
  revokeTokens: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof UpdateUserInputSchema>;

export const CreateTokenInputSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200, "is too long"),
  /** Days until the token stops working; omitted or null = never. */
  expiresInDays: z.number().int("must be a whole number").min(1).max(3650).nullable().optional(),
});
export type CreateTokenInput = z.input<typeof CreateTokenInputSchema>;

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "must not be empty").max(1000, "is too long"),
  newPassword: Password,
  /** Also revoke every API token of the account (a leaked password may have made some). */
  revokeTokens: z.boolean().default(false),
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInputSchema>;
