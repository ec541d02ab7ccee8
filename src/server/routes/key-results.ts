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
import { addLink } from "../../app/links.js";
import {
  CheckInInputSchema,
  CreateKeyResultInputSchema,
  LinkInputSchema,
  MoveKeyResultInputSchema,
  ReorderInputSchema,
  UpdateKeyResultInputSchema,
  VersionInputSchema,
} from "../../app/schemas.js";
import {
  CheckInSchema,
  IdParamsSchema,
  KeyResultSchema,
  LinkSchema,
} from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerKeyResultRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  const tags = ["key results"];
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
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/key-results/{id}",
      access: "signed_in",
      tags,
      summary: "One key result (confidential numbers withheld from non-insiders)",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(KeyResultSchema, "The key result") },
    },
    async (c) => c.json(await getKeyResult(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/key-results/{id}",
      access: "signed_in",
      tags,
      summary:
        "Update a key result; `version` must be the one you read (else 409 with the current)",
      request: { params: IdParamsSchema, body: jsonBody(UpdateKeyResultInputSchema) },
      responses: { 200: jsonResponse(KeyResultSchema, "The key result as it is now") },
    },
    async (c) =>
      c.json(
        await updateKeyResult(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/move",
      access: "signed_in",
      tags,
      summary: "Move under another objective of the same period, and/or to a position",
      request: { params: IdParamsSchema, body: jsonBody(MoveKeyResultInputSchema) },
      responses: { 200: jsonResponse(KeyResultSchema, "The moved key result") },
    },
    async (c) =>
      c.json(
        await moveKeyResult(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/reorder",
      access: "signed_in",
      tags,
      summary: "Move to `position` (0 = first) among its siblings",
      request: { params: IdParamsSchema, body: jsonBody(ReorderInputSchema) },
      responses: { 200: jsonResponse(KeyResultSchema, "The key result") },
    },
    async (c) =>
      c.json(
        await reorderKeyResult(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/archive",
      access: "signed_in",
      tags,
      summary: "Archive: kept in history, left out of roll-ups",
      request: { params: IdParamsSchema, body: jsonBody(VersionInputSchema) },
      responses: { 200: jsonResponse(KeyResultSchema, "The archived key result") },
    },
    async (c) =>
      c.json(
        await archiveKeyResult(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
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
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/carry-over",
      access: "signed_in",
      tags,
      summary:
        "Carry into the next period, under its objective's copy there; answers the new key result",
      request: { params: IdParamsSchema, body: jsonBody(VersionInputSchema) },
      responses: { 201: jsonResponse(KeyResultSchema, "The key result in the next period") },
    },
    async (c) =>
      c.json(
        await carryOverKeyResult(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/key-results/{id}/links",
      access: "signed_in",
      tags,
      summary: "Link an issue, epic, merge request, dashboard or document",
      request: { params: IdParamsSchema, body: jsonBody(LinkInputSchema) },
      responses: { 201: jsonResponse(LinkSchema, "The new link") },
    },
    async (c) =>
      c.json(await addLink(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
}
