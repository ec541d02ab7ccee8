/**
 * GitLab and GitHub as their public REST documentation describes them, served by a real HTTP
 * server for the source clients' tests: issue lists paged with X-Page/X-Next-Page/X-Total and
 * Link headers (GitLab), search counts, milestones, merge requests, epics, a project (v2)
 * through GraphQL with cursors (GitHub); 401 for a wrong token, 404 for an unknown project,
 * 429 with Retry-After (GitLab) or 403 with X-RateLimit-Remaining: 0 (GitHub) when told to.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const GITLAB_TOKEN = "glpat-fixture-token";
export const GITHUB_TOKEN = "ghp_fixture_token";

export interface FixtureIssue {
  iid: number;
  state: "opened" | "closed";
  labels: string[];
  weight: number | null;
  milestone: { id: number; title: string } | null;
  epicIid: number | null;
}

export interface ProjectItem {
  title: string;
  points: number | null;
}

export interface ForgeFixtures {
  url: string;
  /** GitLab project `acme/app` (id 42) in group `acme`. */
  gitlab: { issues: FixtureIssue[]; mergeRequests: Map<number, "opened" | "merged" | "closed"> };
  /** GitHub repo `acme/app`: issues as open/closed with labels; project 7 of org `acme`. */
  github: {
    issues: { state: "open" | "closed"; labels: string[]; pr: boolean }[];
    milestones: Map<number, { open: number; closed: number }>;
    projectItems: ProjectItem[];
  };
  /** The next `n` calls answer a rate limit asking to wait `retryAfterSeconds`. */
  rateLimit(n: number, retryAfterSeconds: number): void;
  /** Every request seen: method, path with query, and the token header sent. */
  requests: { method: string; url: string; token: string | null }[];
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
  });
}

/** One page of `items` with GitLab's pagination headers (and a Link header, as GitLab sends). */
function gitlabPage(res: ServerResponse, url: URL, items: unknown[]) {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 20), 100);
  const page = Number(url.searchParams.get("page") ?? 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const next = page < totalPages ? String(page + 1) : "";
  const headers: Record<string, string> = {
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-next-page": next,
    "x-prev-page": page > 1 ? String(page - 1) : "",
    "x-total": String(items.length),
    "x-total-pages": String(totalPages),
  };
  send(res, 200, items.slice((page - 1) * perPage, page * perPage), headers);
}

function gitlabIssueJson(issue: FixtureIssue) {
  return {
    id: 1000 + issue.iid,
    iid: issue.iid,
    project_id: 42,
    title: `Issue ${issue.iid}`,
    state: issue.state,
    labels: issue.labels,
    weight: issue.weight,
    milestone: issue.milestone,
    web_url: `https://gitlab.example.com/acme/app/-/issues/${issue.iid}`,
  };
}

export async function startForgeFixtures(): Promise<ForgeFixtures> {
  const state: Omit<ForgeFixtures, "url" | "close" | "rateLimit"> = {
    gitlab: { issues: [], mergeRequests: new Map() },
    github: { issues: [], milestones: new Map(), projectItems: [] },
    requests: [],
  };
  let limited = { left: 0, retryAfter: 1 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    const gitlabToken = req.headers["private-token"];
    const githubAuth = req.headers.authorization;
    state.requests.push({
      method: req.method ?? "GET",
      url: `${url.pathname}${url.search}`,
      token: (typeof gitlabToken === "string" ? gitlabToken : githubAuth) ?? null,
    });
    const body = req.method === "POST" ? await readBody(req) : "";

    if (url.pathname.startsWith("/gitlab/")) {
      if (gitlabToken !== GITLAB_TOKEN) return send(res, 401, { message: "401 Unauthorized" });
      if (limited.left > 0) {
        limited.left--;
        return send(
          res,
          429,
          { message: "Retry later" },
          {
            "retry-after": String(limited.retryAfter),
            "ratelimit-limit": "600",
            "ratelimit-remaining": "0",
            "ratelimit-reset": String(Math.floor(Date.now() / 1000) + limited.retryAfter),
          },
        );
      }
      const path = decodeURIComponent(url.pathname.slice("/gitlab/api/v4/".length));
      let issues = state.gitlab.issues;
      const labels = url.searchParams.get("labels")?.split(",").filter(Boolean) ?? [];
      const milestone = url.searchParams.get("milestone");
      issues = issues.filter(
        (i) =>
          labels.every((l) => i.labels.includes(l)) &&
          (!milestone || i.milestone?.title === milestone),
      );
      if (
        path === "projects/acme/app/issues" ||
        path === "projects/42/issues" ||
        path === "groups/acme/issues"
      )
        return gitlabPage(res, url, issues.map(gitlabIssueJson));
      const m1 = /^groups\/acme\/epics\/(\d+)\/issues$/.exec(path);
      if (m1) {
        const iid = Number(m1[1]);
        const inEpic = state.gitlab.issues.filter((i) => i.epicIid === iid);
        if (inEpic.length === 0) return send(res, 404, { message: "404 Epic Not Found" });
        return gitlabPage(res, url, inEpic.map(gitlabIssueJson));
      }
      const m2 = /^(?:projects\/acme\/app|groups\/acme)\/milestones\/(\d+)\/issues$/.exec(path);
      if (m2) {
        const id = Number(m2[1]);
        return gitlabPage(
          res,
          url,
          state.gitlab.issues.filter((i) => i.milestone?.id === id).map(gitlabIssueJson),
        );
      }
      const m3 = /^projects\/acme\/app\/merge_requests\/(\d+)$/.exec(path);
      if (m3) {
        const mr = state.gitlab.mergeRequests.get(Number(m3[1]));
        if (!mr) return send(res, 404, { message: "404 Not found" });
        return send(res, 200, { iid: Number(m3[1]), project_id: 42, state: mr });
      }
      return send(res, 404, { message: "404 Project Not Found" });
    }

    if (url.pathname.startsWith("/github/")) {
      if (githubAuth !== `Bearer ${GITHUB_TOKEN}`)
        return send(res, 401, {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest",
        });
      if (limited.left > 0) {
        limited.left--;
        return send(
          res,
          403,
          { message: "API rate limit exceeded" },
          {
            "x-ratelimit-limit": "30",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-used": "30",
            "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + limited.retryAfter),
          },
        );
      }
      const path = url.pathname.slice("/github".length);
      if (path === "/search/issues") {
        const q = url.searchParams.get("q") ?? "";
        if (!/\brepo:acme\/app\b/.test(q))
          return send(res, 422, {
            message: "Validation Failed",
            errors: [{ message: "repo not found" }],
          });
        const labels = [...q.matchAll(/label:(\S+)/g)].map((x) => x[1] as string);
        const closedOnly = /\bis:closed\b/.test(q);
        const prOnly = /\bis:pr\b/.test(q);
        const found = state.github.issues.filter(
          (i) =>
            labels.every((l) => i.labels.includes(l)) &&
            (!closedOnly || i.state === "closed") &&
            (!prOnly || i.pr),
        );
        return send(res, 200, { total_count: found.length, incomplete_results: false, items: [] });
      }
      const m4 = /^\/repos\/acme\/app\/milestones\/(\d+)$/.exec(path);
      if (m4) {
        const ms = state.github.milestones.get(Number(m4[1]));
        if (!ms) return send(res, 404, { message: "Not Found" });
        return send(res, 200, {
          number: Number(m4[1]),
          open_issues: ms.open,
          closed_issues: ms.closed,
        });
      }
      if (path === "/graphql" && req.method === "POST") {
        const { variables } = JSON.parse(body) as {
          variables: { login: string; number: number; field: string; after: string | null };
        };
        if (variables.login !== "acme" || variables.number !== 7)
          return send(res, 200, {
            data: { owner: { projectV2: null } },
            errors: [
              {
                type: "NOT_FOUND",
                message: `Could not resolve to a ProjectV2 with the number ${variables.number}.`,
              },
            ],
          });
        const start = variables.after ? Number(variables.after) : 0;
        const slice = state.github.projectItems.slice(start, start + 100);
        const end = start + slice.length;
        return send(res, 200, {
          data: {
            owner: {
              projectV2: {
                items: {
                  pageInfo: {
                    hasNextPage: end < state.github.projectItems.length,
                    endCursor: String(end),
                  },
                  nodes: slice.map((item) => ({
                    content: { title: item.title },
                    fieldValueByName:
                      variables.field === "Points" && item.points !== null
                        ? { number: item.points }
                        : null,
                  })),
                },
              },
            },
          },
        });
      }
      return send(res, 404, { message: "Not Found" });
    }

    if (url.pathname === "/slow") return; // never answers
    if (url.pathname === "/json/metrics")
      return send(res, 200, {
        data: {
          series: [
            { name: "arr", value: 1234.5 },
            { name: "mttr", value: "34" },
          ],
        },
      });
    if (url.pathname === "/json/secured") {
      if (req.headers["x-api-key"] !== "json-secret") return send(res, 401, { error: "no key" });
      return send(res, 200, { value: 7 });
    }
    return send(res, 404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    rateLimit(n, retryAfterSeconds) {
      limited = { left: n, retryAfter: retryAfterSeconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `n` GitLab issues numbered from 1, the first `closed` of them closed. */
export function gitlabIssues(
  n: number,
  closed: number,
  extra: Partial<FixtureIssue> | ((i: number) => Partial<FixtureIssue>) = {},
): FixtureIssue[] {
  return Array.from({ length: n }, (_, k) => ({
    iid: k + 1,
    state: k < closed ? "closed" : "opened",
    labels: [],
    weight: null,
    milestone: null,
    epicIid: null,
    ...(typeof extra === "function" ? extra(k) : extra),
  }));
}
