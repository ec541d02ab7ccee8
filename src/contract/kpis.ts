/** The KPI answers: a KPI with its band status, its readings, the key result it follows. */
import { z } from "@hono/zod-openapi";
import { OwnerSchema } from "./schemas.js";

export const KpiSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: "MTTR" }),
    description: z.string(),
    unit: z.string().openapi({ example: "min" }),
    targetLow: z.number().nullable(),
    targetHigh: z.number().nullable().openapi({ example: 20 }),
    owner: OwnerSchema.nullable(),
    sourceKind: z.string().openapi({ example: "manual" }),
    sourceId: z.string().nullable(),
    current: z.number().nullable(),
    currentAt: z.string().nullable(),
    bandStatus: z.enum(["in_band", "below", "above", "unknown"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi("Kpi");

export const KpiReadingSchema = z
  .object({
    id: z.string(),
    kpiId: z.string(),
    value: z.number(),
    at: z.string(),
    note: z.string(),
    source: z.string(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("KpiReading");

export const KpiDetailSchema = z
  .object({
    kpi: KpiSchema,
    readings: z.array(KpiReadingSchema),
    keyResultIds: z.array(z.string()),
  })
  .openapi("KpiDetail");

export const KpiReadingResultSchema = z
  .object({
    reading: KpiReadingSchema,
    kpi: KpiSchema,
    checkedIn: z.array(z.string()),
  })
  .openapi("KpiReadingResult");

export const KpiListSchema = z.object({ kpis: z.array(KpiSchema) });

export const KeyResultKpiSchema = z
  .object({ keyResultId: z.string(), kpiId: z.string().nullable() })
  .openapi("KeyResultKpi");

export const KeyResultFollowsSchema = z
  .object({ kpi: KpiSchema.omit({ bandStatus: true }).nullable() })
  .openapi("KeyResultFollows");

/** `GET /api/key-results/{id}/kpi` */
export type KeyResultFollowsAnswer = z.infer<typeof KeyResultFollowsSchema>;
/** `GET /api/kpis` */
export type KpiListAnswer = z.infer<typeof KpiListSchema>;
/** A KPI as every KPI answer gives it. */
export type KpiAnswer = z.infer<typeof KpiSchema>;
/** `GET /api/kpis/{id}` */
export type KpiDetailAnswer = z.infer<typeof KpiDetailSchema>;
/** `POST /api/kpis/{id}/readings` */
export type KpiReadingResultAnswer = z.infer<typeof KpiReadingResultSchema>;
