/**
 * Sources of progress: where a key result reads its progress from (an issue list, an epic, a
 * milestone, a merge request, a search, a project field, a metric query, a JSON endpoint), and
 * what a reading means for the key result. Pure: the clients that fetch readings live in
 * `app/sources/`.
 */
import type { KeyResult } from "./types.js";

export const CONNECTION_KINDS = ["gitlab", "github", "prometheus", "http"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** Which connection kind each source kind reads through. */
export const SOURCE_CONNECTION_KIND = {
  gitlab_issues: "gitlab",
  gitlab_epic: "gitlab",
  gitlab_milestone: "gitlab",
  gitlab_merge_request: "gitlab",
  github_search: "github",
  github_milestone: "github",
  github_project_field: "github",
  prometheus: "prometheus",
  http_json: "http",
} as const satisfies Record<string, ConnectionKind>;
export type SourceKind = keyof typeof SOURCE_CONNECTION_KIND;
export const SOURCE_KINDS = Object.keys(SOURCE_CONNECTION_KIND) as SourceKind[];

/** GitLab issues of a project or a group, filtered; counted or weighed. */
export interface GitlabIssuesConfig {
  kind: "gitlab_issues";
  project?: string | undefined;
  group?: string | undefined;
  labels?: string | undefined;
  milestone?: string | undefined;
  /** An epic's iid: only issues in that epic (needs `group`). */
  epic?: number | undefined;
  /** `count`: closed of all; `weight`: the weight of closed of the weight of all. */
  measure: "count" | "weight";
}
export interface GitlabEpicConfig {
  kind: "gitlab_epic";
  group: string;
  epic: number;
}
export interface GitlabMilestoneConfig {
  kind: "gitlab_milestone";
  project?: string | undefined;
  group?: string | undefined;
  /** The milestone's id (as in its URL). */
  milestone: number;
}
export interface GitlabMergeRequestConfig {
  kind: "gitlab_merge_request";
  project: string;
  mergeRequest: number;
}
/** GitHub issue or pull-request search (`repo:acme/app label:okr`): closed of all. */
export interface GithubSearchConfig {
  kind: "github_search";
  query: string;
}
export interface GithubMilestoneConfig {
  kind: "github_milestone";
  repo: string;
  milestone: number;
}
/** A number field of a GitHub project (v2): summed over its items, or one item's by title. */
export interface GithubProjectFieldConfig {
  kind: "github_project_field";
  owner: string;
  ownerType: "organization" | "user";
  project: number;
  field: string;
  item?: string | undefined;
}
/** An instant query that answers one number. */
export interface PrometheusConfig {
  kind: "prometheus";
  query: string;
}
/** A JSON document and a JSONPath to one number in it. */
export interface HttpJsonConfig {
  kind: "http_json";
  url: string;
  path: string;
}

export type SourceConfig =
  | GitlabIssuesConfig
  | GitlabEpicConfig
  | GitlabMilestoneConfig
  | GitlabMergeRequestConfig
  | GithubSearchConfig
  | GithubMilestoneConfig
  | GithubProjectFieldConfig
  | PrometheusConfig
  | HttpJsonConfig;

/**
 * What a source read: a share of things done (`done` of `total`, counted in `unit`), or one
 * number for the key result's value.
 */
export type Reading =
  | { type: "ratio"; done: number; total: number; unit: "closed" | "weight" | "merged" }
  | { type: "value"; value: number };

/** What a reading checks in: the value and the progress (1 = 100%). */
export interface ReadingCheckIn {
  value: number | null;
  progress: number | null;
}

/**
 * The check-in a reading makes on `kr`: a ratio is the progress (and, on a percentage key
 * result, its value in percent); a value is the key result's value, its progress computed
 * from start and target as for any check-in.
 */
export function checkInOfReading(kr: Pick<KeyResult, "kind">, reading: Reading): ReadingCheckIn {
  if (reading.type === "value") return { value: reading.value, progress: null };
  const progress = reading.total === 0 ? null : reading.done / reading.total;
  const value = kr.kind === "percentage" && progress !== null ? round(progress * 100, 2) : null;
  return { value, progress };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(round(n, 4));
}

/** A percentage as people write it: 0.583 -> "58%". */
export function formatShare(progress: number): string {
  return `${Math.round(progress * 100)}%`;
}

/**
 * A reading in words, with the progress it gives where known.
 * @example describeReading({ type: "ratio", done: 7, total: 12, unit: "closed" }, 7 / 12)
 *   // "7 of 12 closed → 58%"
 */
export function describeReading(reading: Reading, progress: number | null): string {
  const arrow = progress === null ? "" : ` → ${formatShare(progress)}`;
  if (reading.type === "value") return `value ${formatNumber(reading.value)}${arrow}`;
  if (reading.unit === "merged")
    return `${reading.done >= 1 ? "merged" : "not merged"}${arrow || " → 0%"}`;
  if (reading.total === 0) return `nothing matches (0 of 0 ${reading.unit})`;
  const what = reading.unit === "weight" ? "weight closed" : "closed";
  return `${formatNumber(reading.done)} of ${formatNumber(reading.total)} ${what}${arrow}`;
}

/** Two readings that say the same: a refresh that reads the same records no new check-in. */
export function sameReading(a: Reading | null, b: Reading): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** What a webhook names: the project or repository an event happened in. */
export interface HookEvent {
  /** GitLab `group/sub/project` or GitHub `owner/repo`, lower case. */
  path: string;
  /** GitLab's numeric project id, when sent. */
  projectId?: string | undefined;
}

/** Whether an event in `event.path` may change what `config` reads (so it is refreshed). */
export function sourceMatchesEvent(config: SourceConfig, event: HookEvent): boolean {
  const path = event.path.toLowerCase();
  const owner = path.split("/")[0] ?? "";
  const isProject = (p: string | undefined) =>
    p !== undefined && (p.toLowerCase() === path || p === event.projectId);
  const inGroup = (g: string | undefined) =>
    g !== undefined && (path === g.toLowerCase() || path.startsWith(`${g.toLowerCase()}/`));
  switch (config.kind) {
    case "gitlab_issues":
    case "gitlab_milestone":
      return isProject(config.project) || inGroup(config.group);
    case "gitlab_epic":
      return inGroup(config.group);
    case "gitlab_merge_request":
      return isProject(config.project);
    case "github_search": {
      const q = config.query.toLowerCase();
      const names = [...q.matchAll(/\b(repo|org|user|owner):("?)([^\s"]+)\2/g)];
      if (names.length === 0) return true;
      return names.some(([, key, , value]) => (key === "repo" ? value === path : value === owner));
    }
    case "github_milestone":
      return config.repo.toLowerCase() === path;
    case "github_project_field":
      return config.owner.toLowerCase() === owner;
    default:
      return false;
  }
}
