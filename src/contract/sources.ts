/** The answers of sources of progress, connections and webhooks in. */
import { z } from "@hono/zod-openapi";
import { CONNECTION_KINDS, SOURCE_KINDS } from "../core/sources.js";

export const ReadingSchema = z
  .union([
    z.object({
      type: z.literal("ratio"),
      done: z.number(),
      total: z.number(),
      unit: z.enum(["closed", "weight", "merged"]),
    }),
    z.object({ type: z.literal("value"), value: z.number() }),
  ])
  .openapi("SourceReading");

export const SourceSchema = z
  .object({
    /** The key result it belongs to, or null when it is a KPI's. */
    keyResultId: z.string().nullable(),
    /** The KPI it belongs to, or null when it is a key result's. */
    kpiId: z.string().nullable(),
    connectionId: z.string(),
    connectionName: z.string(),
    kind: z.enum(SOURCE_KINDS as [string, ...string[]]),
    config: z
      .record(z.string(), z.unknown())
      .openapi({ example: { kind: "gitlab_issues", project: "acme/app", labels: "okr" } }),
    lastReading: ReadingSchema.nullable(),
    description: z.string().nullable().openapi({ example: "7 of 12 closed → 58%" }),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  })
  .openapi("Source");

export const SourceOrNoneSchema = z.object({ source: SourceSchema.nullable() });

export const SourcePreviewSchema = z
  .object({
    reading: ReadingSchema,
    description: z.string().openapi({ example: "7 of 12 closed → 58%" }),
    value: z.number().nullable(),
    progress: z.number().nullable(),
  })
  .openapi("SourcePreview");

export const RefreshQueuedSchema = z.object({ queued: z.boolean() });

export const ConnectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CONNECTION_KINDS),
    baseUrl: z.string(),
    hasToken: z.boolean(),
    hasWebhookSecret: z.boolean(),
    authHeader: z.string().nullable(),
    sources: z.number(),
    failingSources: z.number(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Connection");

export const ConnectionListSchema = z.object({ connections: z.array(ConnectionSchema) });

export const HookOutcomeSchema = z.object({
  connection: z.string(),
  refreshing: z.array(z.string()),
});

/** `GET /api/key-results/{id}/source`. */
export type SourceOrNoneAnswer = z.infer<typeof SourceOrNoneSchema>;
export type SourceAnswer = z.infer<typeof SourceSchema>;
/** `POST /api/key-results/{id}/source/preview`. */
export type SourcePreviewAnswer = z.infer<typeof SourcePreviewSchema>;
/** A connection in `GET /api/connections`. */
export type ConnectionAnswer = z.infer<typeof ConnectionSchema>;
export type ConnectionListAnswer = z.infer<typeof ConnectionListSchema>;
