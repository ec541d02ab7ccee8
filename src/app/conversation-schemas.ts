/** Inputs of the conversation's use cases: comments, notifications, check-in corrections. */
import { z } from "zod";
import { HealthSchema, IdSchema } from "./schemas.js";

const Finite = z.number().finite("must be a finite number");

/** A comment's Markdown: not empty, at most 10,000 characters. */
export const CommentInputSchema = z.object({
  body: z.string().trim().min(1, "must not be empty").max(10_000, "is too long (10,000 at most)"),
});
export type CommentInput = z.input<typeof CommentInputSchema>;

export const NotificationsQuerySchema = z.object({
  /** `true`: only unread ones. */
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MarkReadInputSchema = z.object({
  /** The notifications to mark read; left out: all of the caller's. */
  ids: z.array(IdSchema).max(500).optional(),
});

/** A correction: the fields given replace the check-in's; at least one. */
export const CorrectCheckInInputSchema = z
  .object({
    value: Finite.nullable().optional(),
    progress: Finite.min(0, "must not be negative").nullable().optional(),
    health: HealthSchema.nullable().optional(),
    confidence: Finite.min(0, "must be 0–10").max(10, "must be 0–10").nullable().optional(),
    note: z.string().max(20_000, "is too long").optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), {
    message: "give at least one of value, progress, health, confidence, note",
  });
export type CorrectCheckInInput = z.input<typeof CorrectCheckInInputSchema>;
