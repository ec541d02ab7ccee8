/** Objectives: create, read, update, move (align), reorder, archive. */
import { carryOverObjective } from "../../app/carry-over.js";
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
  MoveObjectiveInputSchema,
  UpdateObjectiveInputSchema,
} from "../../app/schemas.js";
import { getObjectiveRollUp } from "../../app/tree.js";
import { IdParamsSchema, ObjectiveSchema, RollUpSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import {
  type ItemRoutes,
  registerItemCarryOverAndLinks,
  registerItemRead,
  registerItemWrites,
} from "./item-routes.js";

const OBJECTIVE_ROUTES: ItemRoutes = {
  segment: "objectives",
  tags: ["objectives"],
  noun: "objective",
  schema: ObjectiveSchema,
  get: { summary: "One objective", run: getObjective },
  update: {
    summary: "Update an objective; `version` must be the one you read (else 409 with the current)",
    body: UpdateObjectiveInputSchema,
    run: updateObjective,
  },
  move: {
    summary: "Align under another objective or a key result, or to the top level",
    body: MoveObjectiveInputSchema,
    run: moveObjective,
  },
  reorder: reorderObjective,
  archive: {
    summary: "Archive: kept in history, left out of roll-ups and lists",
    run: archiveObjective,
  },
  carryOver: {
    summary:
      "Carry into the next period with its unfinished key results; answers the new objective",
    run: carryOverObjective,
  },
};

export function registerObjectiveRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  const tags = OBJECTIVE_ROUTES.tags;
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
  registerItemRead(ctx, OBJECTIVE_ROUTES);
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
  registerItemWrites(ctx, OBJECTIVE_ROUTES);
  registerItemCarryOverAndLinks(ctx, OBJECTIVE_ROUTES);
}
