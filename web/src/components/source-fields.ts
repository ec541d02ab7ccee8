/** The settings each kind of source asks for, and how the form's text becomes the API's config. */
import type { ConnectionAnswer } from "../../../src/contract/sources.js";

export type SourceKindName =
  | "gitlab_issues"
  | "gitlab_epic"
  | "gitlab_milestone"
  | "gitlab_merge_request"
  | "github_search"
  | "github_milestone"
  | "github_project_field"
  | "prometheus"
  | "http_json";

export interface SourceField {
  key: string;
  label: string;
  hint?: string;
  number?: boolean;
  options?: [string, string][];
}

export const SOURCE_KINDS: Record<
  SourceKindName,
  { label: string; connection: ConnectionAnswer["kind"]; fields: SourceField[] }
> = {
  gitlab_issues: {
    label: "GitLab issue list (closed of all)",
    connection: "gitlab",
    fields: [
      { key: "project", label: "Project", hint: "acme/app, or leave empty and give a group" },
      { key: "group", label: "Group", hint: "acme (instead of a project)" },
      { key: "labels", label: "Labels", hint: "comma-separated, all must match" },
      { key: "milestone", label: "Milestone title" },
      { key: "epic", label: "Epic iid", number: true, hint: "needs the group" },
      {
        key: "measure",
        label: "Measure",
        options: [
          ["count", "Count issues"],
          ["weight", "By issue weight"],
        ],
      },
    ],
  },
  gitlab_epic: {
    label: "GitLab epic (its issues closed)",
    connection: "gitlab",
    fields: [
      { key: "group", label: "Group" },
      { key: "epic", label: "Epic iid", number: true },
    ],
  },
  gitlab_milestone: {
    label: "GitLab milestone (issues closed)",
    connection: "gitlab",
    fields: [
      { key: "project", label: "Project" },
      { key: "group", label: "Group", hint: "instead of a project" },
      { key: "milestone", label: "Milestone id", number: true },
    ],
  },
  gitlab_merge_request: {
    label: "GitLab merge request (merged or not)",
    connection: "gitlab",
    fields: [
      { key: "project", label: "Project" },
      { key: "mergeRequest", label: "Merge request iid", number: true },
    ],
  },
  github_search: {
    label: "GitHub issue or pull-request search (closed of all)",
    connection: "github",
    fields: [{ key: "query", label: "Search", hint: "repo:acme/app label:okr" }],
  },
  github_milestone: {
    label: "GitHub milestone (issues closed)",
    connection: "github",
    fields: [
      { key: "repo", label: "Repository", hint: "owner/repo" },
      { key: "milestone", label: "Milestone number", number: true },
    ],
  },
  github_project_field: {
    label: "GitHub project field (a number)",
    connection: "github",
    fields: [
      { key: "owner", label: "Owner", hint: "organization or user login" },
      {
        key: "ownerType",
        label: "Owner is",
        options: [
          ["organization", "an organization"],
          ["user", "a user"],
        ],
      },
      { key: "project", label: "Project number", number: true },
      { key: "field", label: "Number field" },
      { key: "item", label: "Item title", hint: "empty: the sum over all items" },
    ],
  },
  prometheus: {
    label: "Prometheus query (one number → the value)",
    connection: "prometheus",
    fields: [{ key: "query", label: "Query", hint: "e.g. histogram_quantile(0.99, …)" }],
  },
  http_json: {
    label: "JSON endpoint (a number at a JSON path → the value)",
    connection: "http",
    fields: [
      { key: "url", label: "URL", hint: "under the connection's base URL" },
      { key: "path", label: "JSON path", hint: "$.data.value" },
    ],
  },
};

/** The form's text as the API's config: empty fields left out, numbers as numbers. */
export function configOf(
  kind: SourceKindName,
  values: Record<string, string>,
): Record<string, unknown> {
  const config: Record<string, unknown> = { kind };
  for (const field of SOURCE_KINDS[kind].fields) {
    const text = values[field.key]?.trim() ?? "";
    if (text === "") continue;
    config[field.key] = field.number && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return config;
}

/** A saved config back as the form's text. */
export function valuesOf(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key, value]) => key !== "kind" && value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}
