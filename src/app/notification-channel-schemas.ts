/** Input schemas of each person's channels: the channel per kind, and their own chat webhook. */
import { z } from "zod";
import { CHANNELS } from "../core/notification-channels.js";
import { CHAT_PROVIDERS } from "./rhythm-schemas.js";

const Choice = z.enum(CHANNELS).nullable().optional();
const CompanyChoice = z
  .enum(["in-app", "email"], {
    message: "must be in-app or email (chat goes to a person's own webhook, so each chooses it)",
  })
  .optional();

export const MyChatWebhookInputSchema = z.object({
  provider: z.enum(CHAT_PROVIDERS),
  url: z
    .string()
    .trim()
    .max(2000, "is too long")
    .url("must be a URL")
    .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://"),
});

/** A person's choices: a channel per kind (null: follow the company default), and their webhook. */
export const MyChannelsInputSchema = z
  .object({
    channels: z
      .object({
        mention: Choice,
        reply: Choice,
        change: Choice,
        reminder: Choice,
        digest: Choice,
      })
      .strict()
      .default({}),
    /** Their own incoming webhook; null removes it, absent leaves it. */
    chat: MyChatWebhookInputSchema.nullable().optional(),
  })
  .strict();
export type MyChannelsInput = z.input<typeof MyChannelsInputSchema>;

/** The company default per kind (admins): in-app or email. */
export const CompanyChannelsInputSchema = z
  .object({
    mention: CompanyChoice,
    reply: CompanyChoice,
    change: CompanyChoice,
    reminder: CompanyChoice,
    digest: CompanyChoice,
  })
  .strict();
