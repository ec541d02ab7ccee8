/** Input schemas of the KPI use cases (the server reuses them for its OpenAPI document). */
import { z } from "zod";
import { IdSchema, storedInteger } from "./schemas.js";

const Finite = z.number().finite("must be a finite number");
const Name = z.string().trim().min(1, "must not be empty").max(200, "is too long");
const Description = z.string().max(20_000, "is too long");
const Unit = z.string().trim().max(40, "is too long");
const OwnerText = z.string().trim().max(200, "is too long").nullable();
const Instant = z.iso.datetime({
  offset: true,
  message: "must be a time like 2026-04-01T09:00:00Z",
});

function bandInOrder(input: { targetLow?: number | null; targetHigh?: number | null }): boolean {
  const { targetLow: low, targetHigh: high } = input;
  return low === undefined || low === null || high === undefined || high === null || low <= high;
}
const BAND_MESSAGE = { message: "must not be below targetLow", path: ["targetHigh"] };

export const CreateKpiInputSchema = z
  .object({
    name: Name,
    description: Description.optional(),
    unit: Unit.optional(),
    targetLow: Finite.nullable().optional(),
    targetHigh: Finite.nullable().optional(),
    owner: OwnerText.optional(),
  })
  .refine(bandInOrder, BAND_MESSAGE);
export type CreateKpiInput = z.input<typeof CreateKpiInputSchema>;

export const UpdateKpiInputSchema = z
  .object({
    version: storedInteger(1, "must be at least 1"),
    name: Name.optional(),
    description: Description.optional(),
    unit: Unit.optional(),
    targetLow: Finite.nullable().optional(),
    targetHigh: Finite.nullable().optional(),
    owner: OwnerText.optional(),
  })
  .refine(bandInOrder, BAND_MESSAGE);

export const KpiReadingInputSchema = z.object({
  value: Finite,
  /** When the value was true; default now. */
  at: Instant.optional(),
  note: z.string().max(2000, "is too long").optional(),
});
export type KpiReadingInput = z.input<typeof KpiReadingInputSchema>;

export const KpiListInputSchema = z.object({
  /** Only the KPIs this person owns (themselves, their team, or a role title they hold). */
  personId: IdSchema.optional(),
  /** Only the KPIs this team owns (the team, its people, or a title one of them holds). */
  teamId: IdSchema.optional(),
});

export const KeyResultKpiInputSchema = z.object({
  /** The KPI the key result follows; null: none. */
  kpiId: IdSchema.nullable(),
});
