/**
 * The answers the web app reads, as the server's own route schemas infer them. Types only: the
 * web app imports them with `import type`, so no schema code reaches the browser bundle.
 */
import type { z } from "@hono/zod-openapi";
import type {
  PasswordChangedSchema,
  SessionSummarySchema,
  TokenWithOwnerSchema,
} from "./accounts.js";
import type { JobKindStatusSchema } from "./jobs.js";
import type {
  DashboardKeyResultSchema,
  DashboardSchema,
  GroupScoreSchema,
  MyOkrsSchema,
} from "./schemas.js";

/** `GET /api/me/okrs`. */
export type MyOkrsAnswer = z.infer<typeof MyOkrsSchema>;
/** `GET /api/periods/{id}/dashboard`. */
export type DashboardAnswer = z.infer<typeof DashboardSchema>;
/** A team's or an owner's score in the dashboard. */
export type GroupScore = z.infer<typeof GroupScoreSchema>;
/** A key result in a dashboard list. */
export type DashboardKeyResultAnswer = z.infer<typeof DashboardKeyResultSchema>;

/** `PUT /api/me/password`. */
export type PasswordChangedAnswer = z.infer<typeof PasswordChangedSchema>;
/** A token in a token list (`GET /api/tokens`, `GET /api/admin/tokens`): with whose it is. */
export type TokenWithOwnerAnswer = z.infer<typeof TokenWithOwnerSchema>;
/** One of my signed-in sessions (`GET /api/sessions`). */
export type SessionSummaryAnswer = z.infer<typeof SessionSummarySchema>;

/** Background work of one kind (`GET /api/jobs`). */
export type JobKindStatusAnswer = z.infer<typeof JobKindStatusSchema>;
/** A comment (`GET /api/objectives/{id}/comments` and the key results'). */
export type CommentAnswer = z.infer<typeof import("./conversation.js").CommentSchema>;
/** `GET /api/notifications`. */
export type NotificationListAnswer = z.infer<
  typeof import("./conversation.js").NotificationListSchema
>;
/** One notification under the bell. */
export type NotificationAnswer = z.infer<typeof import("./conversation.js").NotificationSchema>;
/** `GET /api/objectives/{id}/follow` and the key results'. */
export type FollowStateAnswer = z.infer<typeof import("./conversation.js").FollowStateSchema>;
