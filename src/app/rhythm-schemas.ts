/** Input schemas of the weekly rhythm: reminder cadences, chat webhooks, invites and resets. */
import { z } from "zod";
import { CADENCES, isTimeZone } from "../core/reminders.js";
import { Password } from "./accounts-schemas.js";

export const ReminderPreferenceSchema = z.object({
  cadence: z.enum(CADENCES),
  weekday: z.number().int().min(0, "must be 0 (Sunday) to 6").max(6, "must be 0 (Sunday) to 6"),
  hour: z.number().int().min(0, "must be 0 to 23").max(23, "must be 0 to 23"),
  timeZone: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "is too long")
    .refine(isTimeZone, "is not a time zone (e.g. Europe/Berlin, UTC)"),
});
export type ReminderPreferenceInput = z.input<typeof ReminderPreferenceSchema>;

/** A person's own cadence, or null to follow the company default. */
export const MyReminderInputSchema = z.object({
  preference: ReminderPreferenceSchema.nullable(),
});

export const CHAT_PROVIDERS = ["slack", "mattermost", "teams"] as const;
export type ChatProvider = (typeof CHAT_PROVIDERS)[number];

export const ChatWebhookInputSchema = z.object({
  teamId: z.string().min(1, "must name a team").max(64),
  provider: z.enum(CHAT_PROVIDERS),
  url: z
    .string()
    .trim()
    .max(2000, "is too long")
    .url("must be a URL")
    .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://"),
});
export type ChatWebhookInput = z.input<typeof ChatWebhookInputSchema>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "must not be empty")
  .max(320, "is too long")
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address");

export const InviteInputSchema = z.object({
  email: Email,
  name: z.string().trim().min(1, "must not be empty").max(200, "is too long"),
  role: z.enum(["admin", "editor", "viewer"]).default("viewer"),
  insider: z.boolean().default(false),
  personId: z.string().min(1).max(64).nullable().optional(),
});
export type InviteInput = z.input<typeof InviteInputSchema>;

export const ForgotPasswordInputSchema = z.object({ email: Email });

export const SetPasswordInputSchema = z.object({
  token: z.string().min(10, "is not a link token").max(200, "is too long"),
  password: Password,
});
