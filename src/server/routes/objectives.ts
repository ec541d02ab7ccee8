/** Objectives: create, read, update, move (align), reorder, archive. */
import { carryOverObjective } from "../../app/carry-over.js";
import { addLink } from "../../app/links.js";
import {
  archiveObjective,
  createObjective,
  getObjective,
  moveObjective,
  reorderObjective,
  updateObjective,
} from "../../app/objectives.js";
import {
  CreateObjectiveInputSchema,
  LinkInputSchema,
  MoveObjectiveInputSchema,
  ReorderInputSchema,
  UpdateObjectiveInputSchema,
  VersionInputSchema,
} from "../../app/schemas.js";
import { getObjectiveRollUp } from "../../app/tree.js";
import {
  IdParamsSchema,
  LinkSchema,
  ObjectiveSchema,
  RollUpSchema,
} from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerObjectiveRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  const tags = ["objectives"];
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives",
      access: "signed_in",
      tags,
      summary: "Create an objective (editors; viewers under an objective they own)",
      request: { body: jsonBody(CreateObjectiveInputSchema) },
      responses: { 201: jsonResponse(ObjectiveSchema, "The new objective") },
    },
    async (c) => c.json(await createObjective(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/objectives/{id}",
      access: "signed_in",
      tags,
      summary: "One objective",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(ObjectiveSchema, "The objective") },
    },
    async (c) => c.json(await getObjective(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/objectives/{id}/roll-up",
      access: "signed_in",
      tags,
      summary:
        "What makes up an objective's score: each contribution's weight, share and progress, and the sentence that explains it",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(RollUpSchema, "The objective's roll-up") },
    },
    async (c) => c.json(await getObjectiveRollUp(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/objectives/{id}",
      access: "signed_in",
      tags,
      summary:
        "Update an objective; `version` must be the one you read (else 409 with the current)",
      request: { params: IdParamsSchema, body: jsonBody(UpdateObjectiveInputSchema) },
      responses: { 200: jsonResponse(ObjectiveSchema, "The objective as it is now") },
    },
    async (c) =>
      c.json(
        await updateObjective(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives/{id}/move",
      access: "signed_in",
      tags,
      summary: "Align under another objective or a key result, or to the top level",
      request: { params: IdParamsSchema, body: jsonBody(MoveObjectiveInputSchema) },
      responses: { 200: jsonResponse(ObjectiveSchema, "The moved objective") },
    },
    async (c) =>
      c.json(
        await moveObjective(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives/{id}/reorder",
      access: "signed_in",
      tags,
      summary: "Move to `position` (0 = first) among its siblings",
      request: { params: IdParamsSchema, body: jsonBody(ReorderInputSchema) },
      responses: { 200: jsonResponse(ObjectiveSchema, "The objective") },
    },
    async (c) =>
      c.json(
        await reorderObjective(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives/{id}/archive",
      access: "signed_in",
      tags,
      summary: "Archive: kept in history, left out of roll-ups and lists",
      request: { params: IdParamsSchema, body: jsonBody(VersionInputSchema) },
      responses: { 200: jsonResponse(ObjectiveSchema, "The archived objective") },
    },
    async (c) =>
      c.json(
        await archiveObjective(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives/{id}/carry-over",
      access: "signed_in",
      tags,
      summary:
        "Carry into the next period with its unfinished key results; answers the new objective",
      request: { params: IdParamsSchema, body: jsonBody(VersionInputSchema) },
      responses: { 201: jsonResponse(ObjectiveSchema, "The objective in the next period") },
    },
    async (c) =>
      c.json(
        await carryOverObjective(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/objectives/{id}/links",
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
