/** Key results: create, read, update, move, reorder, archive; check-ins. */
import { z } from "@hono/zod-openapi";
import { carryOverKeyResult } from "../../app/carry-over.js";
import { checkIn, listCheckIns } from "../../app/check-ins.js";
import {
  archiveKeyResult,
  createKeyResult,
  getKeyResult,
  moveKeyResult,
  reorderKeyResult,
  updateKeyResult,
} from "../../app/key-results.js";
import {
  CheckInInputSchema,
  CreateKeyResultInputSchema,
  MoveKeyResultInputSchema,
  UpdateKeyResultInputSchema,
} from "../../app/schemas.js";
import { CheckInSchema, IdParamsSchema, KeyResultSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import {
  type ItemRoutes,
  registerItemCarryOverAndLinks,
  registerItemRead,
  registerItemWrites,
} from "./item-routes.js";

const KEY_RESULT_ROUTES: ItemRoutes = {
  segment: "key-results",
  tags: ["key results"],
  noun: "key result",
  schema: KeyResultSchema,
  get: {
    summary: "One key result (confidential numbers withheld from non-insiders)",
    run: getKeyResult,
  },
  update: {
    summary: "Update a key result; `version` must be the one you read (else 409 with the current)",
    body: UpdateKeyResultInputSchema,
    run: updateKeyResult,
  },
  move: {
    summary: "Move under another objective of the same period, and/or to a position",
    body: MoveKeyResultInputSchema,
    run: moveKeyResult,
  },
  reorder: reorderKeyResult,
  archive: { summary: "Archive: kept in history, left out of roll-ups", run: archiveKeyResult },
  carryOver: {
    summary:
      "Carry into the next period, under its objective's copy there; answers the new key result",
    run: carryOverKeyResult,
  },
};

export function registerKeyResultRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  const tags = KEY_RESULT_ROUTES.tags;
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results",
      access: "signed_in",
      tags,
      summary: "Create a key result under an objective (editors, or the objective's owner)",
      request: { body: jsonBody(CreateKeyResultInputSchema) },
      responses: { 201: jsonResponse(KeyResultSchema, "The new key result") },
    },
    async (c) => c.json(await createKeyResult(deps, actorOf(c), c.req.valid("json")), 201),
  );
  registerItemRead(ctx, KEY_RESULT_ROUTES);
  registerItemWrites(ctx, KEY_RESULT_ROUTES);
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/key-results/{id}/check-ins",
      access: "signed_in",
      tags,
      summary: "Check-in history, newest first",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(z.object({ checkIns: z.array(CheckInSchema) }), "The history"),
      },
    },
    async (c) =>
      c.json({ checkIns: await listCheckIns(deps, actorOf(c), c.req.valid("param").id) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/check-ins",
      access: "signed_in",
      conflicts: false,
      tags,
      summary:
        "Check in: a value (metric, threshold) or progress (percentage, milestone), health, confidence, note",
      description:
        "A check-in carries no version and never conflicts: simultaneous check-ins all land, and the key result's state is the newest (by time, then id).",
      request: { params: IdParamsSchema, body: jsonBody(CheckInInputSchema) },
      responses: {
        201: jsonResponse(
          z.object({ checkIn: CheckInSchema, keyResult: KeyResultSchema }),
          "The check-in and the key result after it",
        ),
      },
    },
    async (c) =>
      c.json(await checkIn(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
  registerItemCarryOverAndLinks(ctx, KEY_RESULT_ROUTES);
}
