/** The job queue's answer: background work per kind (`GET /api/jobs`). */
import { z } from "@hono/zod-openapi";

export const JobKindStatusSchema = z
  .object({
    kind: z.string(),
    pending: z.number().int(),
    running: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  })
  .openapi("JobKindStatus");

export const JobStatusSchema = z.object({ kinds: z.array(JobKindStatusSchema) });
