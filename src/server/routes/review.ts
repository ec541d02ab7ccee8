/** The quarterly review: its screens as data, and the same screens printed as a PDF. */
import { z } from "@hono/zod-openapi";
import { cachedRead, visibilityClassOf } from "../../app/read-cache.js";
import { getReview } from "../../app/review.js";
import { ReviewSchema } from "../../contract/review.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonResponse } from "../route.js";

export function registerReviewRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/review",
      access: "signed_in",
      tags: ["periods"],
      summary:
        "The quarterly review: per top-level objective its score, trend, key results with their last check-in notes and what is at risk; the distribution and the retrospectives",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(ReviewSchema, "The review") },
    },
    async (c) => c.json(await getReview(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/periods/{id}/review.pdf",
      access: "signed_in",
      tags: ["periods"],
      summary:
        "The quarterly review as a PDF, a page per screen, printed by headless Chromium on the server (503 renderer_unavailable when Chromium is not installed)",
      request: { params: IdParamsSchema },
      responses: {
        200: {
          description: "The PDF (Content-Disposition names it)",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
      },
    },
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid("param");
      const { assertCanPrint, renderReviewPdf } = await import("../review-pdf.js");
      const webRoot = ctx.options.webRoot;
      await assertCanPrint(webRoot);
      // Printing takes seconds: kept per period version and reader class, like the answers.
      const today = deps.now().toISOString().slice(0, 10);
      const { label, pdf } = await cachedRead(
        deps,
        id,
        `review-pdf:${id}:${visibilityClassOf(actor)}:${today}`,
        async () => {
          const review = await getReview(deps, actor, id);
          return { label: review.period.label, pdf: await renderReviewPdf({ webRoot, review }) };
        },
        (printed) => printed.pdf.length + 256,
      );
      const name = `${label.replace(/[^\w.-]+/g, "-")}-review.pdf`;
      return c.body(new Uint8Array(pdf), 200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${name}"`,
      });
    },
  );
}
