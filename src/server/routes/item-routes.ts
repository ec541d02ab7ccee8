/**
 * The routes objectives and key results share, defined once: read, update, move, reorder,
 * archive, carry over and add a link, each on `/api/{segment}/{id}…`. Each kind registers its
 * own create and its own extra routes around them.
 */
import type { z } from "@hono/zod-openapi";
import type { Actor, AppDeps } from "../../app/deps.js";
import { addLink } from "../../app/links.js";
import { LinkInputSchema, ReorderInputSchema, VersionInputSchema } from "../../app/schemas.js";
import { IdParamsSchema, LinkSchema } from "../../contract/schemas.js";
import type { Id } from "../../core/types.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

/** A use case on one item: deps, the actor, the item's id and the request's body. */
type ItemUseCase = (deps: AppDeps, actor: Actor, id: Id, input: unknown) => Promise<unknown>;

export interface ItemRoutes {
  /** The path's segment: `objectives` or `key-results`. */
  segment: "objectives" | "key-results";
  tags: string[];
  /** How the answers name the item: "objective", "key result". */
  noun: string;
  /** The item's answer schema. */
  schema: z.ZodType;
  get: { summary: string; run: (deps: AppDeps, actor: Actor, id: Id) => Promise<unknown> };
  update: { summary: string; body: z.ZodType; run: ItemUseCase };
  move: { summary: string; body: z.ZodType; run: ItemUseCase };
  reorder: ItemUseCase;
  archive: { summary: string; run: ItemUseCase };
  carryOver: { summary: string; run: ItemUseCase };
}

interface ItemRoute {
  method: "post" | "patch";
  /** After `/api/{segment}/{id}`: `""`, `/move`, … */
  suffix: string;
  summary: string;
  body: z.ZodType;
  status: 200 | 201;
  answer: { schema: z.ZodType; description: string };
  run: ItemUseCase;
}

function defineItemRoute(ctx: RouteContext, routes: ItemRoutes, route: ItemRoute): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: route.method,
      path: `/api/${routes.segment}/{id}${route.suffix}`,
      access: "signed_in",
      tags: routes.tags,
      summary: route.summary,
      request: { params: IdParamsSchema, body: jsonBody(route.body) },
      responses: { [route.status]: jsonResponse(route.answer.schema, route.answer.description) },
    },
    async (c) => {
      const answer = await route.run(
        deps,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(answer as never, route.status);
    },
  );
}

/** `GET /api/{segment}/{id}`: one item, as the actor may see it. */
export function registerItemRead(ctx: RouteContext, routes: ItemRoutes): void {
  const { deps } = ctx;
  defineRoute(
    ctx,
    {
      method: "get",
      path: `/api/${routes.segment}/{id}`,
      access: "signed_in",
      tags: routes.tags,
      summary: routes.get.summary,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(routes.schema, `The ${routes.noun}`) },
    },
    async (c) =>
      c.json((await routes.get.run(deps, actorOf(c), c.req.valid("param").id)) as never, 200),
  );
}

/** Update, move, reorder and archive: versioned writes answering the item as it is now. */
export function registerItemWrites(ctx: RouteContext, routes: ItemRoutes): void {
  const { noun, schema } = routes;
  const writes: ItemRoute[] = [
    {
      method: "patch",
      suffix: "",
      summary: routes.update.summary,
      body: routes.update.body,
      status: 200,
      answer: { schema, description: `The ${noun} as it is now` },
      run: routes.update.run,
    },
    {
      method: "post",
      suffix: "/move",
      summary: routes.move.summary,
      body: routes.move.body,
      status: 200,
      answer: { schema, description: `The moved ${noun}` },
      run: routes.move.run,
    },
    {
      method: "post",
      suffix: "/reorder",
      summary: "Move to `position` (0 = first) among its siblings",
      body: ReorderInputSchema,
      status: 200,
      answer: { schema, description: `The ${noun}` },
      run: routes.reorder,
    },
    {
      method: "post",
      suffix: "/archive",
      summary: routes.archive.summary,
      body: VersionInputSchema,
      status: 200,
      answer: { schema, description: `The archived ${noun}` },
      run: routes.archive.run,
    },
  ];
  for (const route of writes) defineItemRoute(ctx, routes, route);
}

/** Carry over into the next period, and add a link. */
export function registerItemCarryOverAndLinks(ctx: RouteContext, routes: ItemRoutes): void {
  defineItemRoute(ctx, routes, {
    method: "post",
    suffix: "/carry-over",
    summary: routes.carryOver.summary,
    body: VersionInputSchema,
    status: 201,
    answer: { schema: routes.schema, description: `The ${routes.noun} in the next period` },
    run: routes.carryOver.run,
  });
  defineItemRoute(ctx, routes, {
    method: "post",
    suffix: "/links",
    summary: "Link an issue, epic, merge request, dashboard or document",
    body: LinkInputSchema,
    status: 201,
    answer: { schema: LinkSchema, description: "The new link" },
    run: addLink,
  });
}
