/**
 * The API contract: the answer shapes the routes declare (inputs come from `src/app/schemas.ts`)
 * and the OpenAPI document shows. The web app imports their inferred types (`answers.ts`) only,
 * so a changed answer fails its typecheck.
 */
import { z } from "@hono/zod-openapi";
import { HEALTHS, KEY_RESULT_KINDS, LINK_KINDS, METRIC_UNITS, STATUSES } from "../core/types.js";

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "01J0000000000000000000000A" }),
});

export const PeriodSchema = z
  .object({
    id: z.string(),
    label: z.string().openapi({ example: "FY20-Q2" }),
    kind: z.enum(["quarter", "year"]),
    start: z.string().openapi({ example: "2019-05-01" }),
    end: z.string().openapi({ example: "2019-07-31" }),
    closedAt: Nullable(z.string()),
  })
  .openapi("Period");

export const OwnerSchema = z
  .object({
    kind: z.enum(["person", "team", "role"]),
    id: Nullable(z.string()),
    name: z.string(),
  })
  .openapi("Owner");

export const LinkSchema = z
  .object({ id: z.string(), kind: z.enum(LINK_KINDS), text: z.string(), url: z.string() })
  .openapi("Link");

const ItemBase = {
  id: z.string(),
  periodId: z.string(),
  title: z.string(),
  owner: Nullable(OwnerSchema),
  weight: z.number(),
  status: Nullable(z.enum(STATUSES)),
  outcome: Nullable(z.string()),
  position: z.number(),
  archived: z.boolean(),
  carriedFromId: Nullable(z.string()),
  carriedToId: Nullable(z.string()),
  links: z.array(LinkSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ObjectiveSchema = z
  .object({
    ...ItemBase,
    type: z.literal("objective"),
    parentObjectiveId: Nullable(z.string()),
    parentKeyResultId: Nullable(z.string()),
    confidential: z.boolean(),
  })
  .openapi("Objective");

export const KeyResultSchema = z
  .object({
    ...ItemBase,
    type: z.literal("key_result"),
    objectiveId: z.string(),
    kind: z.enum(KEY_RESULT_KINDS),
    unit: Nullable(z.enum(METRIC_UNITS)),
    start: Nullable(z.number()),
    target: Nullable(z.number()),
    direction: Nullable(z.enum(["above", "below"])),
    targetConfidential: z.boolean(),
    current: Nullable(z.number()),
    progress: Nullable(z.number()),
    health: Nullable(z.enum(HEALTHS)),
    confidence: Nullable(z.number()),
    lastCheckInAt: Nullable(z.string()),
    hidden: z
      .boolean()
      .optional()
      .openapi({ description: "True when the numbers were withheld from this reader" }),
    placeholder: Nullable(z.string()).optional(),
  })
  .openapi("KeyResult");

export const CheckInSchema = z
  .object({
    id: z.string(),
    keyResultId: z.string(),
    value: Nullable(z.number()),
    progress: Nullable(z.number()),
    health: Nullable(z.enum(HEALTHS)),
    confidence: Nullable(z.number()),
    note: z.string(),
    authorId: Nullable(z.string()),
    authorName: Nullable(z.string()),
    createdAt: z.string(),
    hidden: z.boolean().optional(),
  })
  .openapi("CheckIn");

export const ContributionSchema = z.object({
  id: z.string(),
  type: z.enum(["objective", "key_result"]),
  title: z.string(),
  weight: z.number(),
  progress: Nullable(z.number()),
  counted: z.number(),
  share: z.number(),
});

export const RollUpSchema = z
  .object({
    score: Nullable(z.number()),
    contributions: z.array(ContributionSchema),
    capped: z.boolean(),
    explanation: z.string(),
  })
  .openapi("RollUp");

export const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: Nullable(z.string()),
    title: Nullable(z.string()),
    teamId: Nullable(z.string()),
  })
  .openapi("Person");

export const TeamSchema = z
  .object({ id: z.string(), name: z.string(), parentId: Nullable(z.string()) })
  .openapi("Team");

export const RetrospectiveSchema = z
  .object({
    id: z.string(),
    periodId: z.string(),
    team: z.string(),
    good: z.array(z.string()),
    bad: z.array(z.string()),
    try: z.array(z.string()),
  })
  .openapi("Retrospective");

export const AuditEventSchema = z
  .object({
    id: z.string(),
    actorId: Nullable(z.string()),
    actorName: Nullable(z.string()),
    at: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi("AuditEvent");

const NestedObjectiveNodes = z
  .array(z.object({}).catchall(z.unknown()))
  .openapi({ description: "ObjectiveNode[] (recursive): objectives aligned below" });

/** A roll-up as the tree carries it; `GET /api/objectives/{id}/roll-up` says what makes it up. */
export const TreeRollUpSchema = z
  .object({ score: Nullable(z.number()), capped: z.boolean() })
  .openapi("TreeRollUp");

export const KeyResultNodeSchema = z
  .object({
    type: z.literal("key_result"),
    keyResult: KeyResultSchema,
    children: NestedObjectiveNodes,
  })
  .openapi("KeyResultNode");

export const ObjectiveNodeSchema = z
  .object({
    type: z.literal("objective"),
    objective: ObjectiveSchema,
    rollUp: TreeRollUpSchema,
    depth: z.number().int(),
    keyResults: z.array(KeyResultNodeSchema),
    children: NestedObjectiveNodes,
  })
  .openapi("ObjectiveNode");

export const PeriodTreeSchema = z
  .object({
    period: PeriodSchema,
    score: TreeRollUpSchema,
    roots: z.array(ObjectiveNodeSchema),
    count: z.object({ objectives: z.number().int(), keyResults: z.number().int() }),
  })
  .openapi("PeriodTree");

export const GroupScoreSchema = z
  .object({
    id: Nullable(z.string()),
    name: z.string(),
    kind: z.enum(["person", "team", "role"]),
    score: Nullable(z.number()).openapi({
      description: "Weighted mean of its scored objectives; null: not scored yet",
    }),
    scored: z.number().int().openapi({ description: "Objectives with a score" }),
    unscored: z.number().int().openapi({ description: "Objectives without a score yet" }),
  })
  .openapi("GroupScore");

export const DashboardKeyResultSchema = z
  .object({
    id: z.string(),
    objectiveId: z.string(),
    title: z.string(),
    owner: Nullable(z.string()),
    health: Nullable(z.enum(HEALTHS)),
    progress: Nullable(z.number()),
    lastCheckInAt: Nullable(z.string()),
    daysSince: Nullable(z.number()),
  })
  .openapi("DashboardKeyResult");

/** One page of a dashboard list. */
export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      offset: z.number().int(),
      nextOffset: Nullable(z.number().int()).openapi({
        description: "`offset` of the next page; null at the end",
      }),
    })
    .openapi(name);
}

export const GroupScorePageSchema = pageSchema(GroupScoreSchema, "GroupScorePage");
export const DashboardKeyResultPageSchema = pageSchema(
  DashboardKeyResultSchema,
  "DashboardKeyResultPage",
);

export const ScoreDistributionSchema = z
  .object({
    buckets: z.array(
      z.object({
        label: z.string(),
        min: z.number(),
        max: Nullable(z.number()),
        count: z.number().int(),
      }),
    ),
    count: z.number().int().openapi({ description: "Key results with a score" }),
    unscored: z.number().int().openapi({ description: "Key results without a score yet" }),
    mean: Nullable(z.number()),
    sweetSpot: z.number(),
    atOrAboveSweetSpot: Nullable(z.number()),
    atOrAboveFull: z.number().int(),
  })
  .openapi("ScoreDistribution", {
    description: "Key-result scores in buckets of 0.1, with the sweet spot marked",
  });

export const DashboardSchema = z
  .object({
    periodId: z.string(),
    company: z.object({
      score: Nullable(z.number()).openapi({ description: "null: not scored yet" }),
      capped: z.boolean(),
      scored: z.number().int(),
      unscored: z.number().int(),
    }),
    byTeam: GroupScorePageSchema,
    byOwner: GroupScorePageSchema,
    distribution: ScoreDistributionSchema,
    atRisk: DashboardKeyResultPageSchema,
    stale: DashboardKeyResultPageSchema,
    staleDays: z.number().int(),
    progressOverTime: z.array(z.object({ date: z.string(), score: Nullable(z.number()) })),
  })
  .openapi("Dashboard");

/** An objective or a key result, as the `type` field says. */
export const ItemSchema = z.union([ObjectiveSchema, KeyResultSchema]).openapi("Item");

/** `GET /api/me/okrs`: what I own in open periods and what waits for my check-in. */
export const MyOkrsSchema = z
  .object({
    objectives: z.array(ObjectiveSchema.extend({ rollUp: RollUpSchema })),
    keyResults: z.array(KeyResultSchema),
    waitingForCheckIn: z.array(KeyResultSchema),
    staleDays: z.number().int(),
  })
  .openapi("MyOkrs");
