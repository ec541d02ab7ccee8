/**
 * The answers the web app reads, as the server's own route schemas infer them. Types only: the
 * web app imports them with `import type`, so no schema code reaches the browser bundle.
 */

import type { z } from "@hono/zod-openapi";
import type {
  PasswordChangedSchema,
  SessionSchema,
  SessionSummarySchema,
  SignInMethodsSchema,
  TokenSchema,
  TokenWithOwnerSchema,
  UserSchema,
  UsersSchema,
} from "./accounts.js";
import type {
  CommentSchema,
  FollowStateSchema,
  NotificationListSchema,
  NotificationSchema,
} from "./conversation.js";
import type {
  DocumentItemSchema,
  DocumentSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  ProblemSchema,
} from "./import.js";
import type { JobKindStatusSchema } from "./jobs.js";
import type {
  DashboardKeyResultSchema,
  DashboardSchema,
  GroupScoreSchema,
  KeyResultNodeSchema,
  KeyResultSchema,
  MyOkrsSchema,
  ObjectiveNodeSchema,
  ObjectiveSchema,
  PeriodSchema,
  PeriodTreeSchema,
  TreeRollUpSchema,
} from "./schemas.js";
import type { SettingsAnswerSchema } from "./settings.js";

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
export type CommentAnswer = z.infer<typeof CommentSchema>;
/** `GET /api/notifications`. */
export type NotificationListAnswer = z.infer<typeof NotificationListSchema>;
/** One notification under the bell. */
export type NotificationAnswer = z.infer<typeof NotificationSchema>;
/** `GET /api/objectives/{id}/follow` and the key results'. */
export type FollowStateAnswer = z.infer<typeof FollowStateSchema>;
/** `GET /api/session`, signing in, first-run setup. */
export type SessionAnswer = z.infer<typeof SessionSchema>;
/** A user account (`GET /api/users/{id}`, and in lists). */
export type UserAnswer = z.infer<typeof UserSchema>;
/** `GET /api/users`. */
export type UsersAnswer = z.infer<typeof UsersSchema>;

/** `GET` and `PUT /api/settings`: every setting, defaults filled in. */
export type SettingsAnswer = z.infer<typeof SettingsAnswerSchema>;

/** A period (`GET /api/periods`, and in the tree). */
export type PeriodAnswer = z.infer<typeof PeriodSchema>;
/** An objective as the API answers it. */
export type ObjectiveAnswer = z.infer<typeof ObjectiveSchema>;
/** A key result as the API answers it (numbers withheld from some readers: `hidden`). */
export type KeyResultAnswer = z.infer<typeof KeyResultSchema>;
/** A score as the tree carries it. */
export type TreeRollUpAnswer = z.infer<typeof TreeRollUpSchema>;
/**
 * `T` with the fields `R` names given `R`'s types, where `T` has them: how a recursive answer
 * (the schema declares its nested nodes loosely) gets its nested types without re-adding a
 * field the schema no longer has.
 */
type Nested<T, R> = { [K in keyof T]: K extends keyof R ? R[K] : T[K] };

interface ObjectiveNodeNesting {
  keyResults: KeyResultNodeAnswer[];
  children: ObjectiveNodeAnswer[];
}
/** An objective of the tree, with its key results and the objectives aligned below it. */
export interface ObjectiveNodeAnswer
  extends Nested<z.infer<typeof ObjectiveNodeSchema>, ObjectiveNodeNesting> {}
/** A key result of the tree, with the objectives aligned below it. */
export interface KeyResultNodeAnswer
  extends Nested<z.infer<typeof KeyResultNodeSchema>, { children: ObjectiveNodeAnswer[] }> {}
/** `GET /api/periods/{id}/tree`. */
export type PeriodTreeAnswer = Nested<
  z.infer<typeof PeriodTreeSchema>,
  { roots: ObjectiveNodeAnswer[] }
>;

/** A problem a page has, by line. */
export type ProblemAnswer = z.infer<typeof ProblemSchema>;
/** A line of a page as the canonical document reads it, with the lines below it. */
export interface DocumentItemAnswer
  extends Nested<z.infer<typeof DocumentItemSchema>, { children: DocumentItemAnswer[] }> {}
/** The canonical document (format okr/1) a page reads as. */
export type DocumentAnswer = Nested<
  z.infer<typeof DocumentSchema>,
  { items: DocumentItemAnswer[] }
>;
/** `POST /api/import/preview`. */
export type ImportPreviewAnswer = Nested<
  z.infer<typeof ImportPreviewSchema>,
  { document: DocumentAnswer }
>;
/** `POST /api/import/apply`. */
export type ImportResultAnswer = z.infer<typeof ImportResultSchema>;

/** `GET /api/auth/methods`. */
export type SignInMethodsAnswer = z.infer<typeof SignInMethodsSchema>;
/** One of my API tokens (`GET /api/tokens`), never its secret. */
export type TokenAnswer = z.infer<typeof TokenSchema>;
