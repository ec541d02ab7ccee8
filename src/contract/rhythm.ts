/** The weekly rhythm's answers: reminder cadences, chat webhooks, invites, mail state. */
import { z } from "@hono/zod-openapi";
import { UserSchema } from "./accounts.js";

export const ReminderPreferenceAnswerSchema = z
  .object({
    cadence: z.enum(["weekly", "twice-monthly", "monthly", "off"]),
    weekday: z.number().int(),
    hour: z.number().int(),
    timeZone: z.string(),
  })
  .openapi("ReminderPreference");

export const MyRemindersSchema = z
  .object({
    own: ReminderPreferenceAnswerSchema.nullable(),
    companyDefault: ReminderPreferenceAnswerSchema,
    unsubscribed: z.array(
      z.enum(["reminder", "digest", "quarter-end", "mention", "reply", "change"]),
    ),
    email: z.string().nullable(),
  })
  .openapi("MyReminders");

export const ChatWebhookSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    provider: z.string(),
    host: z.string(),
    createdAt: z.string(),
  })
  .openapi("ChatWebhook");

export const InviteSchema = z
  .object({
    user: UserSchema,
    expiresAt: z.string(),
    mailed: z.boolean(),
    link: z.string().nullable(),
  })
  .openapi("Invite");

export const RhythmJobStateSchema = z
  .object({
    kind: z.string(),
    pending: z.number().int(),
    failed: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  })
  .openapi("RhythmJobState");

export const MailStateSchema = z
  .object({
    mail: z.boolean(),
    publicUrl: z.string(),
    /** The sends of reminders, digests, nudges, chat posts and account mail: what waits, what failed. */
    jobs: z.array(RhythmJobStateSchema),
  })
  .openapi("MailState");

export const UnsubscribedSchema = z
  .object({ email: z.string(), kind: z.string(), what: z.string() })
  .openapi("Unsubscribed");

export type ReminderPreferenceAnswer = z.infer<typeof ReminderPreferenceAnswerSchema>;
export type MyRemindersAnswer = z.infer<typeof MyRemindersSchema>;
export type ChatWebhookAnswer = z.infer<typeof ChatWebhookSchema>;
export type InviteAnswer = z.infer<typeof InviteSchema>;
export type MailStateAnswer = z.infer<typeof MailStateSchema>;
export type UnsubscribedAnswer = z.infer<typeof UnsubscribedSchema>;
