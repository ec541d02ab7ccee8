/** The client of each source kind. */
import type { Reading, SourceConfig, SourceKind } from "../../core/sources.js";
import type { ConnectionAccess, SourceClient } from "./client.js";
import { githubMilestone, githubProjectField, githubSearch } from "./github.js";
import { gitlabEpic, gitlabIssues, gitlabMergeRequest, gitlabMilestone } from "./gitlab.js";
import type { HttpOptions } from "./http.js";
import { httpJson, prometheus } from "./metrics.js";

const CLIENTS: { [K in SourceKind]: SourceClient<Extract<SourceConfig, { kind: K }>> } = {
  gitlab_issues: gitlabIssues,
  gitlab_epic: gitlabEpic,
  gitlab_milestone: gitlabMilestone,
  gitlab_merge_request: gitlabMergeRequest,
  github_search: githubSearch,
  github_milestone: githubMilestone,
  github_project_field: githubProjectField,
  prometheus,
  http_json: httpJson,
};

/** Reads `config` through `connection`. */
export function readSource(
  connection: ConnectionAccess,
  config: SourceConfig,
  options?: HttpOptions,
): Promise<Reading> {
  const client = CLIENTS[config.kind] as SourceClient<SourceConfig>;
  return client.read(connection, config, options);
}

export type { ConnectionAccess } from "./client.js";
export { SourceError } from "./http.js";
