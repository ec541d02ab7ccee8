/**
 * The source clients against GitLab and GitHub as documented (a real HTTP server serving their
 * answers): pages followed, rate limits waited out or reported, 401/404 said in words, and the
 * JSON path and Prometheus answers read to one number.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ForgeFixtures,
  GITHUB_TOKEN,
  GITLAB_TOKEN,
  gitlabIssues,
  startForgeFixtures,
} from "../../../test/support/forge-fixtures.js";
import type { SourceConfig } from "../../core/sources.js";
import { type ConnectionAccess, readSource } from "./index.js";
import { numberOfPrometheusAnswer } from "./metrics.js";

let forge: ForgeFixtures;
let gitlab: ConnectionAccess;
let github: ConnectionAccess;

beforeAll(async () => {
  forge = await startForgeFixtures();
  gitlab = {
    kind: "gitlab",
    baseUrl: `${forge.url}/gitlab`,
    token: GITLAB_TOKEN,
    authHeader: null,
  };
  github = {
    kind: "github",
    baseUrl: `${forge.url}/github`,
    token: GITHUB_TOKEN,
    authHeader: null,
  };
});
afterAll(() => forge?.close());
beforeEach(() => {
  forge.requests.length = 0;
  forge.rateLimit(0, 0);
});

const read = (connection: ConnectionAccess, config: SourceConfig) => readSource(connection, config);

describe("GitLab", () => {
  it("counts a project's labelled issues across every page (X-Next-Page)", async () => {
    forge.gitlab.issues = gitlabIssues(250, 180, (k) => ({ labels: k % 2 === 0 ? ["okr"] : [] }));
    const all = await read(gitlab, {
      kind: "gitlab_issues",
      project: "acme/app",
      measure: "count",
    });
    expect(all).toEqual({ type: "ratio", done: 180, total: 250, unit: "closed" });
    const pages = forge.requests.map((r) => new URL(r.url, "http://x").searchParams.get("page"));
    expect(pages).toEqual([null, "2", "3"]);
    expect(forge.requests[0]?.url).toContain("/gitlab/api/v4/projects/acme%2Fapp/issues");
    const labelled = await read(gitlab, {
      kind: "gitlab_issues",
      group: "acme",
      labels: "okr",
      measure: "count",
    });
    expect(labelled).toEqual({ type: "ratio", done: 90, total: 125, unit: "closed" });
  });

  it("weighs issues by their weight, an issue without one weighing nothing", async () => {
    forge.gitlab.issues = gitlabIssues(4, 2, (k) => ({ weight: [3, null, 5, 2][k] ?? null }));
    const reading = await read(gitlab, {
      kind: "gitlab_issues",
      project: "acme/app",
      measure: "weight",
    });
    expect(reading).toEqual({ type: "ratio", done: 3, total: 10, unit: "weight" });
  });

  it("reads an epic's issues, a milestone's issues and a merge request", async () => {
    forge.gitlab.issues = gitlabIssues(12, 7, (k) => ({
      epicIid: k < 10 ? 5 : null,
      milestone: k >= 4 ? { id: 9, title: "14.0" } : null,
      labels: k % 2 ? ["okr"] : [],
    }));
    expect(await read(gitlab, { kind: "gitlab_epic", group: "acme", epic: 5 })).toEqual({
      type: "ratio",
      done: 7,
      total: 10,
      unit: "closed",
    });
    const epicFiltered = await read(gitlab, {
      kind: "gitlab_issues",
      group: "acme",
      epic: 5,
      labels: "okr",
      measure: "count",
    });
    expect(epicFiltered).toEqual({ type: "ratio", done: 3, total: 5, unit: "closed" });
    expect(
      await read(gitlab, { kind: "gitlab_milestone", project: "acme/app", milestone: 9 }),
    ).toEqual({
      type: "ratio",
      done: 3,
      total: 8,
      unit: "closed",
    });
    forge.gitlab.mergeRequests.set(17, "merged").set(18, "opened");
    const merged = await read(gitlab, {
      kind: "gitlab_merge_request",
      project: "acme/app",
      mergeRequest: 17,
    });
    expect(merged).toEqual({ type: "ratio", done: 1, total: 1, unit: "merged" });
    const open = await read(gitlab, {
      kind: "gitlab_merge_request",
      project: "acme/app",
      mergeRequest: 18,
    });
    expect(open).toMatchObject({ done: 0 });
  });

  it("says what is wrong on 401 and 404, never showing the token", async () => {
    const wrong = { ...gitlab, token: "glpat-wrong" };
    const unauthorized = read(wrong, {
      kind: "gitlab_issues",
      project: "acme/app",
      measure: "count",
    });
    await expect(unauthorized).rejects.toThrow(
      /refused the connection's token \(401 Unauthorized\)/,
    );
    await expect(unauthorized).rejects.not.toThrow(/glpat/);
    await expect(
      read(gitlab, { kind: "gitlab_issues", project: "acme/nope", measure: "count" }),
    ).rejects.toThrow(/GitLab has nothing at .*projects\/acme%2Fnope\/issues \(404 Not Found\)/);
  });

  it("waits out a short rate limit (429 Retry-After) and reports a long one", async () => {
    forge.gitlab.issues = gitlabIssues(3, 1);
    forge.rateLimit(1, 1);
    const reading = await read(gitlab, {
      kind: "gitlab_issues",
      project: "acme/app",
      measure: "count",
    });
    expect(reading).toMatchObject({ done: 1, total: 3 });
    expect(forge.requests).toHaveLength(2);
    forge.rateLimit(5, 3600);
    await expect(
      read(gitlab, { kind: "gitlab_issues", project: "acme/app", measure: "count" }),
    ).rejects.toThrow("GitLab rate limit reached (429); try again in 3600 s");
  });

  it("gives up on a server that does not answer in time", async () => {
    const reading = readSource(
      { kind: "http", baseUrl: `${forge.url}/`, token: null, authHeader: null },
      { kind: "http_json", url: "slow", path: "$.x" },
      { timeoutMs: 200 },
    );
    await expect(reading).rejects.toThrow(/The endpoint did not answer within 0.2 s/);
  });
});

describe("GitHub", () => {
  it("counts a search's closed of all, and a milestone's", async () => {
    forge.github.issues = [
      ...Array.from({ length: 5 }, () => ({
        state: "closed" as const,
        labels: ["okr"],
        pr: false,
      })),
      ...Array.from({ length: 3 }, () => ({ state: "open" as const, labels: ["okr"], pr: false })),
      { state: "open" as const, labels: [], pr: true },
    ];
    const reading = await read(github, { kind: "github_search", query: "repo:acme/app label:okr" });
    expect(reading).toEqual({ type: "ratio", done: 5, total: 8, unit: "closed" });
    expect(forge.requests.map((r) => new URL(r.url, "http://x").searchParams.get("q"))).toEqual([
      "repo:acme/app label:okr",
      "repo:acme/app label:okr is:closed",
    ]);
    forge.github.milestones.set(3, { open: 4, closed: 6 });
    expect(
      await read(github, { kind: "github_milestone", repo: "acme/app", milestone: 3 }),
    ).toEqual({
      type: "ratio",
      done: 6,
      total: 10,
      unit: "closed",
    });
  });

  it("sums a project's number field over every page of items, or reads one item's", async () => {
    forge.github.projectItems = Array.from({ length: 230 }, (_, k) => ({
      title: `Item ${k}`,
      points: k % 10 === 0 ? null : 2,
    }));
    const config = {
      kind: "github_project_field" as const,
      owner: "acme",
      ownerType: "organization" as const,
      project: 7,
      field: "Points",
    };
    expect(await read(github, config)).toEqual({ type: "value", value: 2 * 207 });
    expect(forge.requests.filter((r) => r.url === "/github/graphql")).toHaveLength(3);
    expect(await read(github, { ...config, item: "Item 5" })).toEqual({ type: "value", value: 2 });
    await expect(read(github, { ...config, project: 8 })).rejects.toThrow(
      "GitHub GraphQL: Could not resolve to a ProjectV2 with the number 8.",
    );
  });

  it("reports a spent rate limit (403 with X-RateLimit-Remaining: 0) with its reset", async () => {
    forge.rateLimit(5, 600);
    await expect(read(github, { kind: "github_search", query: "repo:acme/app" })).rejects.toThrow(
      /GitHub rate limit reached \(403\); try again in 60\d s/,
    );
  });

  it("says a wrong token was refused", async () => {
    await expect(
      read(
        { ...github, token: "ghp_wrong" },
        { kind: "github_milestone", repo: "acme/app", milestone: 3 },
      ),
    ).rejects.toThrow(/GitHub refused the connection's token \(401 Unauthorized\)/);
  });
});

describe("HTTP JSON and Prometheus answers", () => {
  const endpoint = (
    token: string | null = null,
    authHeader: string | null = null,
  ): ConnectionAccess => ({
    kind: "http",
    baseUrl: `${forge.url}/json`,
    token,
    authHeader,
  });

  it("reads the number a JSON path leads to, a numeric string too", async () => {
    expect(
      await read(endpoint(), { kind: "http_json", url: "metrics", path: "$.data.series[0].value" }),
    ).toEqual({ type: "value", value: 1234.5 });
    expect(
      await read(endpoint(), {
        kind: "http_json",
        url: "metrics",
        path: "$.data.series[?(@.name=='mttr')].value",
      }),
    ).toEqual({ type: "value", value: 34 });
  });

  it("refuses a path that matches nothing, several values or no number", async () => {
    const at = (path: string) => read(endpoint(), { kind: "http_json", url: "metrics", path });
    await expect(at("$.data.nope")).rejects.toThrow(
      "The JSON path '$.data.nope' matches nothing in the answer",
    );
    await expect(at("$.data.series[*].value")).rejects.toThrow(
      "matches 2 values; it must match one",
    );
    await expect(at("$.data.series[0].name")).rejects.toThrow("leads to text, not a number");
  });

  it("sends the token in the connection's header, and never outside its base URL", async () => {
    const secured = { kind: "http_json" as const, url: "secured", path: "$.value" };
    await expect(read(endpoint(), secured)).rejects.toThrow(/401/);
    expect(await read(endpoint("json-secret", "X-Api-Key"), secured)).toEqual({
      type: "value",
      value: 7,
    });
    await expect(
      read(endpoint("json-secret", "X-Api-Key"), {
        ...secured,
        url: "http://elsewhere.example/steal",
      }),
    ).rejects.toThrow(/is outside the connection's/);
  });

  it("takes one number from an instant query, and says why not otherwise", () => {
    const vector = (values: string[]) => ({
      status: "success",
      data: { resultType: "vector", result: values.map((v) => ({ metric: {}, value: [1, v] })) },
    });
    expect(numberOfPrometheusAnswer(vector(["0.25"]))).toBe(0.25);
    expect(
      numberOfPrometheusAnswer({
        status: "success",
        data: { resultType: "scalar", result: [1, "3"] },
      }),
    ).toBe(3);
    expect(() => numberOfPrometheusAnswer(vector([]))).toThrow("returned no series");
    expect(() => numberOfPrometheusAnswer(vector(["1", "2"]))).toThrow(
      "returned 2 series; make it one",
    );
    expect(() => numberOfPrometheusAnswer(vector(["NaN"]))).toThrow("returned NaN, not a number");
    expect(() => numberOfPrometheusAnswer({ status: "error", error: "parse error" })).toThrow(
      "Prometheus refused the query: parse error",
    );
  });
});
