/** The conversation's answers: comments, notifications, following, check-in corrections. */
import { z } from "@hono/zod-openapi";

export const CommentSchema = z
  .object({
    id: z.string(),
    itemId: z.string(),
    itemKind: z.enum(["objective", "key_result"]),
    authorId: z.string().nullable(),
    authorName: z.string(),
    body: z.string().openapi({ description: "Markdown as written" }),
    html: z.string().openapi({
      description: "The body as sanitised HTML: no raw HTML, links only to http(s) and mailto",
    }),
    mentions: z.array(z.object({ id: z.string(), name: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    edited: z.boolean(),
    canEdit: z.boolean(),
    canDelete: z.boolean(),
  })
  .openapi("Comment");

export const CommentListSchema = z.object({ comments: z.array(CommentSchema) });

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({
      description: "mention, reply, comment, check_in, change, reminder",
      example: "mention",
    }),
    title: z.string(),
    body: z.string().nullable(),
    link: z
      .string()
      .openapi({ description: "A path inside the app", example: "/key-results/01J…" }),
    itemId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

export const NotificationListSchema = z
  .object({ notifications: z.array(NotificationSchema), unread: z.number().int() })
  .openapi("NotificationList");

export const MarkedReadSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

export const FollowStateSchema = z
  .object({
    following: z.boolean(),
    owner: z.boolean().openapi({ description: "An owner follows by default until unfollowing" }),
  })
  .openapi("FollowState");
