/**
 * The quarterly review's answer (`GET /api/periods/{id}/review`), and its type for the web
 * app's review mode (imported with `import type`).
 */
import { z } from "@hono/zod-openapi";
import { HEALTHS, STATUSES } from "../core/types.js";
import { PeriodSchema, RetrospectiveSchema, ScoreDistributionSchema } from "./schemas.js";

const ScorePointSchema = z.object({ date: z.string(), score: z.number().nullable() });

const ReviewCheckInSchema = z.object({
  at: z.string(),
  note: z.string(),
  author: z.string().nullable(),
  health: z.enum(HEALTHS).nullable(),
  progress: z.number().nullable(),
});

const ReviewKeyResultSchema = z.object({
  id: z.string(),
  objectiveTitle: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  progress: z.number().nullable(),
  health: z.enum(HEALTHS).nullable(),
  status: z.enum(STATUSES).nullable(),
  lastNote: ReviewCheckInSchema.nullable().openapi({
    description: "The last check-in with a note",
  }),
});

export const ReviewSchema = z
  .object({
    period: PeriodSchema,
    company: z.object({
      score: z.number().nullable(),
      capped: z.boolean(),
      trend: z.array(ScorePointSchema),
    }),
    sweetSpot: z.number(),
    grading: z.array(
      z.object({ min: z.number(), label: z.string(), color: z.enum(["red", "yellow", "green"]) }),
    ),
    objectives: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owner: z.string().nullable(),
        score: z.number().nullable().openapi({ description: "null: not scored yet" }),
        capped: z.boolean(),
        status: z.enum(STATUSES).nullable(),
        trend: z.array(ScorePointSchema),
        keyResults: z.array(ReviewKeyResultSchema),
        alignedCount: z.number().int(),
        atRisk: z.array(ReviewKeyResultSchema),
        notes: z.array(ReviewCheckInSchema.extend({ keyResult: z.string() })),
      }),
    ),
    distribution: ScoreDistributionSchema,
    retrospectives: z.array(
      RetrospectiveSchema.pick({ team: true, good: true, bad: true, try: true }),
    ),
  })
  .openapi("Review", {
    description:
      "The quarterly review: a screen per top-level objective, then the distribution and the retrospectives",
  });

/** `GET /api/periods/{id}/review`. */
export type ReviewAnswer = z.infer<typeof ReviewSchema>;
