/**
 * The import answers: the canonical document a page reads as, its problems, what a preview says
 * would change, and what an apply did. The routes in `server/routes/handbook.ts` declare these.
 */
import { z } from "@hono/zod-openapi";
import { STATUSES } from "../core/types.js";
import { RetrospectiveSchema } from "./schemas.js";

export const ProblemSchema = z
  .object({
    line: z.number().int(),
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    message: z.string(),
  })
  .openapi("Problem");

export const DocumentLinkSchema = z
  .object({ text: z.string(), url: z.string() })
  .openapi("DocumentLink");

export const DocumentMeasureSchema = z
  .object({
    kind: z.enum(["metric", "threshold"]),
    unit: z.enum(["count", "percent", "currency", "duration"]),
    start: z.number().nullable(),
    target: z.number(),
    direction: z.enum(["above", "below"]).nullable(),
    durationUnit: z.enum(["ms", "s", "min", "h", "day", "week"]).optional(),
    currency: z.enum(["$", "€", "£"]).optional(),
  })
  .openapi("DocumentMeasure", {
    description:
      "The measure a key result's title states (`from 70 mins to 56 mins`, `> 3.4`, `Hire 25 engineers`), given where its outcome is a value of it; start and target in the title's units",
  });

/** The items below an item: `DocumentItem[]` (the answer types give the recursion). */
const NestedDocumentItems = z
  .array(z.object({}).catchall(z.unknown()))
  .openapi({ description: "DocumentItem[] (recursive): the lines below this one" });

export const DocumentItemSchema = z
  .object({
    kind: z.enum(["objective", "key_result"]),
    owner: z.string().nullable(),
    title: z.string().openapi({ description: "Inline Markdown as written" }),
    outcome: z.string().nullable(),
    progress: z.number().nullable().openapi({ description: "1 = 100%; may exceed 1" }),
    status: z.enum(STATUSES).nullable(),
    links: z.array(DocumentLinkSchema),
    line: z.number().int(),
    children: NestedDocumentItems,
    confidential: z.boolean().optional(),
    ownerUrl: z.string().optional(),
    priority: z.string().optional(),
    measure: DocumentMeasureSchema.optional(),
    value: z
      .number()
      .optional()
      .openapi({ description: "The outcome's value of `measure` (`=> 61 mins` is 61)" }),
    score: z.number().nullable().optional(),
  })
  .openapi("DocumentItem");

export const DocumentSchema = z
  .object({
    format: z.literal("okr/1"),
    title: z.string().nullable(),
    period: z.object({ label: z.string(), start: z.string(), end: z.string() }).nullable(),
    items: z.array(DocumentItemSchema),
    retrospectives: z.array(
      RetrospectiveSchema.pick({ team: true, good: true, bad: true, try: true }),
    ),
    references: z.record(z.string(), z.string()),
    problems: z.array(ProblemSchema),
    score: z.object({ score: z.number().nullable(), explanation: z.string() }).optional(),
  })
  .openapi("OkrDocument", { description: "The canonical document (format okr/1)" });

const OwnerKind = z.enum(["person", "team", "role"]);

export const ImportPreviewSchema = z
  .object({
    document: DocumentSchema,
    problems: z.array(ProblemSchema),
    changes: z.array(
      z.object({
        action: z.enum(["create", "update", "unchanged", "skip"]),
        entity: z.enum(["period", "objective", "key_result", "retrospective"]),
        line: z.number().int().openapi({ description: "Line in the page; 0 when not from one" }),
        label: z.string(),
        fields: z.array(z.string()).optional().openapi({ description: "What an update changes" }),
      }),
    ),
    period: z
      .object({
        label: z.string(),
        start: z.string().nullable(),
        end: z.string().nullable(),
        exists: z.boolean(),
        closed: z.boolean(),
        past: z.boolean(),
        clash: z.object({ label: z.string(), start: z.string(), end: z.string() }).nullable(),
        message: z.string(),
      })
      .nullable()
      .openapi({
        description:
          "Where the page goes; `clash` when its label names a period with other dates (kept apart)",
      }),
    owners: z.array(
      z.object({
        name: z.string(),
        lines: z.array(z.number().int()),
        matches: z.object({ kind: OwnerKind, name: z.string(), people: z.number() }).nullable(),
        owner: z.object({ kind: OwnerKind, id: z.string().nullable(), name: z.string() }),
        mapped: z.boolean(),
      }),
    ),
    takenBack: z
      .array(
        z.object({
          line: z.number().int(),
          item: z.string(),
          app: z.string(),
          page: z.string().nullable(),
          checkedInAt: z.string(),
        }),
      )
      .openapi({
        description:
          "Key result lines that take back check-ins the page does not know (each also an error problem `check_in_taken_back`): the app's figure, the page's (null: none) and the latest check-in it does not know; applying needs `force` (decisions/0065). Empty when forced.",
      }),
  })
  .openapi("ImportPreview");

export const ImportResultSchema = z
  .object({
    periodId: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    periodCreated: z.boolean(),
    closed: z.boolean(),
    notice: z.string(),
    problems: z.array(ProblemSchema),
  })
  .openapi("ImportResult");
