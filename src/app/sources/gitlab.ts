/**
 * GitLab (gitlab.com or self-managed) through its REST API v4: issue lists of a project or a
 * group (filtered by labels, milestone or epic), an epic's issues, a milestone's issues, a
 * merge request. Lists are read page by page; `PRIVATE-TOKEN` carries the token.
 */
import type {
  GitlabEpicConfig,
  GitlabIssuesConfig,
  GitlabMergeRequestConfig,
  GitlabMilestoneConfig,
  Reading,
} from "../../core/sources.js";
import { type ConnectionAccess, joinUrl, type SourceClient } from "./client.js";
import { fetchAllPages, fetchJson, type HttpOptions, SourceError } from "./http.js";

const SERVICE = "GitLab";

interface GitlabIssue {
  state?: string;
  weight?: number | null;
  labels?: string[];
  milestone?: { title?: string; id?: number } | null;
}

function apiUrl(connection: ConnectionAccess, path: string, query: Record<string, string> = {}) {
  const url = new URL(joinUrl(connection.baseUrl, `api/v4/${path}`));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

function headersOf(connection: ConnectionAccess): Record<string, string> {
  return connection.token ? { "private-token": connection.token } : {};
}

/** A project or group as a path segment: its id, or its full path URL-encoded. */
const segment = (idOrPath: string) => encodeURIComponent(idOrPath);

async function issuesAt(
  connection: ConnectionAccess,
  path: string,
  query: Record<string, string>,
  options?: HttpOptions,
): Promise<GitlabIssue[]> {
  const url = apiUrl(connection, path, { per_page: "100", ...query });
  return (await fetchAllPages(SERVICE, url, headersOf(connection), options)) as GitlabIssue[];
}

function ratioOf(issues: readonly GitlabIssue[], measure: "count" | "weight"): Reading {
  const weight = (i: GitlabIssue) => (measure === "weight" ? (i.weight ?? 0) : 1);
  const total = issues.reduce((sum, i) => sum + weight(i), 0);
  const done = issues.filter((i) => i.state === "closed").reduce((sum, i) => sum + weight(i), 0);
  return { type: "ratio", done, total, unit: measure === "weight" ? "weight" : "closed" };
}

/** The issues an epic holds, filtered here by labels and milestone (the epic API has no filters). */
function filterIssues(issues: GitlabIssue[], config: GitlabIssuesConfig): GitlabIssue[] {
  const labels = (config.labels ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  return issues.filter(
    (i) =>
      labels.every((l) => i.labels?.includes(l)) &&
      (config.milestone === undefined || i.milestone?.title === config.milestone),
  );
}

export const gitlabIssues: SourceClient<GitlabIssuesConfig> = {
  async read(connection, config, options) {
    if (config.epic !== undefined) {
      if (!config.group) throw new SourceError("An epic filter needs the epic's group");
      const all = await issuesAt(
        connection,
        `groups/${segment(config.group)}/epics/${config.epic}/issues`,
        {},
        options,
      );
      return ratioOf(filterIssues(all, config), config.measure);
    }
    const query: Record<string, string> = { state: "all", scope: "all" };
    if (config.labels) query.labels = config.labels;
    if (config.milestone) query.milestone = config.milestone;
    const path = config.project
      ? `projects/${segment(config.project)}/issues`
      : `groups/${segment(config.group ?? "")}/issues`;
    return ratioOf(await issuesAt(connection, path, query, options), config.measure);
  },
};

export const gitlabEpic: SourceClient<GitlabEpicConfig> = {
  async read(connection, config, options) {
    const path = `groups/${segment(config.group)}/epics/${config.epic}/issues`;
    return ratioOf(await issuesAt(connection, path, {}, options), "count");
  },
};

export const gitlabMilestone: SourceClient<GitlabMilestoneConfig> = {
  async read(connection, config, options) {
    const owner = config.project
      ? `projects/${segment(config.project)}`
      : `groups/${segment(config.group ?? "")}`;
    const path = `${owner}/milestones/${config.milestone}/issues`;
    return ratioOf(await issuesAt(connection, path, {}, options), "count");
  },
};

export const gitlabMergeRequest: SourceClient<GitlabMergeRequestConfig> = {
  async read(connection, config, options) {
    const url = apiUrl(
      connection,
      `projects/${segment(config.project)}/merge_requests/${config.mergeRequest}`,
    );
    const answer = await fetchJson(SERVICE, url, { headers: headersOf(connection) }, options);
    const state = (answer.body as { state?: unknown }).state;
    if (typeof state !== "string")
      throw new SourceError("GitLab answered a merge request without a state");
    return { type: "ratio", done: state === "merged" ? 1 : 0, total: 1, unit: "merged" };
  },
};
