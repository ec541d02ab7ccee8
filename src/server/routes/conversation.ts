/**
 * The conversation on an objective or key result: comments, following, the caller's
 * notifications, and corrections to the check-in history.
 */
import { z } from "@hono/zod-openapi";
import { correctCheckIn, deleteCheckIn } from "../../app/check-in-corrections.js";
import { addComment, deleteComment, editComment, listComments } from "../../app/comments.js";
import {
  CommentInputSchema,
  CorrectCheckInInputSchema,
  MarkReadInputSchema,
} from "../../app/conversation-schemas.js";
import { getFollowState, setFollowing } from "../../app/follows.js";
import { listMyNotifications, markMyNotificationsRead } from "../../app/notifications.js";
import {
  CommentListSchema,
  CommentSchema,
  FollowStateSchema,
  MarkedReadSchema,
  NotificationListSchema,
} from "../../contract/conversation.js";
import { CheckInSchema, IdParamsSchema, KeyResultSchema } from "../../contract/schemas.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";

const NotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.string().optional().openapi({ example: "50" }),
});

function registerItemConversation(
  ctx: RouteContext,
  segment: "objectives" | "key-results",
  noun: string,
): void {
  const { deps } = ctx;
  const tags = ["conversation"];
  const kind = segment === "objectives" ? "objective" : "key_result";
  defineRoute(
    ctx,
    {
      method: "get",
      path: `/api/${segment}/{id}/comments`,
      access: "signed_in",
      tags,
      summary: `The comments on a ${noun}, oldest first`,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(CommentListSchema, "The comments") },
    },
    async (c) =>
      c.json(
        { comments: await listComments(deps, actorOf(c), c.req.valid("param").id, kind) },
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `/api/${segment}/{id}/comments`,
      access: "signed_in",
      conflicts: false,
      tags,
      summary: `Comment on a ${noun} (Markdown; \`@Name\` mentions a person and notifies them)`,
      request: { params: IdParamsSchema, body: jsonBody(CommentInputSchema) },
      responses: { 201: jsonResponse(CommentSchema, "The new comment") },
    },
    async (c) =>
      c.json(await addComment(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: `/api/${segment}/{id}/follow`,
      access: "signed_in",
      tags,
      summary: `Whether you follow the ${noun} (owners do by default)`,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(FollowStateSchema, "Following or not") },
    },
    async (c) => c.json(await getFollowState(deps, actorOf(c), c.req.valid("param").id, kind), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: `/api/${segment}/{id}/follow`,
      access: "signed_in",
      conflicts: false,
      tags,
      summary: `Follow the ${noun}: hear of its comments, check-ins and changes`,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(FollowStateSchema, "Following") },
    },
    async (c) =>
      c.json(await setFollowing(deps, actorOf(c), c.req.valid("param").id, true, kind), 200),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: `/api/${segment}/{id}/follow`,
      access: "signed_in",
      conflicts: false,
      tags,
      summary: `Unfollow the ${noun} (also one you own)`,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(FollowStateSchema, "Not following") },
    },
    async (c) =>
      c.json(await setFollowing(deps, actorOf(c), c.req.valid("param").id, false, kind), 200),
  );
}

export function registerConversationRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  registerItemConversation(ctx, "objectives", "objective");
  registerItemConversation(ctx, "key-results", "key result");
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/comments/{id}",
      access: "signed_in",
      conflicts: false,
      tags: ["conversation"],
      summary: "Edit a comment (its author only)",
      request: { params: IdParamsSchema, body: jsonBody(CommentInputSchema) },
      responses: { 200: jsonResponse(CommentSchema, "The comment as edited") },
    },
    async (c) =>
      c.json(
        await editComment(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/comments/{id}",
      access: "signed_in",
      conflicts: false,
      tags: ["conversation"],
      summary: "Delete a comment (its author, or an admin)",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Deleted" } },
    },
    async (c) => {
      await deleteComment(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/notifications",
      access: "signed_in",
      tags: ["conversation"],
      summary: "Your notifications, newest first, with the unread count (`?unread=true&limit=50`)",
      request: { query: NotificationsQuery },
      responses: { 200: jsonResponse(NotificationListSchema, "Your notifications") },
    },
    async (c) => c.json(await listMyNotifications(deps, actorOf(c), c.req.valid("query")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/notifications/read",
      access: "signed_in",
      conflicts: false,
      tags: ["conversation"],
      summary: "Mark notifications read: `ids`, or all of yours when left out",
      request: { body: jsonBody(MarkReadInputSchema) },
      responses: { 200: jsonResponse(MarkedReadSchema, "How many were marked; unread left") },
    },
    async (c) => c.json(await markMyNotificationsRead(deps, actorOf(c), c.req.valid("json")), 200),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/check-ins/{id}",
      access: "signed_in",
      conflicts: false,
      tags: ["key results"],
      summary:
        "Correct a check-in (its author, within 7 days): value, progress, health, confidence, note",
      description:
        "The key result's current state is recomputed from its history (newest by time, then id).",
      request: { params: IdParamsSchema, body: jsonBody(CorrectCheckInInputSchema) },
      responses: {
        200: jsonResponse(
          z.object({ checkIn: CheckInSchema, keyResult: KeyResultSchema }),
          "The corrected check-in and the key result after it",
        ),
      },
    },
    async (c) =>
      c.json(
        await correctCheckIn(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/check-ins/{id}",
      access: "signed_in",
      conflicts: false,
      tags: ["key results"],
      summary: "Delete a check-in (editors); the key result's state is recomputed from the rest",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(z.object({ keyResult: KeyResultSchema }), "The key result after it"),
      },
    },
    async (c) => c.json(await deleteCheckIn(deps, actorOf(c), c.req.valid("param").id), 200),
  );
}
