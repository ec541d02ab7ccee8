/** Input of connections and sources: each field checked, each refusal naming the field. */
import { z } from "zod";
import { CONNECTION_KINDS } from "../core/sources.js";

const Name = z.string().trim().min(1, "give it a name").max(100, "at most 100 characters");
const Path = z.string().trim().min(1, "must not be empty").max(500, "at most 500 characters");
const Iid = z.number().int("must be a whole number").positive("must be positive");

const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => {
    try {
      return ["http:", "https:"].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

export const ConnectionInputSchema = z.object({
  name: Name,
  kind: z.enum(CONNECTION_KINDS, { message: `must be one of ${CONNECTION_KINDS.join(", ")}` }),
  baseUrl: HttpUrl,
  /** Sent to the service; stored encrypted, never answered. */
  token: z.string().min(1).max(4000).optional(),
  /** GitLab's X-Gitlab-Token or GitHub's signing secret for webhooks in. */
  webhookSecret: z.string().min(8, "at least 8 characters").max(400).optional(),
  /** HTTP JSON connections: the header the token goes in (default Authorization). */
  authHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,100}$/, "must be a header name")
    .optional(),
});
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;

/**
 * A connection's change: its name, base URL, header, token or webhook secret (its kind stays:
 * its sources read through it). A secret left blank (or out) is kept; null removes it.
 */
export const ConnectionUpdateSchema = z
  .object({
    name: Name.optional(),
    baseUrl: HttpUrl.optional(),
    token: z.string().max(4000).nullable().optional(),
    webhookSecret: z
      .union([z.literal(""), z.string().min(8, "at least 8 characters").max(400)])
      .nullable()
      .optional(),
    authHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/, "must be a header name")
      .nullable()
      .optional(),
  })
  .strict();
export type ConnectionUpdate = z.input<typeof ConnectionUpdateSchema>;

const GitlabIssues = z
  .object({
    kind: z.literal("gitlab_issues"),
    project: Path.optional(),
    group: Path.optional(),
    labels: z.string().trim().max(500).optional(),
    milestone: z.string().trim().max(500).optional(),
    epic: Iid.optional(),
    measure: z.enum(["count", "weight"]).default("count"),
  })
  .refine((c) => (c.project === undefined) !== (c.group === undefined), {
    message: "give a project or a group (one of them)",
    path: ["project"],
  })
  .refine((c) => c.epic === undefined || c.group !== undefined, {
    message: "an epic filter needs the epic's group",
    path: ["group"],
  });

const GitlabMilestone = z
  .object({
    kind: z.literal("gitlab_milestone"),
    project: Path.optional(),
    group: Path.optional(),
    milestone: Iid,
  })
  .refine((c) => (c.project === undefined) !== (c.group === undefined), {
    message: "give a project or a group (one of them)",
    path: ["project"],
  });

export const SourceConfigSchema = z.discriminatedUnion("kind", [
  GitlabIssues,
  z.object({ kind: z.literal("gitlab_epic"), group: Path, epic: Iid }),
  GitlabMilestone,
  z.object({ kind: z.literal("gitlab_merge_request"), project: Path, mergeRequest: Iid }),
  z.object({ kind: z.literal("github_search"), query: Path }),
  z.object({
    kind: z.literal("github_milestone"),
    repo: z
      .string()
      .trim()
      .regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/repo"),
    milestone: Iid,
  }),
  z.object({
    kind: z.literal("github_project_field"),
    owner: z
      .string()
      .trim()
      .regex(/^[\w.-]+$/, "must be a login"),
    ownerType: z.enum(["organization", "user"]).default("organization"),
    project: Iid,
    field: Path,
    item: z.string().trim().max(500).optional(),
  }),
  z.object({ kind: z.literal("prometheus"), query: z.string().trim().min(1).max(4000) }),
  z.object({
    kind: z.literal("http_json"),
    url: z.string().trim().min(1).max(2000),
    path: z.string().trim().min(1, "give a JSON path such as $.data.value").max(500),
  }),
]);

export const SourceInputSchema = z.object({
  /** The connection's id or name. */
  connection: z.string().trim().min(1, "name the connection"),
  config: SourceConfigSchema,
});
export type SourceInput = z.input<typeof SourceInputSchema>;
