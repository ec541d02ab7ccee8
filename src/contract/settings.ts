/** The settings answer: every setting, defaults filled in (`GET`/`PUT /api/settings`). */
import { z } from "@hono/zod-openapi";

export const SettingsAnswerSchema = z
  .object({
    calendar: z.object({
      startMonth: z.number().int().openapi({ description: "First month of the fiscal year, 1-12" }),
      naming: z.enum(["start", "end"]),
    }),
    grading: z
      .array(
        z.object({
          min: z.number().openapi({ description: "Inclusive lower bound of the score" }),
          label: z.string(),
          color: z.enum(["red", "yellow", "green"]),
        }),
      )
      .openapi({ description: "Grading bands, sorted by `min`" }),
    rollUp: z.object({
      cap: z.number(),
      includeChildObjectives: z.boolean(),
      unscored: z.enum(["excluded", "zero"]),
    }),
    sweetSpot: z.number(),
    staleDays: z
      .number()
      .int()
      .openapi({ description: "A key result with no check-in for this many days is stale" }),
    publicSite: z.object({
      served: z.boolean().openapi({ description: "The app serves the public site at /public" }),
      periods: z.array(z.string()).openapi({ description: "Ids of the periods marked public" }),
    }),
  })
  .openapi("Settings");
