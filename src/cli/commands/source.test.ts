/** `okr connection` and `okr source` against GitLab fixtures served by a real HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import {
  type ForgeFixtures,
  GITLAB_TOKEN,
  gitlabIssues,
  startForgeFixtures,
} from "../../../test/support/forge-fixtures.js";
import { addKeyResultUnder, setSourceEnv } from "../../../test/support/source-fixtures.js";
import { withDatabase } from "./user.js";

describe.each(DIALECTS)("okr connection and okr source (%s)", (dialect) => {
  let database: EmptyDatabase;
  let forge: ForgeFixtures;
  let keyResultId: string;
  let restoreEnv: () => void;

  beforeAll(async () => {
    restoreEnv = setSourceEnv({ GITLAB_TOKEN });
    forge = await startForgeFixtures();
    forge.gitlab.issues = gitlabIssues(12, 7);
    database = await createEmptyDatabase(dialect);
    keyResultId = await withDatabase(database.url, async (deps) => {
      const kr = await addKeyResultUnder(
        deps,
        { period: "2026-Q2", objective: "Ship" },
        { title: "Close the issues", kind: "percentage" },
      );
      return kr.id;
    });
  });
  afterAll(async () => {
    restoreEnv?.();
    await forge?.close();
    await database?.drop();
  });

  it("adds a connection with a token from the environment, and never prints it", async () => {
    const db = ["--database-url", database.url];
    const empty = await okr([
      "connection",
      "add",
      "--name",
      "X",
      "--kind",
      "gitlab",
      "--base-url",
      "https://x",
      "--token-env",
      "NO_SUCH_VAR",
      ...db,
    ]);
    expect(empty.stderr).toBe(
      "okr: --token-env: the environment variable NO_SUCH_VAR is empty or unset (invalid_input)\n",
    );
    expect(empty.exitCode).toBe(2);
    const added = await okr([
      "connection",
      "add",
      "--name",
      "GitLab",
      "--kind",
      "gitlab",
      "--base-url",
      `${forge.url}/gitlab`,
      "--token-env",
      "GITLAB_TOKEN",
      ...db,
    ]);
    expect(added.stdout).toMatch(/^Added \S+\tGitLab\tgitlab\t/);
    const listed = await okr(["connection", "list", "--json", ...db]);
    expect(listed.stdout).not.toContain(GITLAB_TOKEN);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: "GitLab", hasToken: true, sources: 0 },
    ]);
  });

  it("previews, sets, refreshes, shows and removes a key result's source", async () => {
    const db = ["--database-url", database.url];
    const args = [
      "source",
      "set",
      keyResultId,
      "--connection",
      "GitLab",
      "--kind",
      "gitlab_issues",
      "--project",
      "acme/app",
    ];
    const preview = await okr([...args, "--preview", ...db]);
    expect(preview).toMatchObject({ stdout: "7 of 12 closed → 58%\n", exitCode: 0 });
    const set = await okr([...args, ...db]);
    expect(set.stdout).toBe(
      `Set gitlab_issues source via GitLab on ${keyResultId}; its first refresh is queued\n`,
    );
    const refreshed = await okr(["source", "refresh", keyResultId, ...db]);
    expect(refreshed.stdout).toBe("7 of 12 closed → 58%\n");
    forge.rateLimit(5, 3600);
    const failed = await okr(["source", "refresh", keyResultId, ...db]);
    expect(failed.stderr).toBe(
      "okr: GitLab rate limit reached (429); try again in 3600 s (upstream_failed)\n",
    );
    expect(failed.exitCode).toBe(1);
    forge.rateLimit(0, 0);
    const shown = await okr(["source", "show", keyResultId, ...db]);
    expect(shown.stdout).toMatch(
      /^gitlab_issues via GitLab: \{"kind":"gitlab_issues","project":"acme\/app","measure":"count"\}\nlast reading: 7 of 12 closed → 58% \(.+\)\nlast error \(.+\): GitLab rate limit reached/,
    );
    const busy = await okr(["connection", "remove", "GitLab", ...db]);
    expect(busy.stderr).toBe(
      "okr: 1 source reads through 'GitLab': remove it from its key result or KPI first (conflict)\n",
    );
    expect((await okr(["source", "remove", keyResultId, ...db])).stdout).toBe(
      `Removed the source of ${keyResultId}\n`,
    );
    expect((await okr(["source", "show", keyResultId, ...db])).stdout).toBe("No source.\n");
    expect((await okr(["connection", "remove", "GitLab", ...db])).exitCode).toBe(0);
  });
});
