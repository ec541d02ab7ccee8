/**
 * Input schemas of every use case. The server reuses them for its OpenAPI document, so each
 * field says what it is once, here.
 */
import { z } from "zod";
import { isIsoDate } from "../core/fiscal-calendar.js";
import { HEALTHS, KEY_RESULT_KINDS, LINK_KINDS, METRIC_UNITS, STATUSES } from "../core/types.js";

export const IdSchema = z.string().min(1, "must not be empty").max(64, "is too long");
const Title = z.string().trim().min(1, "must not be empty").max(2000, "is too long");
const Text = z.string().max(20_000, "is too long");
const Finite = z.number().finite("must be a finite number");
/**
 * The largest whole number an `integer` column holds on PostgreSQL (SQLite holds larger ones):
 * every whole-number field that is stored is held to it, the same on both databases.
 */
export const MAX_STORED_INTEGER = 2_147_483_647;
/** A whole number stored in an `integer` column, from `min`. */
export function storedInteger(min: number, atLeast: string) {
  return z
    .number()
    .int("must be a whole number")
    .min(min, atLeast)
    .max(MAX_STORED_INTEGER, `must be at most ${MAX_STORED_INTEGER}`);
}
const Version = storedInteger(1, "must be at least 1");
const Position = storedInteger(0, "must not be negative");
/** Weight may be any finite number at this layer; core refuses negatives with `negative_weight`. */
const Weight = Finite;
/** An owner as written: "CMO", "VP, Field Ops", a team or a person's name. */
const OwnerText = z.string().trim().max(200, "is too long").nullable();

export const StatusSchema = z.enum(STATUSES);
export const HealthSchema = z.enum(HEALTHS);
export const KeyResultKindSchema = z.enum(KEY_RESULT_KINDS);
export const MetricUnitSchema = z.enum(METRIC_UNITS);
export const LinkKindSchema = z.enum(LINK_KINDS);

export const LinkInputSchema = z.object({
  kind: LinkKindSchema.default("other"),
  text: z.string().trim().max(2000, "is too long").default(""),
  url: z.string().trim().min(1, "must not be empty").max(4000, "is too long"),
});
export type LinkInput = z.input<typeof LinkInputSchema>;

// Periods
const DAY_MESSAGE = "must be a day like 2019-11-01";
const IsoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DAY_MESSAGE, abort: true })
  .refine(isIsoDate, DAY_MESSAGE);

export const CreatePeriodInputSchema = z
  .object({
    label: z.string().trim().min(1, "must not be empty").max(40, "is too long"),
    /** A page's own dates ("runs from … to …"), kept instead of the calendar's. Both or neither. */
    start: IsoDaySchema.optional(),
    end: IsoDaySchema.optional(),
  })
  .refine((input) => (input.start === undefined) === (input.end === undefined), {
    message: "give both start and end, or neither",
    path: ["end"],
  })
  .refine((input) => !input.start || !input.end || input.start <= input.end, {
    message: "must not be before start",
    path: ["end"],
  });
export type CreatePeriodInput = z.input<typeof CreatePeriodInputSchema>;

export const ListPeriodsInputSchema = z.object({
  label: z.string().trim().min(1).max(40).optional(),
});
export type ListPeriodsInput = z.input<typeof ListPeriodsInputSchema>;

// Objectives
export const CreateObjectiveInputSchema = z.object({
  periodId: IdSchema,
  title: Title,
  owner: OwnerText.optional(),
  parentObjectiveId: IdSchema.nullable().optional(),
  parentKeyResultId: IdSchema.nullable().optional(),
  weight: Weight.optional(),
  confidential: z.boolean().optional(),
  outcome: Text.nullable().optional(),
  status: StatusSchema.nullable().optional(),
  position: Position.optional(),
  links: z.array(LinkInputSchema).max(100).optional(),
});
export type CreateObjectiveInput = z.input<typeof CreateObjectiveInputSchema>;

export const UpdateObjectiveInputSchema = z.object({
  version: Version,
  title: Title.optional(),
  owner: OwnerText.optional(),
  weight: Weight.optional(),
  confidential: z.boolean().optional(),
  outcome: Text.nullable().optional(),
  status: StatusSchema.nullable().optional(),
});
export type UpdateObjectiveInput = z.input<typeof UpdateObjectiveInputSchema>;

/** Both parents null: top level; neither given: the current parent (a move among siblings). */
export const MoveObjectiveInputSchema = z.object({
  version: Version,
  parentObjectiveId: IdSchema.nullable().optional(),
  parentKeyResultId: IdSchema.nullable().optional(),
  position: Position.optional(),
});
export type MoveObjectiveInput = z.input<typeof MoveObjectiveInputSchema>;

// Key results
export const CreateKeyResultInputSchema = z.object({
  objectiveId: IdSchema,
  title: Title,
  kind: KeyResultKindSchema.default("metric"),
  unit: MetricUnitSchema.nullable().optional(),
  start: Finite.nullable().optional(),
  target: Finite.nullable().optional(),
  direction: z.enum(["above", "below"]).nullable().optional(),
  targetConfidential: z.boolean().optional(),
  weight: Weight.optional(),
  owner: OwnerText.optional(),
  outcome: Text.nullable().optional(),
  status: StatusSchema.nullable().optional(),
  position: Position.optional(),
  links: z.array(LinkInputSchema).max(100).optional(),
});
export type CreateKeyResultInput = z.input<typeof CreateKeyResultInputSchema>;

export const UpdateKeyResultInputSchema = z.object({
  version: Version,
  title: Title.optional(),
  kind: KeyResultKindSchema.optional(),
  unit: MetricUnitSchema.nullable().optional(),
  start: Finite.nullable().optional(),
  target: Finite.nullable().optional(),
  direction: z.enum(["above", "below"]).nullable().optional(),
  targetConfidential: z.boolean().optional(),
  weight: Weight.optional(),
  owner: OwnerText.optional(),
  outcome: Text.nullable().optional(),
  status: StatusSchema.nullable().optional(),
});
export type UpdateKeyResultInput = z.input<typeof UpdateKeyResultInputSchema>;

export const MoveKeyResultInputSchema = z.object({
  version: Version,
  objectiveId: IdSchema.optional(),
  position: Position.optional(),
});
export type MoveKeyResultInput = z.input<typeof MoveKeyResultInputSchema>;

/** archive, carry-over, reorder: name the version you saw. */
export const VersionInputSchema = z.object({ version: Version });
export type VersionInput = z.input<typeof VersionInputSchema>;

export const ReorderInputSchema = z.object({ version: Version, position: Position });
export type ReorderInput = z.input<typeof ReorderInputSchema>;

// Check-ins
export const CheckInInputSchema = z.object({
  value: Finite.nullable().optional(),
  progress: Finite.min(0, "must not be negative").nullable().optional(),
  health: HealthSchema.nullable().optional(),
  confidence: Finite.min(0, "must be 0–10").max(10, "must be 0–10").nullable().optional(),
  note: Text.optional(),
});
export type CheckInInput = z.input<typeof CheckInInputSchema>;

// Reads
export const DashboardInputSchema = z.object({
  /** Left out: the workspace setting `staleDays`. */
  staleDays: z.coerce.number().int().min(1).max(365).optional(),
  /** How many rows of each list (at risk, stale, by team, by owner) the first answer holds. */
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const DashboardListInputSchema = DashboardInputSchema.extend({
  /** Rows to skip: the previous page's `nextOffset`. */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type DashboardInput = z.input<typeof DashboardInputSchema>;

export const SearchInputSchema = z.object({
  q: z.string().trim().max(200).optional(),
  owner: z.string().trim().max(200).optional(),
  team: z.string().trim().max(200).optional(),
  status: StatusSchema.optional(),
  health: HealthSchema.optional(),
  periodId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type SearchInput = z.input<typeof SearchInputSchema>;

export const AuditQueryInputSchema = z.object({
  entity: z.string().trim().max(60).optional(),
  entityId: IdSchema.optional(),
  /** Events per page. */
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** `next` of the previous page: the page after it. */
  cursor: z.string().trim().max(300).optional(),
});
export type AuditQueryInput = z.input<typeof AuditQueryInputSchema>;

// Retrospectives
const Lines = z.array(z.string().max(5000, "is too long")).max(500);
export const RetrospectiveInputSchema = z.object({
  team: z.string().trim().min(1, "must not be empty").max(200),
  good: Lines.default([]),
  bad: Lines.default([]),
  try: Lines.default([]),
});
export const PutRetrospectivesInputSchema = z.object({
  retrospectives: z.array(RetrospectiveInputSchema).max(500),
});
export type PutRetrospectivesInput = z.input<typeof PutRetrospectivesInputSchema>;

// Settings
export const SettingsSchema = z.object({
  calendar: z.object({
    startMonth: z.number().int().min(1, "must be 1–12").max(12, "must be 1–12"),
    naming: z.enum(["start", "end"]),
  }),
  grading: z
    .array(
      z.object({
        min: Finite.min(0).max(10),
        label: z.string().trim().min(1).max(60),
        color: z.enum(["red", "yellow", "green"]),
      }),
    )
    .min(1, "needs at least one band")
    .max(20),
  rollUp: z
    .object({
      cap: Finite.gt(0, "must be above 0"),
      includeChildObjectives: z.boolean(),
      unscored: z.enum(["excluded", "zero"]),
    })
    .partial(),
  sweetSpot: Finite.min(0).max(10),
  /** Days without a check-in after which a key result is stale (dashboard, My OKRs, tree). */
  staleDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be 1–365")
    .max(365, "must be 1–365"),
  publicSite: z
    .object({
      served: z.boolean(),
      periods: z.array(z.string().trim().min(1).max(100)).max(1000),
    })
    .partial(),
});
export type SettingsInput = z.input<typeof SettingsSchema>;

// People and teams
/** A person's email: optional; empty text clears it. */
const PersonEmail = z
  .string()
  .trim()
  .max(320, "is too long")
  .regex(/^$|^[^\s@]+@[^\s@]+$/, "must be an email address")
  .transform((email) => email || null);

export const CreatePersonInputSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200),
  email: PersonEmail.nullable().optional(),
  title: z.string().trim().max(200).nullable().optional(),
  teamId: IdSchema.nullable().optional(),
});
export type CreatePersonInput = z.input<typeof CreatePersonInputSchema>;
export const UpdatePersonInputSchema = CreatePersonInputSchema.partial();
export type UpdatePersonInput = z.input<typeof UpdatePersonInputSchema>;

export const CreateTeamInputSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200),
  parentId: IdSchema.nullable().optional(),
});
export type CreateTeamInput = z.input<typeof CreateTeamInputSchema>;
export const UpdateTeamInputSchema = CreateTeamInputSchema.partial();
export type UpdateTeamInput = z.input<typeof UpdateTeamInputSchema>;
