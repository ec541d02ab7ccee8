/** Each person's channels as the API answers them: per kind, their choice and what applies. */
import { z } from "@hono/zod-openapi";

const ChannelKindSchema = z.enum(["mention", "reply", "change", "reminder", "digest"]);
const ChannelSchema = z.enum(["in-app", "email", "chat"]);

export const MyChannelKindSchema = z
  .object({
    kind: ChannelKindSchema,
    name: z.string(),
    own: ChannelSchema.nullable(),
    companyDefault: ChannelSchema,
    effective: ChannelSchema,
  })
  .openapi("MyChannelKind");

export const MyChannelsSchema = z
  .object({
    kinds: z.array(MyChannelKindSchema),
    chat: z.object({ provider: z.string(), host: z.string() }).nullable(),
    email: z.string(),
    mail: z.boolean(),
    unsubscribed: z.array(ChannelKindSchema),
  })
  .openapi("MyNotificationChannels");

export const CompanyChannelsSchema = z
  .object({
    mention: ChannelSchema,
    reply: ChannelSchema,
    change: ChannelSchema,
    reminder: ChannelSchema,
    digest: ChannelSchema,
  })
  .openapi("CompanyNotificationChannels");

export type MyChannelsAnswer = z.infer<typeof MyChannelsSchema>;
export type MyChannelKindAnswer = z.infer<typeof MyChannelKindSchema>;
export type CompanyChannelsAnswer = z.infer<typeof CompanyChannelsSchema>;
