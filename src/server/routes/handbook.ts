/**
 * Handbook-first: import a page (Markdown, or a canonical JSON document) and export a period
 * back to Markdown, JSON or CSV. Import bodies may be JSON (`{markdown}`) or the page itself
 * (`text/markdown` / `text/plain`, options in the query).
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ImportOptions } from "../../app/import.js";
import { ImportPreviewSchema, ImportResultSchema } from "../../contract/import.js";
import { OkrError } from "../../core/errors.js";
import { readAsPageText } from "../../core/nul-character.js";
import type { RouteContext, ServerEnv } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonResponse } from "../route.js";
import { parsePart } from "../route-input.js";

const ImportOptionsSchema = z.object({
  format: z.enum(["md", "json"]).optional().openapi({
    description: "md (default unless the text is a JSON object) or json (a canonical document)",
  }),
  periodId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "Import into this period instead of the page's" }),
  periodLabel: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: "Import into the period with this label (created when missing)" }),
});

const ImportQuerySchema = ImportOptionsSchema.extend({
  closed: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true"))
    .openapi({ description: "true: import as a closed (historical) period" }),
  force: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true"))
    .openapi({
      description:
        "true: take the page's outcomes even where they take back check-ins the page does not know",
    }),
});

const ImportBodySchema = ImportOptionsSchema.extend({
  ownerMap: z
    .record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(240))
    .optional()
    .openapi({
      description:
        'A page owner name -> "team:NAME", "person:NAME" or "role" (kept as written, the default)',
      example: { "Customer Success": "team:Support" },
    }),
  attachMatchingOwners: z.boolean().optional().openapi({
    description:
      "Attach every page name that is exactly a person's or team's (default: as written)",
  }),
  closed: z.boolean().optional().openapi({
    description: "Import as a closed (historical) period: no check-ins, no stale warnings",
  }),
  force: z.boolean().optional().openapi({
    description:
      "Take the page's outcomes even where they take back check-ins the page does not know (without it: 409 conflict naming each line)",
  }),
  // A page's NUL characters are read as U+FFFD, as in a page sent as text (`markdown/page-text.ts`).
  markdown: z
    .string()
    .min(1, "must not be empty")
    .transform(readAsPageText)
    .openapi({ description: "The handbook page (or a canonical JSON document as text)" }),
}).openapi("ImportRequest");

// Not `required`: the JSON validator would refuse a text body; readImport checks both kinds.
const importBody = {
  required: false,
  description:
    "JSON `{markdown, format?, periodId?, periodLabel?, ownerMap?, closed?}`, or the page itself as text/markdown",
  content: {
    "application/json": { schema: ImportBodySchema },
    "text/markdown": { schema: z.string() },
    "text/plain": { schema: z.string() },
  },
} as const;

/** The formats of `src/app/export.ts`. */
const EXPORT_FORMATS = ["md", "json", "csv"] as const;

const ExportQuerySchema = z.object({
  periodId: z.string().min(1, "must not be empty").max(64, "is too long"),
  format: z.enum(EXPORT_FORMATS).default("md"),
  public: z.enum(["true", "false"]).optional().openapi({
    description:
      "true: confidential objectives and targets become placeholders (always so for non-insiders)",
  }),
  style: z.enum(["source", "house"]).optional().openapi({
    description:
      "Markdown: source writes the page the period was imported from, edited only where the data changed (the default when there is one); house writes the house style",
  }),
});

/**
 * The import/export use cases (and the Markdown parser under them), loaded on first use: a
 * server that never imports starts faster without them.
 */
const loadImport = () => import("../../app/import.js");
const loadExport = () => import("../../app/export.js");

/** The page and options, from a JSON body or a text body with options in the query. */
async function readImport(
  c: Context<ServerEnv>,
): Promise<{ text: string; options: ImportOptions }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("text/")) {
    const text = await c.req.text();
    const options = parsePart(ImportQuerySchema, c.req.query(), "query");
    if (text.trim() === "") {
      throw new OkrError("invalid_input", "The body is empty: send the handbook page.", [
        { path: "", message: "must not be empty" },
      ]);
    }
    return { text, options };
  }
  const body = await c.req.json().catch(() => undefined);
  const { markdown, ...options } = parsePart(ImportBodySchema, body, "json");
  return { text: markdown, options };
}

export function registerHandbookRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/import/preview",
      access: "editor",
      tags: ["import and export"],
      summary:
        "What importing a handbook page would change, without writing: document, problems, changes",
      request: { body: importBody },
      responses: { 200: jsonResponse(ImportPreviewSchema, "The preview") },
    },
    async (c) => {
      const { text, options } = await readImport(c);
      const { previewImport } = await loadImport();
      return c.json(await previewImport(deps, actorOf(c), text, options), 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/import/apply",
      access: "editor",
      tags: ["import and export"],
      summary: "Import a handbook page into its period (created when missing), in one transaction",
      request: { body: importBody },
      responses: {
        200: jsonResponse(ImportResultSchema, "What was created, updated and left alone"),
      },
    },
    async (c) => {
      const { text, options } = await readImport(c);
      const { importMarkdown } = await loadImport();
      return c.json(await importMarkdown(deps, actorOf(c), text, options), 200);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/export",
      access: "signed_in",
      tags: ["import and export"],
      summary: "A period as handbook Markdown, the canonical JSON document, or CSV",
      request: { query: ExportQuerySchema },
      responses: {
        200: {
          description: "The file (Content-Disposition names it)",
          content: {
            "text/markdown": { schema: z.string() },
            "application/json": { schema: z.object({}).catchall(z.unknown()) },
            "text/csv": { schema: z.string() },
          },
        },
      },
    },
    async (c) => {
      const query = c.req.valid("query");
      const { exportPeriod } = await loadExport();
      const result = await exportPeriod(deps, actorOf(c), query.periodId, {
        format: query.format,
        public: query.public === "true",
        ...(query.style ? { style: query.style } : {}),
      });
      return c.body(result.content, 200, {
        "content-type": result.mediaType,
        "x-okr-export-style": result.style,
        "content-disposition": `attachment; filename="${result.filename.replace(/"/g, "")}"`,
      });
    },
  );
}
