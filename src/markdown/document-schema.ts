/**
 * The canonical document's shape as a zod schema: what `okr render` and `okr import` check a
 * JSON document against before they trust it.
 */
import { z } from "zod";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { NUL_MESSAGE, nulPathOf } from "../core/nul-character.js";
import { STATUSES } from "../core/types.js";

const linkSchema = z.object({ text: z.string(), url: z.string() });

const measureSchema = z.object({
  kind: z.enum(["metric", "threshold"]),
  unit: z.enum(["count", "percent", "currency", "duration"]),
  start: z.number().finite().nullable(),
  target: z.number().finite(),
  direction: z.enum(["above", "below"]).nullable(),
  durationUnit: z.enum(["ms", "s", "min", "h", "day", "week"]).optional(),
  currency: z.enum(["$", "€", "£"]).optional(),
});

export const itemSchema: z.ZodType<DocumentItem> = z.lazy(() =>
  z.object({
    kind: z.enum(["objective", "key_result"]),
    owner: z.string().nullable(),
    title: z.string(),
    outcome: z.string().nullable(),
    progress: z.number().finite().nullable(),
    status: z.enum(STATUSES).nullable(),
    links: z.array(linkSchema),
    line: z.number().int().nonnegative(),
    children: z.array(itemSchema),
    confidential: z.boolean().optional(),
    ownerUrl: z.string().optional(),
    priority: z.string().optional(),
    measure: measureSchema.optional(),
    value: z.number().finite().optional(),
    score: z.number().nullable().optional(),
  }),
);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2019-11-01");

export const documentSchema: z.ZodType<OkrDocument> = z.object({
  format: z.literal("okr/1"),
  title: z.string().nullable(),
  period: z.object({ label: z.string().min(1), start: isoDate, end: isoDate }).nullable(),
  items: z.array(itemSchema),
  retrospectives: z.array(
    z.object({
      team: z.string(),
      good: z.array(z.string()),
      bad: z.array(z.string()),
      try: z.array(z.string()),
    }),
  ),
  references: z.record(z.string(), z.string()),
  problems: z.array(
    z.object({
      line: z.number().int().nonnegative(),
      severity: z.enum(["error", "warning", "info"]),
      code: z.string(),
      message: z.string(),
    }),
  ),
  score: z.object({ score: z.number().nullable(), explanation: z.string() }).optional(),
});

export type DocumentCheck = { ok: true; document: OkrDocument } | { ok: false; errors: string[] };

/** Checks that a parsed JSON value is a canonical document; errors say where (`items.0.title`). */
export function checkDocument(value: unknown): DocumentCheck {
  const result = documentSchema.safeParse(value);
  if (result.success) {
    const nul = nulPathOf(result.data);
    if (nul === null) return { ok: true, document: result.data };
    return { ok: false, errors: [`${nul.map(String).join(".") || "(document)"}: ${NUL_MESSAGE}`] };
  }
  return {
    ok: false,
    errors: result.error.issues.slice(0, 10).map((issue) => {
      const path = issue.path.map(String).join(".");
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    }),
  };
}
