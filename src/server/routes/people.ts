/** People and teams (a tree through parentId). Everyone reads; editors write. */
import { z } from "@hono/zod-openapi";
import {
  createPerson,
  createTeam,
  deletePerson,
  deleteTeam,
  getPerson,
  getTeam,
  listPeople,
  listTeams,
  updatePerson,
  updateTeam,
} from "../../app/people.js";
import {
  CreatePersonInputSchema,
  CreateTeamInputSchema,
  UpdatePersonInputSchema,
  UpdateTeamInputSchema,
} from "../../app/schemas.js";
import { IdParamsSchema, PersonSchema, TeamSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

export function registerPeopleRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/people",
      access: "signed_in",
      tags: ["people"],
      summary: "Every person",
      responses: { 200: jsonResponse(z.object({ people: z.array(PersonSchema) }), "People") },
    },
    async (c) => c.json({ people: await listPeople(deps, actorOf(c)) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/people",
      access: "editor",
      tags: ["people"],
      summary: "Add a person",
      request: { body: jsonBody(CreatePersonInputSchema) },
      responses: { 201: jsonResponse(PersonSchema, "The new person") },
    },
    async (c) => c.json(await createPerson(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/people/{id}",
      access: "signed_in",
      tags: ["people"],
      summary: "One person",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(PersonSchema, "The person") },
    },
    async (c) => c.json(await getPerson(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/people/{id}",
      access: "editor",
      tags: ["people"],
      summary: "Change a person's name, email, title or team",
      request: { params: IdParamsSchema, body: jsonBody(UpdatePersonInputSchema) },
      responses: { 200: jsonResponse(PersonSchema, "The person as it is now") },
    },
    async (c) =>
      c.json(
        await updatePerson(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/people/{id}",
      access: "editor",
      tags: ["people"],
      summary: "Remove a person (OKRs they owned keep the name)",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await deletePerson(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/teams",
      access: "signed_in",
      tags: ["teams"],
      summary: "Every team (a tree: parentId)",
      responses: { 200: jsonResponse(z.object({ teams: z.array(TeamSchema) }), "Teams") },
    },
    async (c) => c.json({ teams: await listTeams(deps, actorOf(c)) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/teams",
      access: "editor",
      tags: ["teams"],
      summary: "Add a team",
      request: { body: jsonBody(CreateTeamInputSchema) },
      responses: { 201: jsonResponse(TeamSchema, "The new team") },
    },
    async (c) => c.json(await createTeam(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/teams/{id}",
      access: "signed_in",
      tags: ["teams"],
      summary: "One team",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(TeamSchema, "The team") },
    },
    async (c) => c.json(await getTeam(deps, actorOf(c), c.req.valid("param").id), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/teams/{id}",
      access: "editor",
      tags: ["teams"],
      summary: "Rename or move a team (a parent below it: 422 tree_cycle)",
      request: { params: IdParamsSchema, body: jsonBody(UpdateTeamInputSchema) },
      responses: { 200: jsonResponse(TeamSchema, "The team as it is now") },
    },
    async (c) =>
      c.json(await updateTeam(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/teams/{id}",
      access: "editor",
      tags: ["teams"],
      summary: "Remove a team: sub-teams move up, its people lose their team",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await deleteTeam(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
}
