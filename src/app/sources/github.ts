/**
 * GitHub (github.com, or Enterprise at `https://host/api/v3`) through its REST API: an issue or
 * pull-request search (closed of all, from the search's counts) and a milestone (its closed and
 * open issue counts); a project (v2) number field through GraphQL, read page by page.
 */
import type {
  GithubMilestoneConfig,
  GithubProjectFieldConfig,
  GithubSearchConfig,
} from "../../core/sources.js";
import { type ConnectionAccess, joinUrl, type SourceClient } from "./client.js";
import { fetchJson, type HttpOptions, SourceError } from "./http.js";

const SERVICE = "GitHub";

function headersOf(connection: ConnectionAccess): Record<string, string> {
  return {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    ...(connection.token ? { authorization: `Bearer ${connection.token}` } : {}),
  };
}

async function searchCount(
  connection: ConnectionAccess,
  query: string,
  options?: HttpOptions,
): Promise<number> {
  const url = new URL(joinUrl(connection.baseUrl, "search/issues"));
  url.searchParams.set("q", query);
  url.searchParams.set("per_page", "1");
  const answer = await fetchJson(
    SERVICE,
    url.toString(),
    { headers: headersOf(connection) },
    options,
  );
  const total = (answer.body as { total_count?: unknown }).total_count;
  if (typeof total !== "number")
    throw new SourceError("GitHub answered a search without total_count");
  return total;
}

export const githubSearch: SourceClient<GithubSearchConfig> = {
  async read(connection, config, options) {
    const base = config.query.replace(/\bis:(open|closed)\b/g, "").trim();
    const total = await searchCount(connection, base, options);
    const done = await searchCount(connection, `${base} is:closed`, options);
    return { type: "ratio", done, total, unit: "closed" };
  },
};

export const githubMilestone: SourceClient<GithubMilestoneConfig> = {
  async read(connection, config, options) {
    const [owner = "", repo = ""] = config.repo.split("/");
    const url = joinUrl(
      connection.baseUrl,
      `repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/milestones/${config.milestone}`,
    );
    const answer = await fetchJson(SERVICE, url, { headers: headersOf(connection) }, options);
    const body = answer.body as { open_issues?: unknown; closed_issues?: unknown };
    if (typeof body.open_issues !== "number" || typeof body.closed_issues !== "number")
      throw new SourceError("GitHub answered a milestone without issue counts");
    return {
      type: "ratio",
      done: body.closed_issues,
      total: body.open_issues + body.closed_issues,
      unit: "closed",
    };
  },
};

/** GraphQL beside the REST API: `/graphql` on github.com, `/api/graphql` on Enterprise. */
export function graphqlUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return /\/api\/v3$/.test(base) ? base.replace(/\/v3$/, "/graphql") : `${base}/graphql`;
}

const PROJECT_ITEMS = `query($login: String!, $number: Int!, $field: String!, $after: String) {
  owner: OWNER(login: $login) {
    projectV2(number: $number) {
      items(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          content { ... on Issue { title } ... on PullRequest { title } ... on DraftIssue { title } }
          fieldValueByName(name: $field) { ... on ProjectV2ItemFieldNumberValue { number } }
        }
      }
    }
  }
}`;

interface ItemsPage {
  data?: {
    owner?: {
      projectV2?: {
        items?: {
          pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
          nodes?: {
            content?: { title?: string } | null;
            fieldValueByName?: { number?: number | null } | null;
          }[];
        };
      } | null;
    } | null;
  };
  errors?: { message?: string }[];
}

export const githubProjectField: SourceClient<GithubProjectFieldConfig> = {
  async read(connection, config, options) {
    const query = PROJECT_ITEMS.replace("OWNER", config.ownerType);
    let after: string | null = null;
    let sum = 0;
    let found = false;
    for (let page = 0; page < 100; page++) {
      const answer = await fetchJson(
        SERVICE,
        graphqlUrl(connection.baseUrl),
        {
          method: "POST",
          headers: { ...headersOf(connection), "content-type": "application/json" },
          body: JSON.stringify({
            query,
            variables: { login: config.owner, number: config.project, field: config.field, after },
          }),
        },
        options,
      );
      const body = answer.body as ItemsPage;
      if (body.errors?.length)
        throw new SourceError(`GitHub GraphQL: ${body.errors[0]?.message ?? "error"}`);
      const items = body.data?.owner?.projectV2?.items;
      if (!items)
        throw new SourceError(`GitHub has no project ${config.project} of ${config.owner}`, 404);
      for (const node of items.nodes ?? []) {
        if (config.item !== undefined && node.content?.title !== config.item) continue;
        const n = node.fieldValueByName?.number;
        if (typeof n === "number") {
          sum += n;
          found = true;
        }
      }
      if (!items.pageInfo?.hasNextPage) break;
      after = items.pageInfo.endCursor ?? null;
    }
    if (!found) {
      const which = config.item === undefined ? "no item" : `no item titled '${config.item}'`;
      throw new SourceError(
        `GitHub project ${config.project}: ${which} has a number in '${config.field}'`,
      );
    }
    return { type: "value", value: sum };
  },
};
